/**
 * Agent benchmark: how fast rules-mode extraction reads cards, and how fast the real
 * pipeline crawls a 400-dataset fake Hub (with and without simulated network latency), with
 * the crawl's edge recall and precision against the generated Hub's ground truth.
 *
 *   npm run bench -- agents
 */
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { extractRules } from "@/agents/extraction/rules";
import { verifyEdges } from "@/agents/extraction/verify";
import { buildAliasMap as aliasMap } from "@/agents/tracing/alias-map";
import { syntheticHub } from "@/test-support/fake-hub/synthetic";
import { EXPECTED_UPSTREAMS, FIXTURE_ALIASES, FIXTURE_WORLD } from "@/test-support/fake-hub/world";
import { normalizeKey } from "@/lib/keys";
import { RESULT_PREFIX, type CrawlResult } from "./agents-crawl";
import { median, round, table } from "./lib/stats";

export const description = "rules extraction throughput; fake-Hub crawl of 400 datasets";

const PASSES = Math.max(3, Number(process.env.BENCH_REPEATS) || 5);
const CRAWL_SCRIPT = path.join(import.meta.dirname, "agents-crawl.ts");
const ROOT_DIR = path.resolve(import.meta.dirname, "..");
const CRAWL_LIMIT_MS = 600_000;
// The sequential crawl (latency 50 ms, concurrency 1) takes over two minutes: every Hub round
// trip is paid in series. It is a comparison point, so it runs only when asked for.
const SEQUENTIAL = process.env.BENCH_AGENTS_SEQUENTIAL === "1";
const SLOW_LATENCY_MS = 50;

type Corpus = { name: string; cards: { dataset: string; text: string }[]; aliases: Map<string, string>; truth: Map<string, Set<string>> };

function corpora(): Corpus[] {
  const synth = syntheticHub({ count: 400, seed: 1 });
  const synthTruth = new Map<string, Set<string>>();
  for (const e of synth.edges) synthTruth.set(normalizeKey(e.downstream), (synthTruth.get(normalizeKey(e.downstream)) ?? new Set()).add(normalizeKey(e.upstream)));
  const cardsOf = (datasets: Record<string, { card?: string | null }>) =>
    Object.entries(datasets).flatMap(([dataset, d]) => (d.card ? [{ dataset, text: d.card }] : []));
  return [
    { name: "synthetic-400", cards: cardsOf(synth.datasets), aliases: aliasMap(Object.keys(synth.datasets)), truth: synthTruth },
    {
      name: "fixture-world",
      cards: cardsOf(FIXTURE_WORLD),
      aliases: aliasMap(Object.keys(FIXTURE_WORLD), FIXTURE_ALIASES),
      truth: new Map(Object.entries(EXPECTED_UPSTREAMS).map(([k, ups]) => [normalizeKey(k), new Set(ups.map(normalizeKey))])),
    },
  ];
}

type ExtractionResult = {
  corpus: string;
  cards: number;
  kb: number;
  medianMs: number;
  cardsPerSec: number;
  kbPerSec: number;
  edgesKept: number;
  droppedByVerify: number;
  recall: number;
  precision: number;
};

function extractAll(corpus: Corpus) {
  let kept = 0;
  let dropped = 0;
  const found = new Map<string, Set<string>>();
  for (const card of corpus.cards) {
    const { edges } = extractRules({ dataset: card.dataset, text: card.text, source: "card", aliases: corpus.aliases });
    const verified = verifyEdges(edges, card.text);
    kept += verified.kept.length;
    dropped += verified.dropped.length;
    found.set(normalizeKey(card.dataset), new Set(verified.kept.map((e) => normalizeKey(e.upstream))));
  }
  return { kept, dropped, found };
}

function benchExtraction(corpus: Corpus): ExtractionResult {
  const warm = extractAll(corpus);
  const times: number[] = [];
  for (let i = 0; i < PASSES; i++) {
    const started = performance.now();
    extractAll(corpus);
    times.push(performance.now() - started);
  }
  let expected = 0;
  let hits = 0;
  let extracted = 0;
  for (const card of corpus.cards) {
    const want = corpus.truth.get(normalizeKey(card.dataset)) ?? new Set<string>();
    const got = warm.found.get(normalizeKey(card.dataset)) ?? new Set<string>();
    expected += want.size;
    extracted += got.size;
    for (const key of got) if (want.has(key)) hits++;
  }
  const medianMs = median(times);
  const kb = corpus.cards.reduce((sum, c) => sum + Buffer.byteLength(c.text), 0) / 1024;
  return {
    corpus: corpus.name,
    cards: corpus.cards.length,
    kb: round(kb),
    medianMs: round(medianMs, 2),
    cardsPerSec: round(corpus.cards.length / (medianMs / 1000)),
    kbPerSec: round(kb / (medianMs / 1000)),
    edgesKept: warm.kept,
    droppedByVerify: warm.dropped,
    recall: round(expected ? hits / expected : 1, 3),
    precision: round(extracted ? hits / extracted : 1, 3),
  };
}

type CrawlConfig = { latencyMs: number; concurrency: number };
type CrawlOutcome = { config: CrawlConfig; result: CrawlResult | null; skipped: string | null };

/** One crawl in its own process, so each starts from an empty in-memory database. */
function runCrawl(config: CrawlConfig): Promise<CrawlOutcome> {
  return new Promise((resolve) => {
    const args = ["--import", "tsx", "--conditions=react-server", CRAWL_SCRIPT, "--latency", String(config.latencyMs), "--concurrency", String(config.concurrency)];
    // Same process group, so Ctrl-C reaches the crawl too; one process (no tsx wrapper), so a kill stops it.
    const child = spawn(process.execPath, args, { cwd: ROOT_DIR, env: process.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    let timedOut = false;
    const stop = () => child.kill("SIGKILL");
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, CRAWL_LIMIT_MS);
    process.once("exit", stop);
    child.on("close", (code) => {
      clearTimeout(timer);
      process.off("exit", stop);
      if (timedOut) return resolve({ config, result: null, skipped: `stopped after ${CRAWL_LIMIT_MS / 1000} s` });
      const line = stdout.split("\n").find((l) => l.startsWith(RESULT_PREFIX));
      if (code !== 0 || !line) return resolve({ config, result: null, skipped: `failed (exit ${code}): ${(stderr || stdout).trim().split("\n").slice(-5).join(" | ")}` });
      resolve({ config, result: JSON.parse(line.slice(RESULT_PREFIX.length)) as CrawlResult, skipped: null });
    });
  });
}

const pct = (part: number, whole: number) => (whole ? `${round((100 * part) / whole)}%` : "n/a");

function crawlSummary(o: CrawlOutcome) {
  const r = o.result;
  const base = { latencyMs: o.config.latencyMs, concurrency: o.config.concurrency };
  if (!r) return { ...base, skipped: o.skipped };
  return {
    ...base,
    state: r.state,
    wallS: round(r.wallMs / 1000, 2),
    traced: r.traced,
    datasets: r.datasets,
    failed: r.failed,
    edgesCreated: r.edgesCreated,
    datasetsPerSec: round(r.traced / (r.wallMs / 1000), 2),
    hubRequests: r.hubRequests,
    recall: round(r.truthEdges ? r.matched / r.truthEdges : 1, 3),
    precision: round(r.storedEdges ? r.matched / r.storedEdges : 1, 3),
    relationAgreement: round(r.matched ? r.relationAgrees / r.matched : 1, 3),
  };
}

export async function run(): Promise<Record<string, unknown>> {
  console.log(`\nAgents benchmark (${os.cpus().length} cores, ${os.cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version})`);

  console.log(`\n1. Rules-mode extraction (extractRules + verifyEdges), median of ${PASSES} passes after one warm-up\n`);
  const extraction = corpora().map(benchExtraction);
  console.log(
    table([
      ["corpus", "cards", "KB", "median ms", "cards/s", "KB/s", "edges kept", "verify drops", "upstream recall", "upstream precision"],
      ...extraction.map((e) => [e.corpus, e.cards, e.kb, e.medianMs, e.cardsPerSec, e.kbPerSec, e.edgesKept, e.droppedByVerify, e.recall, e.precision]),
    ]),
  );

  console.log(`\n2. Fake-Hub crawl, syntheticHub({count: 400, seed: 1}), rules model, fresh in-memory PGlite per crawl\n`);
  const configs: CrawlConfig[] = [
    { latencyMs: 0, concurrency: 8 },
    { latencyMs: SLOW_LATENCY_MS, concurrency: 8 },
    ...(SEQUENTIAL ? [{ latencyMs: SLOW_LATENCY_MS, concurrency: 1 }] : []),
  ];
  // One after another: on a small machine, parallel crawls would measure each other.
  const outcomes: CrawlOutcome[] = [];
  for (const config of configs) {
    console.log(`[bench] crawling at latency ${config.latencyMs} ms, concurrency ${config.concurrency}`);
    outcomes.push(await runCrawl(config));
  }
  const rows: (string | number)[][] = [["latency ms", "concurrency", "state", "wall s", "traced", "edges created", "datasets/s", "hub requests", "edge recall", "edge precision", "relation agrees"]];
  for (const o of outcomes) {
    const r = o.result;
    if (!r) {
      rows.push([o.config.latencyMs, o.config.concurrency, "skipped", "-", "-", "-", "-", "-", "-", "-", "-"]);
      continue;
    }
    rows.push([
      r.latencyMs,
      r.concurrency,
      r.state,
      round(r.wallMs / 1000, 2),
      `${r.traced}/${r.datasets}`,
      r.edgesCreated,
      round(r.traced / (r.wallMs / 1000), 2),
      r.hubRequests,
      `${r.matched}/${r.truthEdges} (${pct(r.matched, r.truthEdges)})`,
      `${r.matched}/${r.storedEdges} (${pct(r.matched, r.storedEdges)})`,
      pct(r.relationAgrees, r.matched),
    ]);
  }
  console.log(`\n${table(rows)}`);
  for (const o of outcomes) {
    if (o.skipped) console.log(`note: latency ${o.config.latencyMs} ms, concurrency ${o.config.concurrency}: ${o.skipped}`);
    const r = o.result;
    if (!r) continue;
    if (r.error) console.log(`note: latency ${r.latencyMs} ms, concurrency ${r.concurrency}: run error: ${r.error}`);
    if (r.missedExamples.length) console.log(`missed (latency ${r.latencyMs}, c ${r.concurrency}), e.g. ${r.missedExamples.slice(0, 3).join("; ")}`);
    if (r.extraExamples.length) console.log(`not in ground truth (latency ${r.latencyMs}, c ${r.concurrency}), e.g. ${r.extraExamples.slice(0, 3).join("; ")}`);
  }
  if (!SEQUENTIAL) {
    const requests = outcomes.find((o) => o.config.latencyMs === SLOW_LATENCY_MS)?.result?.hubRequests;
    const floor = requests ? ` (its ${requests} Hub round trips alone take ${round((requests * SLOW_LATENCY_MS) / 1000)} s in series)` : "";
    console.log(`note: latency ${SLOW_LATENCY_MS} ms, concurrency 1 not run${floor}; BENCH_AGENTS_SEQUENTIAL=1 adds it`);
  }
  const migrate = outcomes.flatMap((o) => (o.result ? [o.result.migrateMs] : []));
  if (migrate.length) console.log(`(wall time excludes the in-memory migration, median ${round(median(migrate) / 1000, 2)} s per crawl)`);

  const summary = {
    bench: "agents",
    cores: os.cpus().length,
    node: process.version,
    extraction: extraction.map(({ corpus, cards, medianMs, cardsPerSec, kbPerSec, recall, precision }) => ({ corpus, cards, medianMs, cardsPerSec, kbPerSec, recall, precision })),
    crawl: outcomes.map(crawlSummary),
  };
  return summary;
}
