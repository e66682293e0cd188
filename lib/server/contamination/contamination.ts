import "server-only";

/**
 * Contamination flags from the store, computed on request by the pure rules in
 * lib/contamination (so a new edge, an import, a review or a measurement changes them at
 * once: no flag is ever stale). A dataset's flags need only its ancestors; the whole-graph
 * overview is cached per graph version (contamination-inputs.ts: graphVersion).
 */
import { computeContamination, severityRank } from "@/lib/contamination/compute";
import type { ItemWindow } from "@/lib/contamination/dates";
import { carriersOf } from "@/lib/contamination/graph";
import { applyMeasurements } from "@/lib/contamination/measured";
import { resolveEvalSet } from "@/lib/contamination/resolve";
import { downstreamFamilies, summarizeByBenchmark, summarizeByFamily, topOverlap } from "@/lib/contamination/summary";
import type { ContaminationFlag, ContaminationInput, ContaminationOverview, DatasetContamination, DatasetFlag, EvalSet, EvalSetInfo, Measurement, Severity } from "@/lib/contamination/types";
import { AppError } from "@/lib/errors";
import { normalizeKey } from "@/lib/keys";
import { aliasNorm } from "@/lib/lineage-io/names";
import { getDb } from "@/lib/server/db/client";
import { versionedCache } from "@/lib/server/db/versioned-cache";
import { Prisma } from "@/lib/server/generated/prisma/client";
import { findNode, MAX_WALK_DEPTH } from "@/lib/server/lineage/params";
import { loadRegistry } from "@/lib/server/lineage/registry";
import { walkCte } from "@/lib/server/lineage/traverse";
import { graphVersion, LIVE, loadInput, loadMeasurements, overlapThreshold, type NodeFacts } from "./contamination-inputs";

/** Paths listed per flag on a dataset's page (the count says how many there are in all). */
export const PATHS_PER_FLAG = 20;

/** The evaluation sets whose data reaches this dataset, how, and on what evidence. */
export async function getDatasetContamination(params: { key: string; maxPaths?: number }): Promise<DatasetContamination> {
  const db = getDb();
  const start = await findNode(db, params.key);
  const ancestors = await db.$queryRaw<{ id: number }[]>(Prisma.sql`
    WITH RECURSIVE ${walkCte("walk", start.id, "up", MAX_WALK_DEPTH, LIVE)}
    SELECT DISTINCT id FROM walk`);
  const ids = [...new Set([start.id, ...ancestors.map((a) => a.id)])];
  const [{ input, nodes }, measurements] = await Promise.all([loadInput(db, ids), loadMeasurements(db, [start.id])]);
  const threshold = overlapThreshold();
  const created = new Map(nodes.map((n) => [normalizeKey(n.key), n.created ?? null]));
  const lineage = computeContamination(input, { datasets: [start.key], maxPaths: params.maxPaths ?? PATHS_PER_FLAG });
  const flags = applyMeasurements(lineage, measurements, input.evalSets, { threshold, created, datasets: [start.key] }).filter((f) => normalizeKey(f.dataset) === normalizeKey(start.key));

  const facts = new Map(nodes.map((n) => [normalizeKey(n.key), n]));
  const onPaths: Record<string, DatasetContamination["nodes"][string]> = {};
  for (const f of flags) for (const p of f.paths) for (const k of p.keys) onPaths[k] ??= nodeFact(facts.get(normalizeKey(k)), k);
  const sets = new Map(input.evalSets.map((s) => [s.id.toLowerCase(), s]));
  return {
    dataset: start.key,
    threshold,
    flags: flags.map(toDatasetFlag),
    measurements: measurements
      .map((m) => ({ overlap: m.overlap, split: m.split, method: m.method, url: m.url, evalSet: m.evalSet, name: sets.get(m.evalSet.toLowerCase())?.name ?? m.evalSet, family: sets.get(m.evalSet.toLowerCase())?.family ?? "" }))
      .sort((a, b) => b.overlap - a.overlap),
    nodes: onPaths,
  };
}

function nodeFact(node: NodeFacts | undefined, key: string) {
  return { name: node?.name ?? key, created: node?.created ?? null, kind: node?.kind };
}

function toDatasetFlag(f: ContaminationFlag): DatasetFlag {
  const seen = new Set<string>();
  const evidence = f.paths
    .flatMap((p) => p.steps)
    .filter((s) => {
      const id = `${normalizeKey(s.upstream)}\n${normalizeKey(s.downstream)}`;
      return seen.has(id) ? false : (seen.add(id), true);
    });
  return {
    ...f,
    paths: f.paths.map((p) => p.keys),
    details: f.paths,
    evidence: evidence.map((s) => ({ upstream: s.upstream, downstream: s.downstream, relation: s.relation, split: s.split, confidence: s.confidence, evidence: s.evidence })),
  };
}

type Snapshot = { version: string; input: ContaminationInput; flags: ContaminationFlag[]; computeMs: number; names: Map<string, string>; threshold: number };

/** Every flag of the whole graph (paths left out), computed once per graph version however many ask at once. */
const flagsAt = versionedCache("contamination", async (version): Promise<Snapshot> => {
  const db = getDb();
  const [{ input, nodes }, measurements] = await Promise.all([loadInput(db, null), loadMeasurements(db)]);
  const threshold = overlapThreshold();
  const started = performance.now();
  const flags = withMeasurements(computeContamination(input, { maxPaths: 0 }), measurements, input, nodes, threshold);
  return { version, input, flags, threshold, computeMs: Math.round((performance.now() - started) * 10) / 10, names: new Map(nodes.map((n) => [normalizeKey(n.key), n.name])) };
});

async function wholeGraph(): Promise<Snapshot> {
  return flagsAt(await graphVersion(getDb()));
}

function withMeasurements(flags: ContaminationFlag[], measurements: Measurement[], input: ContaminationInput, nodes: NodeFacts[], threshold: number) {
  return applyMeasurements(flags, measurements, input.evalSets, { threshold, created: new Map(nodes.map((n) => [normalizeKey(n.key), n.created ?? null])) });
}

export async function getContaminationOverview(): Promise<ContaminationOverview> {
  const { flags, input, computeMs, names, threshold } = await wholeGraph();
  const nameOf = (key: string) => names.get(normalizeKey(key)) ?? key;
  return {
    computedAt: new Date().toISOString(),
    computeMs,
    threshold,
    benchmarks: summarizeByBenchmark(flags, input.evalSets),
    families: summarizeByFamily(flags, input.evalSets),
    rows: flags.map((f) => ({
      dataset: f.dataset,
      datasetName: nameOf(f.dataset),
      benchmark: f.benchmark,
      name: f.name,
      family: f.family,
      severity: f.severity,
      distance: f.distance,
      measuredOnly: f.measuredOnly,
      overlap: topOverlap(f),
    })),
    downstream: downstreamFamilies(flags).map((f) => ({ ...f, viaName: nameOf(f.via) })),
  };
}

/** The registered evaluation sets, in id order (for pickers). */
/** The registered evaluation sets with the nodes their items enter through, family then id order (for pickers and filters). */
export async function listEvalSets(): Promise<EvalSetInfo[]> {
  // The registry alone: a dataset page's pickers need no flags, so they never wait for a rebuild of them.
  const input = await loadRegistry(getDb());
  return [...input.evalSets]
    .sort((a, b) => a.family.localeCompare(b.family) || a.id.localeCompare(b.id))
    .map((s) => ({ id: s.id, name: s.name, family: s.family, host: s.key, window: s.window, entries: carriersOf(input, s).map((c) => c.key) }));
}

/** The evaluation set a name means (id, name, host key, alias, single-set family); 404 with suggestions, 400 when ambiguous. */
export async function resolveBenchmark(params: { benchmark: string; evalSets?: readonly EvalSet[] }): Promise<EvalSet> {
  const evalSets = params.evalSets ?? (await loadRegistry(getDb())).evalSets;
  if (!evalSets.length) throw new AppError("not_found:benchmark", "No evaluation set is registered yet. Load the seed first: npm run db -- setup (or start the app once).");
  const alias = await getDb().alias.findUnique({ where: { aliasNorm: aliasNorm(params.benchmark) }, select: { dataset: { select: { key: true } } } }).catch(() => null);
  const match = resolveEvalSet(params.benchmark, { evalSets, aliasKey: () => alias?.dataset.key ?? null });
  if (match.ok) return match.set;
  throw new AppError(match.reason === "unknown" ? "not_found:benchmark" : "bad_request:params", match.message, { suggestions: match.suggestions });
}

export type BenchmarkReachList = {
  benchmark: string;
  name: string;
  family: string;
  host: string;
  window: ItemWindow;
  threshold: number;
  datasets: { dataset: string; severity: Severity; distance: number; measuredOnly: boolean; overlap: number | null }[];
};

/** Every dataset an evaluation set reaches, worst first, then nearest. */
export async function getBenchmarkReach(params: { benchmark: string }): Promise<BenchmarkReachList> {
  const { flags, input, threshold } = await wholeGraph();
  const set = await resolveBenchmark({ benchmark: params.benchmark, evalSets: input.evalSets });
  const datasets = flags
    .filter((f) => f.benchmark.toLowerCase() === set.id.toLowerCase())
    .map((f) => ({ dataset: f.dataset, severity: f.severity, distance: f.distance, measuredOnly: f.measuredOnly, overlap: topOverlap(f) }))
    .sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || a.distance - b.distance || a.dataset.localeCompare(b.dataset));
  return { benchmark: set.id, name: set.name, family: set.family, host: set.key, window: set.window, threshold, datasets };
}

export type NodeMark = { severity: Severity; benchmarks: string[]; bySet: Record<string, Severity> };

/** Worst flag per dataset among `keys`, and its severity per evaluation set (the explorer marks and filters nodes with it). */
export async function worstSeverities(params: { keys: string[] }): Promise<Record<string, NodeMark>> {
  const { flags } = await wholeGraph();
  const wanted = new Set(params.keys.map(normalizeKey));
  const out: Record<string, NodeMark> = {};
  for (const f of flags) {
    const k = normalizeKey(f.dataset);
    if (!wanted.has(k)) continue;
    const prev = out[k];
    if (!prev) out[k] = { severity: f.severity, benchmarks: [f.benchmark], bySet: { [f.benchmark]: f.severity } };
    else {
      prev.bySet[f.benchmark] = f.severity;
      if (severityRank(f.severity) < severityRank(prev.severity)) Object.assign(prev, { severity: f.severity, benchmarks: [f.benchmark] });
      else if (prev.severity === f.severity) prev.benchmarks.push(f.benchmark);
    }
  }
  return out;
}

/** Every flag as CSV rows (the /contamination table's download). */
export async function contaminationRows(): Promise<ContaminationOverview["rows"]> {
  return (await getContaminationOverview()).rows;
}
