import "server-only";
import { storableFields } from "@/lib/lineage-io/storable-text";

/**
 * Licences in the store: what each dataset declares (per source: the Hub card, the Data
 * Provenance Collection, people), what it inherits from its ancestors, and the conflicts.
 * Names are normalised when read (lib/licences), so a better classification applies to
 * every stored fact at once. The inheritance graph is built once per graph version.
 */
import { conflictRanking, datasetLicences, mostRestrictive, normalizeLicence, normalizeLicences, prepareLicenceGraph, type DatasetLicences, type Licence, type LicenceClass, type LicenceGraph, type RankedConflicts } from "@/lib/licences";
import { AppError } from "@/lib/errors";
import { normalizeKey, parseKey } from "@/lib/keys";
import { getDb } from "@/lib/server/db/client";
import { versionedCache } from "@/lib/server/db/versioned-cache";
import type { LicenceSource } from "@/lib/server/generated/prisma/client";
import { Prisma } from "@/lib/server/generated/prisma/client";
import { checkKey } from "@/lib/server/lineage/params";
import { upsertNodes, type Tx } from "@/lib/server/lineage/write";
import { graphVersion } from "../contamination/contamination-inputs";

export type LicenceFact = { key: string; raw: string; source: LicenceSource; url?: string | null; locator?: string | null };

/**
 * Record declared licences (idempotent per dataset, licence and source; a source's newer
 * statement replaces its older raw text and pointer). A raw string naming several licences
 * ("apache-2.0, mit") becomes one row each. Unknown datasets are created as nodes.
 */
export async function writeLicences(
  tx: Tx,
  facts: readonly LicenceFact[],
  options: { nodeIds?: ReadonlyMap<string, number> } = {},
): Promise<{ created: number; updated: number; unchanged: number }> {
  const result = { created: 0, updated: 0, unchanged: 0 };
  const rows = facts.map(storableFields).flatMap((f) => normalizeLicences(f.raw).map((licence) => ({ ...f, licence })));
  if (!rows.length) return result;
  // A caller that has just written the datasets (a trace's aggregation) passes their ids: no second lookup.
  const keys = [...new Set(rows.map((r) => r.key))];
  const known = options.nodeIds;
  const ids = known && keys.every((k) => known.has(normalizeKey(k))) ? known : await upsertNodes(tx, keys.map((key) => ({ key })));
  const datasetIds = [...new Set(rows.map((r) => ids.get(normalizeKey(r.key))!))];
  const existing = await tx.datasetLicence.findMany({ where: { datasetId: { in: datasetIds } } });
  const byId = new Map(existing.map((e) => [`${e.datasetId}\n${e.licenceId}\n${e.source}`, e]));
  const seen = new Set<string>();
  const inserts: { datasetId: number; licenceId: string; source: LicenceSource; raw: string; url: string | null; locator: string | null }[] = [];
  for (const r of rows) {
    const datasetId = ids.get(normalizeKey(r.key))!;
    const id = `${datasetId}\n${r.licence.id}\n${r.source}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const current = byId.get(id);
    const data = { raw: r.licence.raw, url: r.url ?? null, locator: r.locator ?? null };
    if (!current) inserts.push({ datasetId, licenceId: r.licence.id, source: r.source, ...data });
    else if (current.raw !== data.raw || current.url !== data.url || current.locator !== data.locator) {
      await tx.datasetLicence.update({ where: { id: current.id }, data });
      result.updated++;
    } else result.unchanged++;
  }
  // One statement per few thousand rows: the bundled seed writes six thousand.
  for (let i = 0; i < inserts.length; i += 5000) result.created += (await tx.datasetLicence.createMany({ data: inserts.slice(i, i + 5000) })).count;
  return result;
}

type Snapshot = { version: string; graph: LicenceGraph; declared: Map<string, { licence: Licence; source: LicenceSource; url: string | null; locator: string | null }[]> };
/** Licences and their inheritance over the whole graph, built once per graph version however many ask at once. */
const snapshotAt = versionedCache("licences", async (version): Promise<Snapshot> => {
  const db = getDb();
  const [rows, edges, nodes] = await Promise.all([
    db.datasetLicence.findMany({ select: { raw: true, source: true, url: true, locator: true, dataset: { select: { key: true } } }, orderBy: [{ datasetId: "asc" }, { id: "asc" }] }),
    db.$queryRaw<{ upstream: string; downstream: string }[]>(Prisma.sql`
      SELECT u.key AS upstream, d.key AS downstream FROM edge e
      JOIN dataset u ON u.id = e.upstream_id JOIN dataset d ON d.id = e.downstream_id
      WHERE e.status <> 'REJECTED'`),
    db.dataset.findMany({ select: { key: true } }),
  ]);
  const declared = new Map<string, Snapshot["declared"] extends Map<string, infer V> ? V : never>();
  for (const r of rows) {
    const key = normalizeKey(r.dataset.key);
    const list = declared.get(key) ?? [];
    list.push({ licence: normalizeLicence(r.raw), source: r.source, url: r.url, locator: r.locator });
    declared.set(key, list);
  }
  const graph = prepareLicenceGraph({
    nodes: nodes.map((n) => ({ key: n.key, declared: dedupe((declared.get(normalizeKey(n.key)) ?? []).map((d) => d.licence)) })),
    edges,
  });
  return { version, graph, declared };
});

async function snapshot(): Promise<Snapshot> {
  return snapshotAt(await graphVersion(getDb()));
}

function dedupe(list: Licence[]): Licence[] {
  const seen = new Set<string>();
  return list.filter((l) => (seen.has(l.id) ? false : (seen.add(l.id), true)));
}

export type DeclaredLicence = { id: string; name: string; class: LicenceClass; spdx: boolean; sources: { source: LicenceSource; raw: string; url: string | null; locator: string | null }[] };
export type LicenceAnswer = DatasetLicences & { declaredDetail: DeclaredLicence[]; effectiveClass: LicenceClass };

/** Declared and inherited licences of one dataset, with the paths and the conflicts. */
export async function getDatasetLicences(params: { key: string }): Promise<LicenceAnswer> {
  checkKey(params.key);
  const snap = await snapshot();
  const found = await getDb().dataset.findUnique({ where: { keyNorm: normalizeKey(params.key) }, select: { key: true } });
  if (!found) throw new AppError("not_found:dataset", `No dataset ${params.key} in the store.`, { key: params.key });
  const answer = datasetLicences(snap.graph, found.key);
  const byId = new Map<string, DeclaredLicence>();
  for (const d of snap.declared.get(normalizeKey(found.key)) ?? []) {
    const entry = byId.get(d.licence.id) ?? { id: d.licence.id, name: d.licence.name, class: d.licence.class, spdx: d.licence.spdx, sources: [] };
    entry.sources.push({ source: d.source, raw: d.licence.raw, url: d.url, locator: d.locator });
    byId.set(d.licence.id, entry);
  }
  return { ...answer, declaredDetail: [...byId.values()], effectiveClass: effectiveClass(answer, [...byId.values()]) };
}

/** The most restrictive class a dataset is under: its own licences and everything it inherits. */
function effectiveClass(answer: DatasetLicences, declared: DeclaredLicence[]): LicenceClass {
  const classes = [...declared.map((d) => d.class), ...answer.inherited.map((i) => i.class)];
  return mostRestrictive(classes) ?? "unknown";
}

/** Datasets whose declared licence promises more than their sources allow, most serious first. */
export async function getLicenceConflicts(params: { limit: number; scope?: "all" | "hub" }): Promise<{ datasets: RankedConflicts[]; coverage: LicenceCoverage; scope: "all" | "hub" }> {
  const snap = await snapshot();
  const scope = params.scope ?? "all";
  // Hub datasets are what people download; a collection's parts (P3's tasks) repeat their collection's story.
  const ranked = conflictRanking(snap.graph, { limit: scope === "hub" ? Number.MAX_SAFE_INTEGER : params.limit });
  const datasets = scope === "hub" ? ranked.filter((d) => parseKey(d.dataset)?.scheme === "HUB").slice(0, params.limit) : ranked;
  return { datasets, coverage: coverageOf(snap), scope };
}

export type LicenceCoverage = { datasets: number; withDeclared: number; bySource: Record<string, number>; byClass: Record<string, number> };

function coverageOf(snap: Snapshot): LicenceCoverage {
  const bySource: Record<string, number> = {};
  const byClass: Record<string, number> = {};
  for (const list of snap.declared.values()) {
    for (const source of new Set(list.map((d) => d.source))) bySource[source] = (bySource[source] ?? 0) + 1;
    const worst = mostRestrictive(list.map((d) => d.licence.class)) ?? "unknown";
    byClass[worst] = (byClass[worst] ?? 0) + 1;
  }
  return { datasets: snap.graph.keys.length, withDeclared: snap.declared.size, bySource, byClass };
}

/** The effective licence class of each of `keys` (the explorer's licence colouring). */
export async function licenceClasses(params: { keys: string[] }): Promise<Record<string, LicenceClass>> {
  const snap = await snapshot();
  const out: Record<string, LicenceClass> = {};
  for (const key of params.keys) {
    const norm = normalizeKey(key);
    if (!snap.graph.index.has(norm)) continue;
    const answer = datasetLicences(snap.graph, key);
    const own = (snap.declared.get(norm) ?? []).map((d) => d.licence.class);
    const classes = [...own, ...answer.inherited.map((i) => i.class)];
    out[norm] = mostRestrictive(classes) ?? "unknown";
  }
  return out;
}
