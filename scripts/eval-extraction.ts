/**
 * Score rules-mode extraction against the published lineage graph ("Tracing the Roots"):
 * each evidence text in graph.jsonl is run through extractRules for its target, and the
 * extracted upstreams are compared with the Hub-id sources that text supports.
 *
 *   npm run eval:extraction [-- --graph PATH] [-- --fold dev|test|all] [-- --names bundled|reference] [-- --no-aliases] [-- --show misses|extras|relations|scored|unresolved]
 *
 * --fold: the reference's datasets fall into two fixed halves by a hash of their key (never by
 * anything the rules could fit); work on "dev", report "test", and never tune on "test".
 * --names: which names the extractor knows — "bundled" (default: the seed's names, exactly what
 * `extract` and a freshly seeded store use) or "reference" (every Hub id of the graph evaluated,
 * which flatters recall: it knows names it could only have learnt from the answers).
 *
 * The reference file is read at run time only (its quotes never enter the repo). The alias
 * table is what the store's agents would use after importing that graph: every specific Hub
 * node's name part, plus the seed's reviewed aliases.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { extractUpstreams } from "@/agents/extraction/extract-card";
import { rulesExtractor } from "@/agents/extraction/extractor";
import type { ExtractionSource } from "@/agents/extraction/rules";
import { normalizeKey, parseKey } from "@/lib/keys";
import { RELATION_LABELS, RELATIONS, type Relation } from "@/lib/lineage/types";
import { buildAliasMap } from "@/agents/tracing/alias-map";
import { bundledAliasMap } from "@/agents/tracing/bundled-names";
import { namePart } from "@/agents/tracing/names";
import { ALIASES } from "@/prisma/seed/benchmarks";

const args = process.argv.slice(2);
const graphArg = args.indexOf("--graph");
const graphPath = path.resolve(graphArg >= 0 && args[graphArg + 1] ? args[graphArg + 1]! : path.join(import.meta.dirname, "../../shared/reference/oda/graph.jsonl"));
const useAliases = !args.includes("--no-aliases");
const foldArg = args.indexOf("--fold");
const fold = foldArg >= 0 ? args[foldArg + 1] : "all";
if (fold !== "dev" && fold !== "test" && fold !== "all") {
  console.error(`error: --fold takes dev, test or all (got ${JSON.stringify(fold ?? null)}).`);
  process.exit(2);
}
const namesArg = args.indexOf("--names");
const namesFrom = namesArg >= 0 ? args[namesArg + 1] : "bundled";
if (namesFrom !== "bundled" && namesFrom !== "reference") {
  console.error(`error: --names takes bundled or reference (got ${JSON.stringify(namesFrom ?? null)}).`);
  process.exit(2);
}
/** The fixed half a dataset belongs to: the first byte of sha256(its normalised key), even = dev. */
const foldOf = (key: string) => (createHash("sha256").update(normalizeKey(key)).digest()[0]! % 2 === 0 ? "dev" : "test");
// For working on the rules: list each miss, false positive or relation disagreement with its
// text, or ("scored") every scored prediction as a JSON line with its confidence and quote.
const showArg = args.indexOf("--show");
const show = showArg >= 0 ? args[showArg + 1] : undefined;
const shown: string[] = [];
const extras: { target: string; key: string; line: string }[] = [];

if (!fs.existsSync(graphPath) || !fs.statSync(graphPath).isFile()) {
  console.error(`error: no reference graph file at ${graphPath}.\nThe evaluation needs the ODA graph.jsonl ("Tracing the Roots"); pass its path with --graph PATH.`);
  process.exit(2);
}

type Ref = { target: string; source: string; relation: Relation; exists: boolean; where: string; evidence: string };
const labelToRelation = new Map(Object.entries(RELATION_LABELS).map(([k, v]) => [v, k as Relation]));
const refs: Ref[] = [];
let skippedLines = 0;
for (const line of fs.readFileSync(graphPath, "utf8").split("\n")) {
  if (!line.trim()) continue;
  skippedLines++;
  try {
    const row = JSON.parse(line);
    const meta = JSON.parse(row.meta_info);
    const relation = labelToRelation.get(meta.relationship);
    if (!relation || typeof meta.evidence !== "string" || typeof row.target !== "string" || typeof row.source !== "string") continue;
    skippedLines--;
    refs.push({ target: row.target, source: row.source, relation, exists: meta.exists === true, where: String(meta.source ?? ""), evidence: meta.evidence });
  } catch {
    // a malformed line is not evidence
  }
}
if (!refs.length) {
  console.error(`error: ${graphPath} holds no usable edge line (${skippedLines} skipped).\nEach line must be {"target", "source", "meta_info": "<JSON with relationship and evidence>"}, as in the ODA graph.jsonl.`);
  process.exit(2);
}

const isHubId = (name: string) => parseKey(name)?.scheme === "HUB";
// Case, spaces and punctuation aside: "OpenHermes 2.5" and "openhermes-2.5" are one spelling.
const spelled = (name: string) => name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
// The alias table is built by the same rule the store's agents use (agents/tracing/alias-map):
// every specific Hub name part the store would hold after importing that graph, with the
// seed's reviewed alias table on top.
const aliases = !useAliases
  ? new Map<string, string>()
  : namesFrom === "bundled"
    ? bundledAliasMap()
    : buildAliasMap([...new Set(refs.flatMap((r) => [r.target, r.source]).filter(isHubId))], ALIASES);

function sourceKind(where: string): ExtractionSource {
  if (/paper|arxiv/i.test(where)) return "paper";
  if (/github/i.test(where)) return "github";
  if (/blog|web/i.test(where)) return "blog";
  return "card";
}

// One unit per (target, where, evidence text): the text and the Hub upstreams it supports,
// plus the sources the reference gives only as free names ("Wikipedia", "DeepMath-103K").
const units = new Map<string, { target: string; where: string; text: string; gold: Map<string, Relation>; freeNames: Set<string> }>();
for (const r of refs) {
  if (fold !== "all" && foldOf(r.target) !== fold) continue;
  const id = JSON.stringify([r.target, r.where, r.evidence]);
  const unit = units.get(id) ?? { target: r.target, where: r.where, text: r.evidence, gold: new Map(), freeNames: new Set() };
  units.set(id, unit);
  if (r.exists && isHubId(r.source) && normalizeKey(r.source) !== normalizeKey(r.target)) unit.gold.set(normalizeKey(r.source), r.relation);
  else if (!r.exists) unit.freeNames.add(spelled(r.source.split("/").at(-1)!));
}

type Count = { tp: number; fp: number; fn: number; relOk: number };
const zero = (): Count => ({ tp: 0, fp: 0, fn: 0, relOk: 0 });
const overall = zero();
const perRelation = new Map<Relation, Count>(RELATIONS.map((r) => [r, zero()]));
// Per dataset too: the reference splits one passage into one edge per source, often with a
// different snippet each, so a name found in one snippet is scored as false there even when
// another snippet of the same dataset supports it. Per dataset, the union is compared.
const perDataset = new Map<string, { gold: Set<string>; predicted: Set<string> }>();
// Two labelled views beside the plain score (see the end of the file for why).
const named = { gold: 0, tp: 0 };
// Gold upstreams the text writes as a Hub id (owner/name, or its link) vs only by a free name.
const byForm = { hubId: { gold: 0, tp: 0 }, freeName: { gold: 0, tp: 0 } };
// Every scored prediction with its confidence and whether the reference supports it, for the
// operating-point curve; the gold count is fixed, so recall at a threshold needs no more.
const scored: { confidence: number; hit: boolean }[] = [];
const falsePositives: { target: string; key: string; freeName: boolean; otherCopy: boolean }[] = [];
let texts = 0;
const extractor = rulesExtractor();
const unresolvedScore = { predicted: 0, hit: 0 };
const started = performance.now();
for (const unit of units.values()) {
  texts++;
  // Exactly what `extract` prints for the text (offline): extraction, verification, resolution.
  const result = await extractUpstreams({ dataset: unit.target, text: unit.text, source: sourceKind(unit.where), url: "eval:", extractor, aliases });
  // Hub-id predictions are the score: the reference marks which free names exist on the Hub.
  const hubEdges = result.edges.filter((e) => isHubId(e.upstream));
  // Names left unresolved are scored apart: right when the reference names that source in any form.
  for (const e of result.edges.filter((e) => !isHubId(e.upstream))) {
    const name = spelled(parseKey(e.upstream)?.scheme === "CORPUS" ? e.upstream.slice("corpus:".length) : namePart(e.upstream));
    const hit = unit.freeNames.has(name) || [...unit.gold.keys()].some((g) => spelled(namePart(g)) === name);
    unresolvedScore.predicted++;
    if (hit) unresolvedScore.hit++;
    else if (show === "unresolved") shown.push(`${unit.target} ← ${e.upstream} (${e.confidence}); reference: ${[...unit.gold.keys(), ...unit.freeNames].join(", ") || "-"}\n    ${e.evidence[0]!.quote.replace(/\s+/g, " ")}`);
  }
  const predicted = new Map(hubEdges.map((e) => [normalizeKey(e.upstream), e.relation]));
  for (const e of hubEdges) {
    scored.push({ confidence: e.confidence, hit: unit.gold.has(normalizeKey(e.upstream)) });
    if (show === "scored") shown.push(JSON.stringify({ target: unit.target, upstream: e.upstream, confidence: e.confidence, relation: e.relation, hit: unit.gold.has(normalizeKey(e.upstream)), quote: e.evidence[0]!.quote }));
  }
  const ds = perDataset.get(normalizeKey(unit.target)) ?? { gold: new Set<string>(), predicted: new Set<string>() };
  perDataset.set(normalizeKey(unit.target), ds);
  for (const key of unit.gold.keys()) ds.gold.add(key);
  for (const key of predicted.keys()) ds.predicted.add(key);
  const textSpelling = spelled(unit.text);
  for (const [key, relation] of unit.gold) {
    const c = perRelation.get(relation)!;
    const form = unit.text.toLowerCase().includes(key) ? byForm.hubId : byForm.freeName;
    form.gold++;
    if (predicted.has(key)) form.tp++;
    if (textSpelling.includes(spelled(key.split("/")[1]!))) {
      named.gold++;
      if (predicted.has(key)) named.tp++;
    }
    if (predicted.has(key)) {
      overall.tp++;
      c.tp++;
      if (predicted.get(key) === relation) {
        overall.relOk++;
        c.relOk++;
      } else if (show === "relations") shown.push(`${unit.target} ← ${key}: gold ${relation}, predicted ${predicted.get(key)}\n    ${unit.text.replace(/\s+/g, " ")}`);
    } else {
      overall.fn++;
      c.fn++;
      if (show === "misses") shown.push(`${unit.target} ← ${key} (${relation})\n    ${unit.text.replace(/\s+/g, " ")}\n    dropped: ${JSON.stringify(result.dropped)}`);
    }
  }
  for (const [key, relation] of predicted)
    if (!unit.gold.has(key)) {
      overall.fp++;
      perRelation.get(relation)!.fp++;
      const name = spelled(namePart(key));
      const otherCopy = [...unit.gold.keys()].some((g) => spelled(namePart(g)) === name);
      falsePositives.push({ target: normalizeKey(unit.target), key, freeName: unit.freeNames.has(name), otherCopy });
      if (show === "extras") extras.push({ target: normalizeKey(unit.target), key, line: `${unit.target} ← ${key} (${relation}); gold: ${[...unit.gold.keys()].join(", ") || "-"}; free: ${[...unit.freeNames].join(", ") || "-"}\n    ${unit.text.replace(/\s+/g, " ")}` });
    }
}
const ms = performance.now() - started;
// An extra is tagged by what the reference says elsewhere: "dataset-gold" when another snippet
// of the same dataset supports that upstream (a granularity artefact of the reference), else "other".
for (const e of extras) shown.push(`[${perDataset.get(e.target)!.gold.has(e.key) ? "dataset-gold" : "other"}] ${e.line}`);
if (show) console.log(`${shown.join("\n\n")}\n\n${shown.length} ${show}\n`);

const pct = (n: number) => (Number.isFinite(n) ? n.toFixed(3) : "  -  ");
function row(name: string, c: Count): string {
  const recall = c.tp / (c.tp + c.fn);
  const precision = c.tp / (c.tp + c.fp);
  const f1 = (2 * precision * recall) / (precision + recall);
  return `${name.padEnd(22)} ${String(c.tp + c.fn).padStart(5)} ${String(c.tp).padStart(5)} ${String(c.fp).padStart(5)} ${pct(recall).padStart(7)} ${pct(precision).padStart(9)} ${pct(f1).padStart(7)} ${pct(c.relOk / c.tp).padStart(9)}`;
}
console.log(`Rules-mode extraction vs ${graphPath} — fold ${fold}, names ${useAliases ? namesFrom : "off"}`);
console.log(`${texts} evidence texts (${skippedLines} unusable lines skipped), ${overall.tp + overall.fn} Hub-id upstreams, aliases ${useAliases ? `on (${aliases.size} names)` : "off"}, ${ms.toFixed(0)} ms\n`);
console.log(`${"relation (gold / pred)".padEnd(22)} ${"gold".padStart(5)} ${"tp".padStart(5)} ${"fp".padStart(5)} ${"recall".padStart(7)} ${"precision".padStart(9)} ${"F1".padStart(7)} ${"rel.acc".padStart(9)}`);
for (const [relation, c] of perRelation) console.log(row(relation, c));
console.log(row("OVERALL", overall));

const dataset = zero();
for (const { gold, predicted } of perDataset.values()) {
  for (const key of gold) if (predicted.has(key)) dataset.tp++;
  else dataset.fn++;
  for (const key of predicted) if (!gold.has(key)) dataset.fp++;
}
dataset.relOk = Number.NaN;
console.log(row(`PER DATASET (${perDataset.size})`, dataset));
console.log(`names left unresolved (corpus: keys, not in the score above): ${unresolvedScore.predicted}, of which the reference names ${unresolvedScore.hit} (${pct(unresolvedScore.hit / unresolvedScore.predicted)})`);
console.log(`recall by how the text names the upstream: Hub id ${byForm.hubId.tp}/${byForm.hubId.gold} = ${pct(byForm.hubId.tp / byForm.hubId.gold)}, free name ${byForm.freeName.tp}/${byForm.freeName.gold} = ${pct(byForm.freeName.tp / byForm.freeName.gold)}`);

// Labelled views, printed after the plain score and never instead of it:
// - The reference records some sources only as free names with exists=false ("Wikipedia",
//   "DeepMath-103K") although the alias table knows a Hub dataset of exactly that name. An
//   extractor that names that Hub dataset found the source the reference gives; only the
//   identity is disputed. The plain score counts it as a false positive; this view does not.
// - A gold upstream whose name the evidence text never writes (the text says "MATH" for
//   EleutherAI/hendrycks_math, or only a config name) cannot be found by matching names; the
//   second view is recall over the gold upstreams whose Hub name part the text writes in
//   some spelling. Upstreams found through a shorter written form count only in the plain figure.
const resolvedFreeNames = falsePositives.filter((f) => f.freeName).length;
const adjustedPrecision = overall.tp / (overall.tp + overall.fp - resolvedFreeNames);
console.log(`\nLabelled views (not the score; the rows above are):`);
console.log(`  precision without ${resolvedFreeNames} predictions that resolve a same-text free-name reference source to a Hub id of that name: ${pct(adjustedPrecision)}`);
console.log(`  recall on the ${named.gold} gold upstreams whose name part the evidence text writes (any spelling): ${pct(named.tp / named.gold)}`);
// Where the reference and the extractor disagree, by what the reference itself says: the edge is
// supported by another passage of the same dataset; the text names a source the reference kept
// as a free name; or the text links another copy (same name, other owner) of a gold upstream.
// What is left is what the reference gives no reason for: the errors to work on.
const kinds = { elsewhere: 0, freeName: 0, otherCopy: 0, unexplained: 0 };
for (const f of falsePositives) {
  if (perDataset.get(f.target)!.gold.has(f.key)) kinds.elsewhere++;
  else if (f.freeName) kinds.freeName++;
  else if (f.otherCopy) kinds.otherCopy++;
  else kinds.unexplained++;
}
console.log(
  `  the ${falsePositives.length} false positives: ${kinds.elsewhere} supported by another passage of the same dataset, ${kinds.freeName} name a source the reference keeps as a free name, ${kinds.otherCopy} link another copy of a gold upstream, ${kinds.unexplained} unexplained; precision counting only those: ${pct(overall.tp / (overall.tp + kinds.unexplained))}`,
);

// Operating points: the same plain score, keeping only edges at or above a confidence. Recall is
// over all gold upstreams, so a threshold can only trade recall for precision, never flatter both.
const goldTotal = overall.tp + overall.fn;
const at = (threshold: number) => {
  const kept = scored.filter((p) => p.confidence >= threshold - 1e-9);
  const tp = kept.filter((p) => p.hit).length;
  const recall = tp / goldTotal;
  const precision = tp / kept.length;
  return { threshold, kept: kept.length, recall, precision, f1: (2 * precision * recall) / (precision + recall) };
};
console.log(`\nBy confidence threshold (plain score, edges with confidence ≥ t):`);
console.log(`${"t".padStart(6)} ${"edges".padStart(6)} ${"recall".padStart(7)} ${"precision".padStart(9)} ${"F1".padStart(7)}`);
for (const t of [0, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95]) {
  const p = at(t);
  console.log(`${t.toFixed(2).padStart(6)} ${String(p.kept).padStart(6)} ${pct(p.recall).padStart(7)} ${pct(p.precision).padStart(9)} ${pct(p.f1).padStart(7)}`);
}
const levels = [...new Set(scored.map((p) => p.confidence))].sort((a, b) => a - b);
// Each confidence level alone: a level is meaningful when its precision sits above the level below it.
console.log(`by level: ${levels.map((l) => { const k = scored.filter((p) => Math.abs(p.confidence - l) < 1e-9); return `${l.toFixed(2)}: ${k.filter((p) => p.hit).length}/${k.length} = ${pct(k.filter((p) => p.hit).length / k.length)}`; }).join(", ")}`);
const best = levels.map(at).filter((p) => p.precision >= 0.9).sort((a, b) => b.recall - a.recall)[0];
console.log(best ? `best threshold with precision ≥ 0.90: t = ${best.threshold.toFixed(2)}, recall ${pct(best.recall)}, precision ${pct(best.precision)}, ${best.kept} edges` : `no threshold reaches precision ≥ 0.90 (highest: ${pct(Math.max(...levels.map((l) => at(l).precision)))})`);
