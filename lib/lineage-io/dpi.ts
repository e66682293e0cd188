import { createHash } from "node:crypto";
import { corpusSlug, formatKey, keyFromUrl, normalizeKey, parseKey } from "@/lib/keys";
import { DOMAINS, type Domain, type Relation } from "@/lib/lineage/types";
import { entryRoles } from "./dpi-roles";

/**
 * The Data Provenance Collection (Data-Provenance-Initiative/Data-Provenance-Collection,
 * `data_summaries/*.json`) flattened to JSON lines:
 *
 *   dpi_nodes.jsonl  one dataset a line: {id, name, collection, hf_id, licenses, task_categories,
 *                    model_generated, arxiv_url, evidence: {repo, file, commit, json_key}, …}
 *   dpi_edges.jsonl  one "derived from" a line: {source_id (the DERIVED dataset), target_raw,
 *                    target_kind, target_hf_id, target_dpi_node_ids (its PARENT), evidence}
 *
 * Parsing only: no I/O, no database. A bad line never stops a parse; it becomes a skip with
 * its file, line number and reason.
 *
 * Node keys (lib/lineage-io/dpi-roles.ts decides which entry is what): an entry that is a Hub
 * dataset is that Hub id; every other entry is `corpus:dpi-<slug of the DPI id>`. A part of a
 * collection repo (P3 tasks, CommitPackFT languages) has a "part-of" edge part → repo; an
 * entry made from a Hub dataset (a Dynosaur or Flan task) a "built-from" edge dataset → entry.
 *
 * Edges: parent (`target_*`) → derived (`source_*`), only where both ends resolve; names that
 * match no DPI entry go through the caller's `resolveName` (the store's aliases) or are
 * skipped — no corpus nodes are invented from free names.
 */

export type DpiNode = {
  key: string;
  displayName: string;
  dpiId: string;
  collection: string | null;
  domains: Domain[];
  paperUrl: string | null;
  generation: "SYNTHETIC" | null;
  licences: { raw: string; url: string | null }[];
  evidence: { repo: string; file: string; commit: string; jsonKey: string } | null;
  /** The entry's `hf_id` as written (also when it is no usable `owner/name` key). */
  hfId: string | null;
  /** True when the entry is a part of its collection's Hub repo. */
  part: boolean;
};

export type DpiEdge = {
  upstream: string;
  downstream: string;
  relation: Relation;
  confidence: number;
  kind: "derived-from" | "part-of" | "built-from";
  /** `dpi:<file>#<json_key>/<field>[<index>]` for each annotation of this pair, in file order. */
  locators: string[];
};

export type DpiSkipReason =
  | "malformed_json"
  | "missing_field"
  | "wrong_type"
  | "duplicate_id"
  | "unknown_source"
  | "unknown_target_id"
  | "unknown_target_kind"
  | "unresolved_name"
  | "unresolved_url"
  | "no_parent"
  | "self_loop"
  | "duplicate_edge";

export type DpiSkip = { file: string; line: number; reason: DpiSkipReason; detail: string };

export type DpiParse = {
  nodes: DpiNode[];
  edges: DpiEdge[];
  skipped: DpiSkip[];
  stats: {
    /** Non-blank lines read from each file. */
    nodeLines: number;
    edgeLines: number;
    /** Nodes by kind: parts of a collection repo; own Hub id; made from a Hub dataset; named only (no usable Hub id, not a part). */
    partNodes: number;
    hubNodes: number;
    builtNodes: number;
    namedOnly: number;
    edgesDerived: number;
    edgesPartOf: number;
    edgesBuiltFrom: number;
  };
};

export type DpiParseOptions = {
  /**
   * Names the store already knows (its alias table): a key for a parent named in free text,
   * or null. Called once per distinct name that no DPI entry matched.
   */
  resolveName?: (name: string) => string | null;
  nodesFile?: string;
  edgesFile?: string;
};

export const DPI_NODES_FILE = "dpi_nodes.jsonl";
export const DPI_EDGES_FILE = "dpi_edges.jsonl";

/** A curated annotation, not a verified quote from the dataset's own documentation. */
export const DPI_CONFIDENCE = 0.8;
const RELATION: Relation = "DIRECT_INCLUSION";
const SLUG_MAX = 100;
const SLUG_PREFIX = "dpi-";

/** Words in a task category that say the domain outright; anything else gives no domain. */
const DOMAIN_WORDS: [Domain, RegExp][] = [
  ["MATH", /\b(?:math|maths|mathematics|mathematical|arithmetic|algebra|algebraic)\b/i],
  ["CODE", /\b(?:code|codes|coding|program|programs|programming)\b/i],
];

const TARGET_KINDS = ["hf_dataset_url", "name", "url_or_domain", "placeholder"] as const;
type TargetKind = (typeof TARGET_KINDS)[number];

// ---------------------------------------------------------------------------------------
// Line reading (as in oda.ts: 1-based line numbers, blank lines ignored)

function jsonLines(text: string): { line: number; raw: string }[] {
  return text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .map((raw, index) => ({ line: index + 1, raw: raw.trim() }))
    .filter((entry) => entry.raw !== "");
}

function parseRecord(raw: string, skip: (reason: DpiSkipReason, detail: string) => void): Record<string, unknown> | null {
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

/** Reads typed fields of one record; the first problem is kept for the skip. */
class Fields {
  problem: { reason: "missing_field" | "wrong_type"; detail: string } | null = null;
  constructor(private readonly record: Record<string, unknown>) {}

  private fail(reason: "missing_field" | "wrong_type", detail: string): null {
    this.problem ??= { reason, detail };
    return null;
  }

  private typeOf(value: unknown): string {
    return value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
  }

  /** A non-empty string, required. */
  required(field: string): string | null {
    const value = this.record[field];
    if (value === undefined || value === null) return this.fail("missing_field", `no ${field}`);
    if (typeof value !== "string") return this.fail("wrong_type", `${field} must be a string (got ${this.typeOf(value)})`);
    return value.trim() === "" ? this.fail("missing_field", `${field} is empty`) : value.trim();
  }

  /** A string or nothing (absent, null, blank → null). */
  optional(field: string): string | null {
    const value = this.record[field];
    if (value === undefined || value === null) return null;
    if (typeof value !== "string") return this.fail("wrong_type", `${field} must be a string or null (got ${this.typeOf(value)})`);
    return value.trim() === "" ? null : value.trim();
  }

  /** An array of strings, or nothing (absent, null → []). */
  strings(field: string): string[] {
    const value = this.record[field];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
      this.fail("wrong_type", `${field} must be a list of strings`);
      return [];
    }
    return (value as string[]).map((v) => v.trim()).filter(Boolean);
  }

  /** An array, or nothing (absent, null → []). */
  list(field: string): unknown[] {
    const value = this.record[field];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.fail("wrong_type", `${field} must be a list (got ${this.typeOf(value)})`);
      return [];
    }
    return value;
  }

  /** An object, or nothing (absent, null → null). */
  object(field: string): Record<string, unknown> | null {
    const value = this.record[field];
    if (value === undefined || value === null) return null;
    const object = asObject(value);
    return object ?? this.fail("wrong_type", `${field} must be an object (got ${this.typeOf(value)})`);
  }

  problemDetail(what: string): string {
    return this.problem ? this.problem.detail : what;
  }
}

// ---------------------------------------------------------------------------------------
// Node facts

export function domainsFromCategories(categories: readonly string[]): Domain[] {
  const found = new Set<Domain>();
  for (const category of categories) {
    for (const [domain, words] of DOMAIN_WORDS) if (words.test(category)) found.add(domain);
  }
  return DOMAINS.filter((d) => found.has(d));
}

function httpUrl(value: unknown): string | null {
  const text = nonEmptyString(value);
  return text && /^https?:\/\/\S+$/i.test(text) ? text : null;
}

function licencesFrom(items: unknown[], fields: Fields): DpiNode["licences"] {
  const out: DpiNode["licences"] = [];
  const seen = new Set<string>();
  for (const item of items) {
    let raw: string | null;
    let url: string | null = null;
    if (typeof item === "string") {
      raw = nonEmptyString(item);
    } else {
      const object = asObject(item);
      if (!object || (object.license !== undefined && object.license !== null && typeof object.license !== "string")) {
        fields.problem ??= { reason: "wrong_type", detail: "licenses must be a list of {license, url} objects" };
        return [];
      }
      raw = nonEmptyString(object.license);
      // "None", "", "Unspecified", null: no link.
      url = httpUrl(object.url);
    }
    if (!raw) continue;
    const id = `${raw}\n${url ?? ""}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ raw, url });
  }
  return out;
}

function nodeEvidence(object: Record<string, unknown> | null): DpiNode["evidence"] {
  if (!object) return null;
  const repo = nonEmptyString(object.repo);
  const file = nonEmptyString(object.file);
  const commit = nonEmptyString(object.commit);
  const jsonKey = nonEmptyString(object.json_key);
  return repo && file && commit && jsonKey ? { repo, file, commit, jsonKey } : null;
}

/** `dpi:<file>#<json_key>/<field>[<index>]`; null when the pointer names no file. */
export function dpiLocator(evidence: Record<string, unknown> | null): string | null {
  if (!evidence) return null;
  const file = nonEmptyString(evidence.file);
  if (!file) return null;
  const jsonKey = nonEmptyString(evidence.json_key);
  const field = nonEmptyString(evidence.field);
  const index = evidence.index;
  let locator = `dpi:${file}`;
  if (jsonKey) locator += `#${jsonKey}`;
  if (field) locator += `/${field}`;
  if (typeof index === "number" && Number.isSafeInteger(index) && index >= 0) locator += `[${index}]`;
  else if (typeof index === "string" && /^\d+$/.test(index.trim())) locator += `[${index.trim()}]`;
  return locator;
}

/** A valid `owner/name` Hub key in its canonical spelling, or null (e.g. ownerless legacy ids such as "glue"). */
function hubKeyOf(id: string | null): string | null {
  if (!id) return null;
  const parsed = parseKey(id.trim());
  return parsed?.scheme === "HUB" ? formatKey(parsed) : null;
}

/** The DPI id as a slug: lowercase, non-alphanumerics → "-", trimmed, ≤ 100 characters. */
export function dpiSlug(id: string): string {
  const slug = corpusSlug(id).slice(0, SLUG_MAX).replace(/-+$/g, "");
  return slug || `entry-${createHash("sha256").update(id).digest("hex").slice(0, 12)}`;
}

/**
 * Unique slugs for the given DPI ids. Ids whose slugs collide are ordered by id; the first
 * keeps the slug, the others get `-2`, `-3`, … (never a slug some other id has as its own).
 * Depends only on the set of ids, not on their order in the file.
 */
export function uniqueDpiSlugs(ids: readonly string[]): Map<string, string> {
  const groups = new Map<string, string[]>();
  for (const id of [...new Set(ids)].sort(compareStrings)) {
    const base = dpiSlug(id);
    const group = groups.get(base);
    if (group) group.push(id);
    else groups.set(base, [id]);
  }
  const taken = new Set(groups.keys());
  const out = new Map<string, string>();
  for (const [base, members] of [...groups].sort((a, b) => compareStrings(a[0], b[0]))) {
    out.set(members[0]!, base);
    let n = 2;
    for (const id of members.slice(1)) {
      let candidate: string;
      do {
        const suffix = `-${n++}`;
        candidate = base.slice(0, SLUG_MAX - suffix.length).replace(/-+$/g, "") + suffix;
      } while (taken.has(candidate));
      taken.add(candidate);
      out.set(id, candidate);
    }
  }
  return out;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareKeys(a: string, b: string): number {
  return compareStrings(normalizeKey(a), normalizeKey(b)) || compareStrings(a, b);
}

// ---------------------------------------------------------------------------------------
// Parsing

type Entry = {
  line: number;
  id: string;
  name: string;
  collection: string | null;
  hfId: string | null;
  hubKey: string | null;
  collectionHub: string | null;
  domains: Domain[];
  paperUrl: string | null;
  generation: "SYNTHETIC" | null;
  licences: DpiNode["licences"];
  evidence: DpiNode["evidence"];
};

export function parseDpi(files: { nodes: string; edges: string | null }, options: DpiParseOptions = {}): DpiParse {
  const nodesFile = options.nodesFile ?? DPI_NODES_FILE;
  const edgesFile = options.edgesFile ?? DPI_EDGES_FILE;
  const skipped: DpiSkip[] = [];

  // --- dpi_nodes.jsonl: entries first, keys once all are known (a collection as a whole decides what its entries are).
  const nodeLines = jsonLines(files.nodes);
  const entries: Entry[] = [];
  const entryById = new Map<string, Entry>();
  for (const { line, raw } of nodeLines) {
    const skip = (reason: DpiSkipReason, detail: string) => skipped.push({ file: nodesFile, line, reason, detail });
    const record = parseRecord(raw, skip);
    if (!record) continue;
    const fields = new Fields(record);
    const id = fields.required("id");
    const name = fields.required("name");
    const collection = fields.optional("collection");
    const hfId = fields.optional("hf_id");
    const collectionUrl = fields.optional("collection_url");
    const arxivUrl = fields.optional("arxiv_url");
    const categories = fields.strings("task_categories");
    const licences = licencesFrom(fields.list("licenses"), fields);
    const evidence = nodeEvidence(fields.object("evidence"));
    if (fields.problem || !id || !name) {
      skip(fields.problem?.reason ?? "missing_field", fields.problemDetail("no id or name"));
      continue;
    }
    const earlier = entryById.get(id);
    if (earlier) {
      skip("duplicate_id", `DPI id "${id}" was already read on line ${earlier.line}; this line is ignored`);
      continue;
    }
    const entry: Entry = {
      line,
      id,
      name,
      collection,
      hfId,
      hubKey: hubKeyOf(hfId),
      collectionHub: collectionUrl ? hubKeyFromUrl(collectionUrl, hubKeyOf) : null,
      domains: domainsFromCategories(categories),
      paperUrl: httpUrl(arxivUrl),
      generation: record.model_generated === true ? "SYNTHETIC" : null,
      licences,
      evidence,
    };
    entries.push(entry);
    entryById.set(id, entry);
  }

  const roles = entryRoles(entries);
  const roleOf = (entry: Entry) => roles.get(entry.id)!;
  const ownsHubKey = (entry: Entry) => roleOf(entry).kind === "own";

  const slugs = uniqueDpiSlugs(entries.filter((e) => !ownsHubKey(e)).map((e) => e.id));
  const keyById = new Map<string, string>();
  /** normalised Hub id → the key edges use for it (the file's own spelling). */
  const repoKeys = new Map<string, string>();
  const nodes: DpiNode[] = [];
  const stats = { nodeLines: nodeLines.length, edgeLines: 0, partNodes: 0, hubNodes: 0, builtNodes: 0, namedOnly: 0, edgesDerived: 0, edgesPartOf: 0, edgesBuiltFrom: 0 };

  const edges = new Map<string, DpiEdge>();
  const pairOf = (upstream: string, downstream: string) => `${normalizeKey(upstream)}\n${normalizeKey(downstream)}`;

  for (const entry of entries) {
    const role = roleOf(entry);
    const part = role.kind === "part";
    const key = role.kind === "own" ? entry.hubKey! : `corpus:${SLUG_PREFIX}${slugs.get(entry.id)!}`;
    keyById.set(entry.id, key);
    for (const hub of [entry.hubKey, entry.collectionHub]) if (hub && !repoKeys.has(normalizeKey(hub))) repoKeys.set(normalizeKey(hub), hub);
    if (part) stats.partNodes += 1;
    else if (role.kind === "own") stats.hubNodes += 1;
    else if (role.kind === "built-from") stats.builtNodes += 1;
    else stats.namedOnly += 1;
    nodes.push({
      key,
      displayName: entry.name,
      dpiId: entry.id,
      collection: entry.collection,
      domains: entry.domains,
      paperUrl: entry.paperUrl,
      generation: entry.generation,
      licences: entry.licences,
      evidence: entry.evidence,
      hfId: entry.hfId,
      part,
    });
  }

  // Part → the collection repo that holds it; the Hub dataset an entry was made from → the entry.
  for (const entry of entries) {
    const role = roleOf(entry);
    const key = keyById.get(entry.id)!;
    const locator = entry.evidence ? `dpi:${entry.evidence.file}#${entry.evidence.jsonKey}` : `dpi:${nodesFile}:${entry.line}`;
    const home = role.kind === "own" ? null : role.home;
    if (home && normalizeKey(home) !== normalizeKey(key)) {
      const downstream = repoKeys.get(normalizeKey(home))!;
      edges.set(pairOf(key, downstream), { upstream: key, downstream, relation: RELATION, confidence: DPI_CONFIDENCE, kind: "part-of", locators: [locator] });
      stats.edgesPartOf += 1;
    }
    if (role.kind === "built-from") {
      const upstream = repoKeys.get(normalizeKey(role.source))!;
      edges.set(pairOf(upstream, key), { upstream, downstream: key, relation: RELATION, confidence: DPI_CONFIDENCE, kind: "built-from", locators: [locator] });
      stats.edgesBuiltFrom += 1;
    }
  }

  // --- dpi_edges.jsonl
  const hubKeyFor = (id: string): string | null => {
    const key = hubKeyOf(id);
    return key ? (repoKeys.get(normalizeKey(key)) ?? key) : null;
  };
  const resolvedNames = new Map<string, string | null>();
  const resolveName = (name: string): string | null => {
    if (!options.resolveName) return null;
    if (resolvedNames.has(name)) return resolvedNames.get(name)!;
    const answer = options.resolveName(name);
    const parsed = answer ? parseKey(answer) : null;
    const key = parsed ? formatKey(parsed) : null;
    resolvedNames.set(name, key);
    return key;
  };

  const edgeLines = files.edges === null ? [] : jsonLines(files.edges);
  stats.edgeLines = edgeLines.length;
  for (const { line, raw } of edgeLines) {
    const skip = (reason: DpiSkipReason, detail: string) => skipped.push({ file: edgesFile, line, reason, detail });
    const record = parseRecord(raw, skip);
    if (!record) continue;
    const fields = new Fields(record);
    const sourceId = fields.required("source_id");
    const targetRaw = fields.required("target_raw");
    const kindText = fields.required("target_kind");
    const targetHfId = fields.optional("target_hf_id");
    const targetIds = [...new Set(fields.strings("target_dpi_node_ids"))];
    const targetCollection = fields.optional("target_dpi_collection");
    const evidence = fields.object("evidence");
    if (fields.problem || !sourceId || !targetRaw || !kindText) {
      skip(fields.problem?.reason ?? "missing_field", fields.problemDetail("no source_id, target_raw or target_kind"));
      continue;
    }
    const kind = TARGET_KINDS.find((k) => k === kindText) as TargetKind | undefined;
    if (!kind) {
      skip("unknown_target_kind", `target_kind "${kindText}" is none of ${TARGET_KINDS.join(", ")}`);
      continue;
    }
    const downstream = keyById.get(sourceId);
    if (!downstream) {
      skip("unknown_source", `source_id "${sourceId}" is no DPI entry read from ${nodesFile}`);
      continue;
    }
    if (kind === "placeholder") {
      skip("no_parent", `"${targetRaw}" names no parent`);
      continue;
    }

    // The parent's key(s).
    const upstreams: string[] = [];
    if (kind === "hf_dataset_url") {
      const hub = (targetHfId ? hubKeyFor(targetHfId) : null) ?? hubKeyFromUrl(targetRaw, hubKeyFor);
      if (hub) upstreams.push(hub);
    }
    if (!upstreams.length && targetIds.length) {
      for (const id of targetIds) {
        const key = keyById.get(id);
        if (key) upstreams.push(key);
        else skip("unknown_target_id", `target_dpi_node_ids names "${id}", no DPI entry read from ${nodesFile}`);
      }
    }
    if (!upstreams.length) {
      if (kind === "url_or_domain") {
        const keyed = urlKey(targetRaw) ?? (/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(targetRaw) ? urlKey(`https://${targetRaw}`) : null);
        if (!keyed) {
          skip("unresolved_url", `no key can be made of "${targetRaw}"`);
          continue;
        }
        upstreams.push(keyed.scheme === "HUB" ? (repoKeys.get(normalizeKey(keyed.key)) ?? keyed.key) : keyed.key);
      } else if (kind === "hf_dataset_url") {
        if (!targetIds.length) skip("unresolved_url", `no Hub id can be read from "${targetRaw}"`);
        continue;
      } else {
        const key = resolveName(targetRaw);
        if (!key) {
          if (!targetIds.length) {
            const collection = targetCollection ? ` (it names the DPI collection "${targetCollection}", not one entry)` : "";
            skip("unresolved_name", `"${targetRaw}" matches no DPI entry and no known name${collection}`);
          }
          continue;
        }
        upstreams.push(repoKeys.get(normalizeKey(key)) ?? key);
      }
    }

    const locator = dpiLocator(evidence) ?? `dpi:${edgesFile}:${line}`;
    for (const upstream of upstreams) {
      if (normalizeKey(upstream) === normalizeKey(downstream)) {
        skip("self_loop", `"${targetRaw}" is ${upstream}, the derived dataset itself`);
        continue;
      }
      const pair = pairOf(upstream, downstream);
      const existing = edges.get(pair);
      if (!existing) {
        edges.set(pair, { upstream, downstream, relation: RELATION, confidence: DPI_CONFIDENCE, kind: "derived-from", locators: [locator] });
        stats.edgesDerived += 1;
      } else if (existing.locators.includes(locator)) {
        skip("duplicate_edge", `${upstream} → ${downstream} with evidence ${locator} was already read`);
      } else {
        existing.locators.push(locator);
      }
    }
  }

  return {
    nodes: nodes.sort((a, b) => compareKeys(a.key, b.key)),
    edges: [...edges.values()].sort((a, b) => compareKeys(a.upstream, b.upstream) || compareKeys(a.downstream, b.downstream)),
    skipped,
    stats,
  };
}

/** keyFromUrl, which throws on bad percent-encoding; data never makes a parse throw. */
function urlKey(raw: string): ReturnType<typeof keyFromUrl> {
  try {
    return keyFromUrl(raw);
  } catch {
    return null;
  }
}

function hubKeyFromUrl(raw: string, canonical: (id: string) => string | null): string | null {
  const keyed = urlKey(raw);
  return keyed?.scheme === "HUB" ? canonical(keyed.key) : null;
}
