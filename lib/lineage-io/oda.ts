import { createHash } from "node:crypto";
import { displayNameFor, externalUrl, keyFromName, normalizeKey, parseKey, type KeyScheme } from "@/lib/keys";
import {
  CRAWL_STATES,
  DOMAIN_LABELS,
  RELATION_LABELS,
  RELATIONS,
  type CrawlState,
  type Domain,
  type EvidenceSource,
  type Relation,
  type Split,
} from "@/lib/lineage/types";
import { splitFromEvidence } from "./split";

/**
 * The file format of the "Tracing the Roots" reference tool (OpenDataArena data-lineage):
 *
 *   graph.jsonl  {"target": downstream, "source": upstream, "meta_info": "<JSON string>"}
 *                meta_info = {source, confidence, relationship, evidence, exists}
 *   data.jsonl   {name, categories, hf_year, paper_year, year, summary, data_type,
 *                 exists_on_hf, is_terminal_node, terminal_reason, paper_url, downloads}
 *
 * Parsing and serialising only: no I/O, no database. A bad line never stops a parse; it
 * becomes a skip with its file, line number and reason.
 */

export { splitFromEvidence };

import type { TerminalReason } from "@/lib/lineage/types";
export type { TerminalReason };
export type GenerationMethod = "HUMAN" | "SYNTHETIC" | "MIXED";
export type HubPresence = "UNKNOWN" | "EXISTS" | "MISSING";

export type OdaNode = {
  key: string;
  /** Only when the file says something better than the key's default name. */
  displayName?: string;
  kind: "DATASET" | "EXTERNAL";
  domains?: Domain[];
  generation?: GenerationMethod;
  hubPresence?: HubPresence;
  hubDownloads?: number;
  releaseMonth?: string;
  paperUrl?: string;
  crawlState?: CrawlState;
  terminalReason?: TerminalReason;
  terminalDetail?: string;
};

export type OdaEvidence = {
  source: EvidenceSource;
  url: string | null;
  quote: string | null;
  /** sha256(upstreamKeyNorm|downstreamKeyNorm|source|quote): a quote-less seed row and the full import meet in one row. */
  fingerprint: string;
  /** `oda:<file>:<line>`. */
  locator: string;
};

export type OdaEdge = {
  upstream: string;
  downstream: string;
  relation: Relation;
  confidence: number;
  split: Split;
  evidence: OdaEvidence[];
  /** graph.jsonl lines this edge was merged from. */
  lines: number[];
};

export type OdaSkipReason =
  | "malformed_json"
  | "missing_field"
  | "bad_relation"
  | "bad_confidence"
  | "unkeyable_name"
  | "self_loop"
  | "duplicate_node";

export type OdaSkip = { file: string; line: number; reason: OdaSkipReason; detail: string };

export type OdaParseResult = {
  nodes: OdaNode[];
  edges: OdaEdge[];
  skipped: OdaSkip[];
  stats: { graphLines: number; dataLines: number; duplicateLinesMerged: number };
};

export type OdaParseOptions = {
  /**
   * Names the store already knows (aliases): return a key for a name, or null to derive
   * one with keyFromName. Called once per distinct name.
   */
  resolveName?: (name: string) => string | null;
  graphFile?: string;
  dataFile?: string;
};

export const GRAPH_FILE = "graph.jsonl";
export const DATA_FILE = "data.jsonl";

const LABEL_TO_RELATION = new Map<string, Relation>(RELATIONS.map((r) => [RELATION_LABELS[r].toLowerCase(), r]));

const SOURCE_LABELS: Record<EvidenceSource, string> = {
  CARD: "HuggingFace README",
  PAPER: "Paper",
  GITHUB: "GitHub",
  BLOG: "Blog",
  WEBSITE: "Website",
  IMPORT: "Import",
};
const LABEL_TO_SOURCE = new Map<string, EvidenceSource>([
  ...Object.entries(SOURCE_LABELS).map(([source, label]) => [label.toLowerCase(), source as EvidenceSource] as const),
  ["huggingface", "CARD"],
  ["readme", "CARD"],
  ["dataset card", "CARD"],
  ["arxiv", "PAPER"],
  ["web", "WEBSITE"],
]);

const CATEGORY_TO_DOMAIN: Record<string, Domain> = {
  math: "MATH",
  code: "CODE",
  science: "SCIENCE",
  general: "GENERAL",
  medical: "MEDICAL",
  multilingual: "MULTILINGUAL",
};

const TERMINAL_TEXT: Partial<Record<TerminalReason, string>> = {
  NO_SOURCES_FOUND: "No source datasets found",
  SOURCES_NOT_ON_HUB: "All source datasets do not exist on HuggingFace",
  NOT_ON_HUB: "Dataset does not exist on HuggingFace",
  PRIMARY_SOURCE: "Primary source",
  DEPTH_LIMIT: "Depth limit reached",
};
const CUTOFF_TEXT = /^Dataset created before or in (\d{4}) \(year: (\d{4})\)$/i;
const CUTOFF_DETAIL = /^year (\d{4}), cutoff (\d{4})$/;
const MONTH = /^\d{4}-(?:0[1-9]|1[0-2])$/;

export function odaFingerprint(upstreamKey: string, downstreamKey: string, source: EvidenceSource, quote: string | null): string {
  return createHash("sha256")
    .update([normalizeKey(upstreamKey), normalizeKey(downstreamKey), source, quote ?? ""].join("|"))
    .digest("hex");
}

export function relationFromLabel(label: unknown): Relation | null {
  return typeof label === "string" ? (LABEL_TO_RELATION.get(label.trim().toLowerCase()) ?? null) : null;
}

/** "HuggingFace README; Paper" → ["CARD", "PAPER"]; labels nobody defined become IMPORT. */
export function sourcesFromLabel(label: unknown): EvidenceSource[] {
  if (typeof label !== "string") return [];
  const sources = label
    .split(";")
    .map((part) => part.trim().toLowerCase())
    .filter(Boolean)
    .map((part) => LABEL_TO_SOURCE.get(part) ?? "IMPORT");
  return [...new Set(sources)];
}

export function terminalFromText(text: string): { reason: TerminalReason; detail?: string } {
  const trimmed = text.trim();
  const cutoff = CUTOFF_TEXT.exec(trimmed);
  if (cutoff) return { reason: "CREATED_BEFORE_CUTOFF", detail: `year ${cutoff[2]}, cutoff ${cutoff[1]}` };
  if (/^Dataset created before/i.test(trimmed)) return { reason: "CREATED_BEFORE_CUTOFF", detail: trimmed };
  for (const [reason, known] of Object.entries(TERMINAL_TEXT)) {
    if (known.toLowerCase() === trimmed.toLowerCase()) return { reason: reason as TerminalReason };
  }
  return { reason: "OTHER", detail: trimmed };
}

export function terminalToText(reason: TerminalReason, detail: string | null | undefined): string {
  if (reason === "CREATED_BEFORE_CUTOFF") {
    const parsed = detail ? CUTOFF_DETAIL.exec(detail) : null;
    if (parsed) return `Dataset created before or in ${parsed[2]} (year: ${parsed[1]})`;
    return detail && /^Dataset created before/i.test(detail) ? detail : "Dataset created before the cutoff year";
  }
  if (reason === "OTHER") return detail || "Other";
  return TERMINAL_TEXT[reason]!;
}

type Resolved = { key: string; keyNorm: string; scheme: KeyScheme; displayName?: string; direct: boolean };

function parseJsonLines(text: string): { line: number; raw: string }[] {
  return text
    .split(/\r?\n/)
    .map((raw, index) => ({ line: index + 1, raw: raw.trim() }))
    .filter((entry) => entry.raw !== "");
}

/** One line's JSON object, or null after reporting why the line is skipped. */
function parseRecord(raw: string, skip: (reason: "malformed_json", detail: string) => void): Record<string, unknown> | null {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    skip("malformed_json", (error as Error).message);
    return null;
  }
  const record = asObject(value);
  if (!record) skip("malformed_json", "a line must hold a JSON object");
  return record;
}

function asObject(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function nonEmptyString(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

function presenceFrom(value: unknown): HubPresence | undefined {
  if (value === true) return "EXISTS";
  if (value === false) return "MISSING";
  if (typeof value !== "string") return undefined;
  const v = value.trim().toLowerCase();
  if (v === "exists" || v === "true") return "EXISTS";
  if (v === "not_exists" || v === "not exists" || v === "missing" || v === "false") return "MISSING";
  return undefined;
}

export function parseOda(input: { graph: string; data?: string | null }, options: OdaParseOptions = {}): OdaParseResult {
  const graphFile = options.graphFile ?? GRAPH_FILE;
  const dataFile = options.dataFile ?? DATA_FILE;
  const skipped: OdaSkip[] = [];
  const resolvedNames = new Map<string, Resolved | null>();

  const resolve = (name: string): Resolved | null => {
    if (resolvedNames.has(name)) return resolvedNames.get(name)!;
    let result: Resolved | null = null;
    const aliased = options.resolveName?.(name);
    const aliasKey = aliased ? parseKey(aliased) : null;
    if (aliased && aliasKey) {
      result = { key: aliased, keyNorm: normalizeKey(aliased), scheme: aliasKey.scheme, direct: false };
    } else {
      const keyed = keyFromName(name);
      if (keyed) {
        const parsed = parseKey(keyed.key)!;
        const fallbackName = displayNameFor(parsed);
        result = {
          key: keyed.key,
          keyNorm: normalizeKey(keyed.key),
          scheme: keyed.scheme,
          ...(keyed.displayName !== fallbackName ? { displayName: keyed.displayName } : {}),
          direct: true,
        };
      }
    }
    resolvedNames.set(name, result);
    return result;
  };

  const nodes = new Map<string, OdaNode>();
  const nodeFor = (resolved: Resolved): OdaNode => {
    let node = nodes.get(resolved.keyNorm);
    if (!node) {
      node = { key: resolved.key, kind: resolved.scheme === "HUB" ? "DATASET" : "EXTERNAL" };
      if (resolved.displayName) node.displayName = resolved.displayName;
      nodes.set(resolved.keyNorm, node);
    }
    return node;
  };

  // data.jsonl first: the targets' paper URLs feed the evidence of graph.jsonl.
  const dataLines = input.data ? parseJsonLines(input.data) : [];
  const described = new Set<string>();
  for (const { line, raw } of dataLines) {
    const skip = (reason: OdaSkipReason, detail: string) => skipped.push({ file: dataFile, line, reason, detail });
    const record = parseRecord(raw, skip);
    if (!record) continue;
    const name = nonEmptyString(record.name);
    if (!name) {
      skip("missing_field", "no name");
      continue;
    }
    const resolved = resolve(name);
    if (!resolved) {
      skip("unkeyable_name", `no key can be made of the name "${name}"`);
      continue;
    }
    if (described.has(resolved.keyNorm)) {
      skip("duplicate_node", `"${name}" is ${nodes.get(resolved.keyNorm)!.key}, described by an earlier line; this line is ignored`);
      continue;
    }
    described.add(resolved.keyNorm);
    Object.assign(nodeFor(resolved), nodeFacts(record, resolved));
  }

  const graphLines = parseJsonLines(input.graph);
  const edges = new Map<string, OdaEdge>();
  const sourcePresence = new Map<string, HubPresence>();
  let duplicateLinesMerged = 0;
  for (const { line, raw } of graphLines) {
    const skip = (reason: OdaSkipReason, detail: string) => skipped.push({ file: graphFile, line, reason, detail });
    const record = parseRecord(raw, skip);
    if (!record) continue;
    const targetName = nonEmptyString(record.target);
    const sourceName = nonEmptyString(record.source);
    if (!targetName || !sourceName) {
      skip("missing_field", !targetName ? "no target" : "no source");
      continue;
    }
    let meta: Record<string, unknown> | null = asObject(record.meta_info);
    if (!meta && typeof record.meta_info === "string") {
      try {
        meta = asObject(JSON.parse(record.meta_info));
      } catch (error) {
        skip("malformed_json", `meta_info: ${(error as Error).message}`);
        continue;
      }
    }
    if (!meta) {
      skip("missing_field", "no meta_info object");
      continue;
    }
    const relation = relationFromLabel(meta.relationship);
    if (!relation) {
      skip("bad_relation", `unknown relationship ${JSON.stringify(meta.relationship ?? null)}`);
      continue;
    }
    const confidence = typeof meta.confidence === "string" && meta.confidence.trim() !== "" ? Number(meta.confidence) : meta.confidence;
    if (typeof confidence !== "number" || !Number.isFinite(confidence) || confidence < 0 || confidence > 1) {
      skip("bad_confidence", `confidence must be a number from 0 to 1 (got ${JSON.stringify(meta.confidence ?? null)})`);
      continue;
    }
    const upstream = resolve(sourceName);
    const downstream = resolve(targetName);
    if (!upstream || !downstream) {
      skip("unkeyable_name", `no key can be made of the name "${!upstream ? sourceName : targetName}"`);
      continue;
    }
    if (upstream.keyNorm === downstream.keyNorm) {
      skip("self_loop", `"${sourceName}" and "${targetName}" are the same node (${nodes.get(downstream.keyNorm)?.key ?? downstream.key})`);
      continue;
    }
    nodeFor(upstream);
    const downstreamNode = nodeFor(downstream);
    if (upstream.direct && upstream.scheme === "HUB") {
      const seen = presenceFrom(meta.exists);
      // One line saying the id exists outweighs others saying it does not.
      if (seen && sourcePresence.get(upstream.keyNorm) !== "EXISTS") sourcePresence.set(upstream.keyNorm, seen);
    }

    const quote = nonEmptyString(meta.evidence);
    const locator = `oda:${graphFile}:${line}`;
    const sources = sourcesFromLabel(meta.source);
    const evidence = sources.map((source): OdaEvidence => {
      const derived = source === "CARD" && downstream.scheme === "HUB" ? externalUrl(downstream.key) : source === "PAPER" ? (downstreamNode.paperUrl ?? null) : null;
      const url = "url" in meta ? (nonEmptyString(meta.url) ?? null) : derived;
      const given = sources.length === 1 ? nonEmptyString(meta.fingerprint) : null;
      return { source, url, quote, fingerprint: given ?? odaFingerprint(upstream.key, downstream.key, source, quote), locator };
    });
    const incoming: OdaEdge = { upstream: upstream.key, downstream: downstream.key, relation, confidence, split: splitFromEvidence(quote), evidence, lines: [line] };
    const pair = `${upstream.keyNorm}\n${downstream.keyNorm}`;
    const existing = edges.get(pair);
    if (existing) {
      duplicateLinesMerged += 1;
      mergeOdaEdge(existing, incoming);
    } else {
      edges.set(pair, incoming);
    }
  }

  for (const [keyNorm, presence] of sourcePresence) {
    const node = nodes.get(keyNorm)!;
    node.hubPresence ??= presence;
  }

  return {
    nodes: [...nodes.values()],
    edges: [...edges.values()],
    skipped,
    stats: { graphLines: graphLines.length, dataLines: dataLines.length, duplicateLinesMerged },
  };
}

/** Two lines about one pair: the higher confidence (and its relation), a known split, all evidence. */
function mergeOdaEdge(into: OdaEdge, from: OdaEdge): void {
  if (from.confidence > into.confidence) {
    into.confidence = from.confidence;
    into.relation = from.relation;
  }
  if (into.split === "UNKNOWN") into.split = from.split;
  for (const item of from.evidence) {
    const same = into.evidence.find((e) => e.fingerprint === item.fingerprint);
    if (!same) into.evidence.push(item);
    else same.url ??= item.url;
  }
  into.lines.push(...from.lines);
}

function nodeFacts(record: Record<string, unknown>, resolved: Resolved): Partial<OdaNode> {
  const facts: Partial<OdaNode> = {};
  const displayName = nonEmptyString(record.display_name);
  if (displayName) facts.displayName = displayName;
  if (Array.isArray(record.categories)) {
    const domains = [...new Set(record.categories.map((c) => (typeof c === "string" ? CATEGORY_TO_DOMAIN[c.trim().toLowerCase()] : undefined)))];
    const known = domains.filter((d): d is Domain => d !== undefined);
    if (known.length) facts.domains = known;
  }
  const dataType = typeof record.data_type === "string" ? record.data_type.trim().toLowerCase() : "";
  if (dataType === "synthetic") facts.generation = "SYNTHETIC";
  else if (dataType === "manual" || dataType === "human") facts.generation = "HUMAN";
  else if (dataType === "mixed") facts.generation = "MIXED";
  if (resolved.direct && resolved.scheme === "HUB") {
    const presence = presenceFrom(record.exists_on_hf);
    if (presence) facts.hubPresence = presence;
  }
  if (typeof record.downloads === "number" && Number.isSafeInteger(record.downloads) && record.downloads >= 0 && record.downloads <= 2_147_483_647) {
    facts.hubDownloads = record.downloads;
  }
  const month = [record.year, record.hf_year, record.paper_year].find((v): v is string => typeof v === "string" && MONTH.test(v.trim()));
  if (month) facts.releaseMonth = month.trim();
  const paperUrl = nonEmptyString(record.paper_url);
  if (paperUrl && /^https?:\/\//i.test(paperUrl)) facts.paperUrl = paperUrl;

  const crawlState = typeof record.crawl_state === "string" ? (CRAWL_STATES as readonly string[]).find((s) => s === record.crawl_state) : undefined;
  const terminal = record.is_terminal_node === true || crawlState === "TERMINAL";
  facts.crawlState = (crawlState as CrawlState | undefined) ?? (terminal ? "TERMINAL" : "TRACED");
  const reasonText = nonEmptyString(record.terminal_reason);
  if (terminal && reasonText) {
    const { reason, detail } = terminalFromText(reasonText);
    facts.terminalReason = reason;
    if (detail) facts.terminalDetail = detail;
  }
  return facts;
}

// ---------------------------------------------------------------------------------------
// Serialising

export type OdaExportNode = {
  key: string;
  displayName: string;
  domains: Domain[];
  generation: GenerationMethod | null;
  hubPresence: HubPresence;
  hubDownloads: number | null;
  releaseMonth: string | null;
  hubCreatedAt: Date | null;
  paperUrl: string | null;
  crawlState: CrawlState;
  terminalReason: TerminalReason | null;
  terminalDetail: string | null;
};

export type OdaExportEdge = {
  upstream: string;
  downstream: string;
  relation: Relation;
  confidence: number;
  evidence: { source: EvidenceSource; url: string | null; quote: string | null; fingerprint?: string }[];
};


/**
 * Both files for a graph. Names are node keys (`corpus:…` for named sources), so a file
 * read back gives the same nodes; fields the reference format lacks travel as extra keys
 * (`display_name`, `crawl_state` in data.jsonl; `url` and `fingerprint` in meta_info when
 * they are not the ones a reader would derive), which the reference tool ignores. So an
 * export imported back, even into the store it came from, adds nothing.
 */
export function serialiseOda(graph: { nodes: OdaExportNode[]; edges: OdaExportEdge[] }): { graph: string; data: string } {
  const byKey = new Map(graph.nodes.map((n) => [normalizeKey(n.key), n]));
  const graphLines: string[] = [];
  for (const edge of graph.edges) {
    const upstream = byKey.get(normalizeKey(edge.upstream));
    const downstream = byKey.get(normalizeKey(edge.downstream));
    // null when nobody has looked: false would read back as MISSING, true as EXISTS.
    const presence = upstream?.hubPresence ?? "UNKNOWN";
    const exists = parseKey(edge.upstream)?.scheme !== "HUB" ? false : presence === "UNKNOWN" ? null : presence === "EXISTS";
    const evidence = edge.evidence.length ? edge.evidence : [null];
    for (const item of evidence) {
      const meta: Record<string, unknown> = {
        source: item ? SOURCE_LABELS[item.source] : "",
        confidence: edge.confidence,
        relationship: RELATION_LABELS[edge.relation],
        evidence: item?.quote ?? "",
        exists,
      };
      if (item) {
        const derived =
          item.source === "CARD" && parseKey(edge.downstream)?.scheme === "HUB" ? externalUrl(edge.downstream) : item.source === "PAPER" ? (downstream?.paperUrl ?? null) : null;
        if (item.url !== derived) meta.url = item.url;
        if (item.fingerprint && item.fingerprint !== odaFingerprint(edge.upstream, edge.downstream, item.source, item.quote)) meta.fingerprint = item.fingerprint;
      }
      graphLines.push(JSON.stringify({ target: edge.downstream, source: edge.upstream, meta_info: JSON.stringify(meta) }));
    }
  }
  const dataLines = graph.nodes.map((node) => {
    const hfMonth = node.hubCreatedAt ? node.hubCreatedAt.toISOString().slice(0, 7) : null;
    return JSON.stringify({
      name: node.key,
      categories: node.domains.map((d) => DOMAIN_LABELS[d]),
      hf_year: hfMonth,
      paper_year: null,
      year: node.releaseMonth ?? hfMonth,
      summary: "",
      data_type: node.generation === "SYNTHETIC" ? "synthetic" : node.generation === "HUMAN" ? "manual" : node.generation === "MIXED" ? "mixed" : "",
      exists_on_hf: node.hubPresence === "EXISTS" ? "exists" : node.hubPresence === "MISSING" ? "not_exists" : "unknown",
      is_terminal_node: node.crawlState === "TERMINAL",
      terminal_reason: node.terminalReason ? terminalToText(node.terminalReason, node.terminalDetail) : "",
      paper_url: node.paperUrl,
      downloads: node.hubDownloads,
      display_name: node.displayName,
      crawl_state: node.crawlState,
    });
  });
  return { graph: graphLines.map((l) => l + "\n").join(""), data: dataLines.map((l) => l + "\n").join("") };
}
