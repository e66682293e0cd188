/**
 * One dataset's trace as a LangGraph graph: sourcing → extraction → tracing → aggregation,
 * each agent a node reading and writing typed state. A dataset the Hub does not have goes
 * straight to aggregation, which records it as a terminal node.
 */
import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
import type { Extractor } from "@/agents/extraction/extractor";
import { mergeCandidates, type MergedCandidate } from "@/agents/extraction/merge";
import { CLEANING_REASONS } from "@/agents/extraction/rules";
import { quoteOccursIn, verifyEdges } from "@/agents/extraction/verify";
import { sourceDataset } from "@/agents/sourcing/sourcing";
import { aliasFor } from "@/agents/tracing/alias-map";
import { datasetInfoOnce, traceCandidates, type TraceResult } from "@/agents/tracing/trace";
import { stopsTheCrawl } from "@/lib/hub/interrupts";
import type { ExtractResult } from "@/agents/extraction/rules";
import { parseKey } from "@/lib/keys";
import type { AgentName, AggregateResult, Candidate, Cleaning, HubPort, LineageStore, LinkedEndpoints, SourceDoc, SourcingResult, StepEvent } from "./types";

export type PipelineDeps = {
  hub: HubPort;
  hubUrl: string;
  store: LineageStore;
  extractor: Extractor;
  endpoints: LinkedEndpoints;
  runId: string | null;
  onStep?: (event: StepEvent) => void;
  /** Lookups shared across the datasets of one run. */
  memo?: Map<string, Promise<unknown>>;
};

const TraceState = Annotation.Root({
  key: Annotation<string>,
  source: Annotation<SourcingResult | null>({ reducer: (_, v) => v, default: () => null }),
  candidates: Annotation<MergedCandidate[]>({ reducer: (_, v) => v, default: () => [] }),
  cleanings: Annotation<Cleaning[]>({ reducer: (_, v) => v, default: () => [] }),
  traced: Annotation<TraceResult | null>({ reducer: (_, v) => v, default: () => null }),
  outcome: Annotation<AggregateResult | null>({ reducer: (_, v) => v, default: () => null }),
});

type State = typeof TraceState.State;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function buildTraceGraph(deps: PipelineDeps) {
  const memo = deps.memo ?? new Map<string, Promise<unknown>>();
  const aliases = () => (memo.get("aliases") ?? memo.set("aliases", deps.store.aliasMap()).get("aliases")) as Promise<Map<string, string>>;

  const sourcingHub: HubPort = { ...deps.hub, datasetInfo: (id) => datasetInfoOnce(memo, deps.hub, id) };

  /** One extraction per text read in this run: the card's is started early (below) and taken up by the extraction step. */
  const extracted = new Map<string, Promise<ExtractResult>>();
  const extractionOf = (doc: SourceDoc) => `${doc.source}\u0000${doc.url}`;
  const extract = (dataset: string, doc: SourceDoc, known: Map<string, string>) => {
    const id = extractionOf(doc);
    let hit = extracted.get(id);
    if (!hit) {
      extracted.set(id, (hit = deps.extractor.extract({ dataset, text: doc.text, source: doc.source, aliases: known })));
      // A failed extraction is not kept: the dataset's retry extracts again.
      hit.catch(() => extracted.delete(id));
    }
    return hit;
  };

  /**
   * As soon as the card is read, its candidates are extracted and their Hub facts asked for,
   * while the texts it links to are still being fetched: the tracing agent finds the answers in
   * the run's memo instead of waiting another round trip. Same extraction, same verification and
   * same lookups the later steps make, only earlier; a failure here is met again there.
   */
  const lookAhead = (card: SourceDoc, dataset: string) => {
    void aliases()
      .then((known) => extract(dataset, card, known))
      .then(({ edges }) => {
        for (const edge of verifyEdges(edges, card.text).kept) {
          if (parseKey(edge.upstream)?.scheme === "HUB") datasetInfoOnce(memo, deps.hub, edge.upstream).catch(() => undefined);
        }
      })
      .catch(() => undefined);
  };

  async function timed<T>(agent: AgentName, key: string, work: () => Promise<T>, describe: (value: T) => string): Promise<T> {
    const started = Date.now();
    let value: T;
    try {
      value = await work();
    } catch (error) {
      // The step that failed says so; the crawl records the dataset as failed (or, for a wait or the
      // run's time running out, stops and leaves it for later).
      const verb = stopsTheCrawl(error) ? "stopped" : "failed";
      deps.onStep?.({ agent, key, message: `${verb}: ${error instanceof Error ? error.message : String(error)}`, at: new Date().toISOString(), durationMs: Date.now() - started });
      throw error;
    }
    deps.onStep?.({ agent, key, message: describe(value), at: new Date().toISOString(), durationMs: Date.now() - started });
    return value;
  }

  const sourcing = async (state: State) => {
    const source = await timed(
      "sourcing",
      state.key,
      () => sourceDataset(state.key, { ...deps, hub: sourcingHub, onCard: lookAhead, log: (message) => deps.onStep?.({ agent: "sourcing", key: state.key, message, at: new Date().toISOString() }) }),
      (s) =>
        s.found
          ? `read ${plural(s.docs.length, "text")} (${s.docs.map((d) => d.source).join(", ") || "none"})${s.skipped.length ? `; skipped ${s.skipped.map((k) => k.reason).join("; ")}` : ""}`
          : s.reason,
    );
    return { source };
  };

  const extraction = async (state: State) => {
    const source = state.source;
    if (!source?.found) return { candidates: [] };
    const known = await aliases();
    return timed(
      "extraction",
      state.key,
      async () => {
        const found: Candidate[] = [];
        const cleanings: Cleaning[] = [];
        let unverified = 0;
        for (const doc of source.docs) {
          const { edges, dropped: notUpstreams } = await extract(source.facts.id, doc, known).finally(() => extracted.delete(extractionOf(doc)));
          // Whatever the model, a quote that is not in the text is not evidence.
          const { kept, dropped } = verifyEdges(edges, doc.text);
          unverified += dropped.length;
          found.push(...kept.map((edge) => ({ ...edge, url: doc.url })));
          for (const d of notUpstreams) {
            if (!d.key || !d.quote || !CLEANING_REASONS.has(d.reason) || !quoteOccursIn(d.quote, doc.text)) continue;
            if (!cleanings.some((c) => c.key.toLowerCase() === d.key!.toLowerCase() && c.quote === d.quote)) {
              cleanings.push({ key: d.key, kind: d.reason === "removed" ? "removed" : "decontaminated", source: doc.source, url: doc.url, quote: d.quote });
            }
          }
        }
        return { candidates: mergeCandidates(found), cleanings, unverified };
      },
      (r) =>
        `${plural(r.candidates.length, "candidate upstream")} with ${deps.extractor.id}` +
        `${r.cleanings.length ? `; cleaned of ${r.cleanings.map((c) => c.key).join(", ")}` : ""}` +
        `${r.unverified ? `; dropped ${plural(r.unverified, "edge")} whose quote is not in the text` : ""}`,
    ).then(({ candidates, cleanings }) => ({ candidates, cleanings }));
  };

  const tracing = async (state: State) => {
    const source = state.source;
    if (!source?.found) return { traced: null };
    const traced = await timed(
      "tracing",
      state.key,
      async () => traceCandidates({ target: { key: source.facts.id, createdAt: source.facts.createdAt }, candidates: state.candidates, aliases: await aliases(), hub: deps.hub, memo }),
      (t) => {
        const resolved = t.edges.filter((e) => e.via !== "external").length;
        const drops = t.dropped.map((d) => `${d.candidate}: ${d.reason}`);
        return `${plural(t.edges.length, "upstream")} (${resolved} on the Hub or known)${drops.length ? `; refused ${drops.join("; ")}` : ""}`;
      },
    );
    return { traced };
  };

  let aliasesLoaded: Map<string, string> = new Map();
  const aggregation = async (state: State) => {
    aliasesLoaded = await aliases();
    const source = state.source;
    const traced = state.traced;
    const edges = traced?.edges ?? [];
    const terminal = !source?.found
      ? { reason: "NOT_ON_HUB" as const, detail: source?.reason ?? "not on the Hub" }
      : edges.length === 0
        ? { reason: "NO_SOURCES_FOUND" as const, detail: `no upstream named in ${plural(source.docs.length, "text")} read` }
        : null;
    const outcome = await timed(
      "aggregation",
      state.key,
      () =>
        deps.store.aggregate({
          runId: deps.runId,
          key: source?.found ? source.facts.id : state.key,
          facts: source?.found ? source.facts : null,
          notOnHub: !source?.found,
          edges,
          upstreams: traced?.upstreams ?? [],
          cleanings: resolveCleanings(state.cleanings, aliasesLoaded),
          mentions: (traced?.dropped ?? []).flatMap((d) => (d.mention ? [d.mention] : [])),
          terminal,
        }),
      (o) =>
        terminal
          ? `marked terminal: ${terminal.detail}`
          : `${plural(o.edgesCreated, "edge")} added, ${o.edgesUpdated} updated, ${plural(o.evidenceAdded, "quote")} stored${o.skipped.length ? `; skipped ${o.skipped.map((s) => `${s.upstream} (${s.reason})`).join(", ")}` : ""}${o.mentionsAdded ? `; kept ${plural(o.mentionsAdded, "new mention")} of ids not on the Hub` : ""}`,
    );
    return { outcome };
  };

  return new StateGraph(TraceState)
    .addNode("sourcing", sourcing)
    .addNode("extraction", extraction)
    .addNode("tracing", tracing)
    .addNode("aggregation", aggregation)
    .addEdge(START, "sourcing")
    .addConditionalEdges("sourcing", (s: State) => (s.source?.found ? "extraction" : "aggregation"), ["extraction", "aggregation"])
    .addEdge("extraction", "tracing")
    .addEdge("tracing", "aggregation")
    .addEdge("aggregation", END)
    .compile();
}

export type TraceGraph = ReturnType<typeof buildTraceGraph>;

/** What aggregation stored, and whether the Hub answered that it has no such dataset. */
export type TraceOutcome = AggregateResult & { notOnHub: boolean };

export async function traceDataset(graph: TraceGraph, key: string): Promise<TraceOutcome> {
  const final = await graph.invoke({ key });
  return { ...final.outcome!, notOnHub: final.source?.found === false };
}

/** Free names of cleaned benchmarks go through the alias table; what stays free is kept as named. */
function resolveCleanings(cleanings: Cleaning[], aliases: Map<string, string>): Cleaning[] {
  return cleanings.map((c) => ({ ...c, key: aliasFor(c.key, aliases) ?? c.key }));
}
