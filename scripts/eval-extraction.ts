/**
 * Score rules-mode extraction against the published lineage graph ("Tracing the Roots"):
 * each evidence text in graph.jsonl is run through extractRules for its target, and the
 * extracted upstreams are compared with the Hub-id sources that text supports.
 *
 *   npm run eval:extraction [-- --graph PATH] [-- --no-aliases]
 *
 * The reference file is read at run time only (its quotes never enter the repo). The alias
 * table is what the store would hold after importing that graph: every Hub node's name part.
 */
import fs from "node:fs";
import path from "node:path";
import { extractRules, type ExtractionSource } from "@/agents/extraction/rules";
import { verifyEdges } from "@/agents/extraction/verify";
import { normalizeKey, parseKey } from "@/lib/keys";
import { RELATION_LABELS, RELATIONS, type Relation } from "@/lib/lineage/types";

const args = process.argv.slice(2);
const graphArg = args.indexOf("--graph");
const graphPath = path.resolve(graphArg >= 0 && args[graphArg + 1] ? args[graphArg + 1]! : path.join(import.meta.dirname, "../../shared/reference/oda/graph.jsonl"));
const useAliases = !args.includes("--no-aliases");

if (!fs.existsSync(graphPath)) {
  console.error(`error: reference graph not found at ${graphPath}.\nThe evaluation needs the ODA graph.jsonl ("Tracing the Roots"); pass its path with --graph PATH.`);
  process.exit(2);
}

type Ref = { target: string; source: string; relation: Relation; exists: boolean; where: string; evidence: string };
const labelToRelation = new Map(Object.entries(RELATION_LABELS).map(([k, v]) => [v, k as Relation]));
const refs: Ref[] = [];
for (const line of fs.readFileSync(graphPath, "utf8").split("\n")) {
  if (!line.trim()) continue;
  try {
    const row = JSON.parse(line);
    const meta = JSON.parse(row.meta_info);
    const relation = labelToRelation.get(meta.relationship);
    if (!relation || typeof meta.evidence !== "string") continue;
    refs.push({ target: row.target, source: row.source, relation, exists: meta.exists === true, where: String(meta.source ?? ""), evidence: meta.evidence });
  } catch {
    // a malformed line is not evidence
  }
}

const isHubId = (name: string) => parseKey(name)?.scheme === "HUB";
const FIELD_WORDS = new Set(["math", "physics", "chemistry", "biology", "code", "science", "leetcode", "codeforces", "olympiads", "medicine", "reasoning", "dialog", "chat"]);
// A name part is a usable alias only when it is specific: not shared by two owners and not a
// word that names a field or a website rather than a dataset ("math", "leetcode").
const aliases = new Map<string, string>();
if (useAliases) {
  const owners = new Map<string, Set<string>>();
  for (const r of refs)
    for (const key of [r.target, r.source])
      if (isHubId(key)) {
        const name = key.split("/")[1]!;
        if (name.length < 4 || FIELD_WORDS.has(name.toLowerCase())) continue;
        owners.set(name.toLowerCase(), (owners.get(name.toLowerCase()) ?? new Set()).add(key));
      }
  for (const [name, keys] of owners) if (new Set([...keys].map(normalizeKey)).size === 1) aliases.set(name, [...keys][0]!);
}

function sourceKind(where: string): ExtractionSource {
  if (/paper|arxiv/i.test(where)) return "paper";
  if (/github/i.test(where)) return "github";
  if (/blog|web/i.test(where)) return "blog";
  return "card";
}

// One unit per (target, where, evidence text): the text and the Hub upstreams it supports.
const units = new Map<string, { target: string; where: string; text: string; gold: Map<string, Relation> }>();
for (const r of refs) {
  const id = JSON.stringify([r.target, r.where, r.evidence]);
  const unit = units.get(id) ?? { target: r.target, where: r.where, text: r.evidence, gold: new Map() };
  units.set(id, unit);
  if (r.exists && isHubId(r.source) && normalizeKey(r.source) !== normalizeKey(r.target)) unit.gold.set(normalizeKey(r.source), r.relation);
}

type Count = { tp: number; fp: number; fn: number; relOk: number };
const zero = (): Count => ({ tp: 0, fp: 0, fn: 0, relOk: 0 });
const overall = zero();
const perRelation = new Map<Relation, Count>(RELATIONS.map((r) => [r, zero()]));
// Per dataset too: the reference splits one passage into one edge per source, often with a
// different snippet each, so a name found in one snippet is scored as false there even when
// another snippet of the same dataset supports it. Per dataset, the union is compared.
const perDataset = new Map<string, { gold: Set<string>; predicted: Set<string> }>();
let texts = 0;
const started = performance.now();
for (const unit of units.values()) {
  texts++;
  const result = extractRules({ dataset: unit.target, text: unit.text, source: sourceKind(unit.where), aliases });
  const { kept } = verifyEdges(result.edges, unit.text);
  // Only Hub-id predictions are scored: the reference marks which free names exist on the Hub.
  const predicted = new Map(kept.filter((e) => isHubId(e.upstream)).map((e) => [normalizeKey(e.upstream), e.relation]));
  const ds = perDataset.get(normalizeKey(unit.target)) ?? { gold: new Set<string>(), predicted: new Set<string>() };
  perDataset.set(normalizeKey(unit.target), ds);
  for (const key of unit.gold.keys()) ds.gold.add(key);
  for (const key of predicted.keys()) ds.predicted.add(key);
  for (const [key, relation] of unit.gold) {
    const c = perRelation.get(relation)!;
    if (predicted.has(key)) {
      overall.tp++;
      c.tp++;
      if (predicted.get(key) === relation) {
        overall.relOk++;
        c.relOk++;
      }
    } else {
      overall.fn++;
      c.fn++;
    }
  }
  for (const [key, relation] of predicted)
    if (!unit.gold.has(key)) {
      overall.fp++;
      perRelation.get(relation)!.fp++;
    }
}
const ms = performance.now() - started;

const pct = (n: number) => (Number.isFinite(n) ? n.toFixed(3) : "  -  ");
function row(name: string, c: Count): string {
  const recall = c.tp / (c.tp + c.fn);
  const precision = c.tp / (c.tp + c.fp);
  const f1 = (2 * precision * recall) / (precision + recall);
  return `${name.padEnd(22)} ${String(c.tp + c.fn).padStart(5)} ${String(c.tp).padStart(5)} ${String(c.fp).padStart(5)} ${pct(recall).padStart(7)} ${pct(precision).padStart(9)} ${pct(f1).padStart(7)} ${pct(c.relOk / c.tp).padStart(9)}`;
}
console.log(`Rules-mode extraction vs ${graphPath}`);
console.log(`${texts} evidence texts, ${overall.tp + overall.fn} Hub-id upstreams, aliases ${useAliases ? `on (${aliases.size} names)` : "off"}, ${ms.toFixed(0)} ms\n`);
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
