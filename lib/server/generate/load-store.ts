import "server-only";
import { AppError, isAppError } from "@/lib/errors";
import { DOMAINS } from "@/lib/lineage/types";
import { getDb, type Db } from "@/lib/server/db/client";
import { generateLineageStore, NODE_KIND_CODES, NO_DOMAIN, RELATION_CODES, SCHEME_CODES, SPLIT_CODES, STATUS_CODES, type GeneratedStore } from "@/lib/synthetic/lineage-store";
import { GENERATOR_VERSION, specLabel, type StoreSpec } from "@/lib/synthetic/store-spec";

/** The app_meta row naming the synthetic store a database holds (benches compare it with their spec). */
export const SYNTHETIC_META_KEY = "synthetic_store";
/** Rows per INSERT: a few MB of parameters, big enough that round trips do not count. */
const BATCH_ROWS = 25_000;
const TRANSACTION_MS = 60 * 60_000;

export type GeneratedStoreMarker = StoreSpec & { generator: number; label: string };

export type GenerateReport = {
  spec: StoreSpec;
  label: string;
  nodes: number;
  edges: number;
  benchmarks: number;
  replaced: boolean;
  generateMs: number;
  loadMs: number;
};

/** Postgres array literal of enum labels, indexed 1… by the codes + 1 the arrays carry. */
const labels = (values: readonly string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(", ")}]`;

const NODE_SQL = `
  INSERT INTO dataset (id, key, key_norm, scheme, display_name, kind, domains, hub_presence, hub_downloads, hub_created_at, crawl_state, updated_at)
  SELECT t.id, t.key, lower(t.key), (${labels(SCHEME_CODES)}::key_scheme[])[t.scheme + 1], t.name,
         (${labels(NODE_KIND_CODES)}::node_kind[])[t.kind + 1],
         CASE WHEN t.domain = ${NO_DOMAIN} THEN ARRAY[]::domain[] ELSE ARRAY[(${labels(DOMAINS)}::domain[])[t.domain + 1]] END,
         CASE WHEN t.scheme = 0 THEN 'EXISTS'::hub_presence ELSE 'UNKNOWN'::hub_presence END,
         nullif(t.downloads, -1),
         -- timestamp 'epoch' + ms keeps UTC whatever the session's time zone is (to_timestamp would not).
         timestamp 'epoch' + t.created * interval '1 millisecond',
         CASE WHEN t.scheme = 0 THEN 'TRACED'::crawl_state ELSE 'UNTRACED'::crawl_state END,
         now()
  FROM unnest($1::int[], $2::text[], $3::int[], $4::text[], $5::int[], $6::int[], $7::int[], $8::float8[])
       AS t(id, key, scheme, name, kind, domain, downloads, created)`;

const EDGE_SQL = `
  INSERT INTO edge (id, upstream_id, downstream_id, relation, confidence, split, status, origin, actor, updated_at)
  SELECT t.id, t.up, t.down, (${labels(RELATION_CODES)}::relation[])[t.relation + 1], t.confidence::float8 / 100,
         (${labels(SPLIT_CODES)}::split[])[t.split + 1], (${labels(STATUS_CODES)}::review_status[])[t.status + 1],
         'IMPORT', 'synthetic', now()
  FROM unnest($1::int[], $2::int[], $3::int[], $4::int[], $5::int[], $6::int[], $7::int[])
       AS t(id, up, down, relation, confidence, split, status)`;

/** The marker of the synthetic store `db` holds, or null (none, or another kind of store). */
export async function readStoreMarker(db: Db = getDb()): Promise<GeneratedStoreMarker | null> {
  const row = await db.appMeta.findUnique({ where: { key: SYNTHETIC_META_KEY } });
  if (!row) return null;
  try {
    return JSON.parse(row.value) as GeneratedStoreMarker;
  } catch {
    return null;
  }
}

/**
 * Generate the store `spec` describes and load it, in one transaction, with bulk INSERT …
 * SELECT FROM unnest(…) batches (ids given, so edges need no lookup). Refused
 * (conflict:not_empty) when the store holds datasets, unless `replace`: then every lineage
 * table is emptied first (TRUNCATE … CASCADE takes what refers to datasets: edges, evidence,
 * reviews, registry rows, runs). Goes through the Prisma client, so the process's write
 * counter moves and caches keyed on the graph version see the new graph.
 */
export async function loadGeneratedStore({
  spec,
  replace = false,
  db = getDb(),
  batchRows = BATCH_ROWS,
  log = () => {},
}: {
  spec: StoreSpec;
  replace?: boolean;
  db?: Db;
  batchRows?: number;
  log?: (message: string) => void;
}): Promise<GenerateReport> {
  // Refuse before spending seconds (a million nodes: half a minute) on a graph that cannot go in.
  if (!replace) await refuseNonEmpty(db);
  const generated = Date.now();
  const store = generateLineageStore(spec);
  const generateMs = Date.now() - generated;
  log(`generated ${store.nodes.count} nodes and ${store.edges.count} edges in ${generateMs} ms`);
  const started = Date.now();
  const replaced = await db
    .$transaction(
      async (tx) => {
        const holding = await holdsDatasets(tx as unknown as Db);
        if (holding && !replace) throw notEmpty();
        if (holding) await tx.$executeRawUnsafe(`TRUNCATE dataset RESTART IDENTITY CASCADE`);
        // The seed and any earlier synthetic store are gone with the rows.
        await tx.$executeRawUnsafe(`DELETE FROM app_meta WHERE key IN ('seed_version', '${SYNTHETIC_META_KEY}')`);
        await insertNodes(tx as unknown as Db, store, batchRows, log);
        await insertEdges(tx as unknown as Db, store, batchRows, log);
        await insertRegistry(tx as unknown as Db, store);
        // The next dataset or edge anyone adds continues after the generated ids.
        await tx.$queryRawUnsafe(`SELECT setval(pg_get_serial_sequence('dataset', 'id'), ${Math.max(1, store.nodes.count)})::text AS v`);
        await tx.$queryRawUnsafe(`SELECT setval(pg_get_serial_sequence('edge', 'id'), ${Math.max(1, store.edges.count)})::text AS v`);
        const marker: GeneratedStoreMarker = { ...spec, generator: GENERATOR_VERSION, label: specLabel(spec) };
        await tx.appMeta.create({ data: { key: SYNTHETIC_META_KEY, value: JSON.stringify(marker) } });
        return holding;
      },
      { timeout: TRANSACTION_MS, maxWait: 60_000 },
    )
    .catch((error: unknown) => {
      if (isAppError(error)) throw error;
      throw new AppError("internal", `Loading the synthetic store failed: ${(error as Error).message}. Nothing was loaded; the store is as it was.`);
    });
  // Planner statistics for the new rows now, not whenever autovacuum gets to them: the first
  // closure queries would otherwise be planned for empty tables.
  await db.$executeRawUnsafe(`ANALYZE dataset`);
  await db.$executeRawUnsafe(`ANALYZE edge`);
  return {
    spec,
    label: specLabel(spec),
    nodes: store.nodes.count,
    edges: store.edges.count,
    benchmarks: store.benchmarks.length,
    replaced,
    generateMs,
    loadMs: Date.now() - started,
  };
}

async function holdsDatasets(db: Db): Promise<boolean> {
  const [row] = await db.$queryRawUnsafe<{ datasets: boolean }[]>(`SELECT EXISTS (SELECT 1 FROM dataset) AS datasets`);
  return Boolean(row?.datasets);
}

const notEmpty = () =>
  new AppError("conflict:not_empty", "This store is not empty (it holds datasets). Generate into an empty store, or add --replace to empty it first.");

async function refuseNonEmpty(db: Db): Promise<void> {
  if (await holdsDatasets(db)) throw notEmpty();
}

async function insertNodes(db: Db, store: GeneratedStore, batchRows: number, log: (message: string) => void): Promise<void> {
  const { nodes } = store;
  for (let from = 0; from < nodes.count; from += batchRows) {
    const to = Math.min(nodes.count, from + batchRows);
    const ids = Array.from({ length: to - from }, (_, i) => from + i + 1);
    await db.$executeRawUnsafe(
      NODE_SQL,
      ids,
      nodes.keys.slice(from, to),
      Array.from(nodes.scheme.subarray(from, to)),
      nodes.displayNames.slice(from, to),
      Array.from(nodes.kind.subarray(from, to)),
      Array.from(nodes.domain.subarray(from, to)),
      Array.from(nodes.downloads.subarray(from, to)),
      Array.from(nodes.createdMs.subarray(from, to)),
    );
    if (to === nodes.count || (to / batchRows) % 10 === 0) log(`nodes ${to}/${nodes.count}`);
  }
}

async function insertEdges(db: Db, store: GeneratedStore, batchRows: number, log: (message: string) => void): Promise<void> {
  const { edges } = store;
  for (let from = 0; from < edges.count; from += batchRows) {
    const to = Math.min(edges.count, from + batchRows);
    const column = (a: Int32Array | Uint8Array, plusOne = false) => Array.from(a.subarray(from, to), (x) => (plusOne ? x + 1 : x));
    await db.$executeRawUnsafe(
      EDGE_SQL,
      Array.from({ length: to - from }, (_, i) => from + i + 1),
      column(edges.up, true),
      column(edges.down, true),
      column(edges.relation),
      column(edges.confidencePercent),
      column(edges.split),
      column(edges.status),
    );
    if (to === edges.count || (to / batchRows) % 10 === 0) log(`edges ${to}/${edges.count}`);
  }
}

/** Each benchmark node is a registered benchmark with one evaluation set (its test split, dated its month). */
async function insertRegistry(db: Db, store: GeneratedStore): Promise<void> {
  if (!store.benchmarks.length) return;
  const b = store.benchmarks;
  const ids = b.map((x) => x.node + 1);
  await db.$executeRawUnsafe(
    `INSERT INTO benchmark (dataset_id, family, eval_splits) SELECT t.id, t.family, ARRAY['TEST']::split[] FROM unnest($1::int[], $2::text[]) AS t(id, family)`,
    ids,
    b.map((x) => x.family),
  );
  await db.$executeRawUnsafe(
    `INSERT INTO eval_set (id, name, family, dataset_id, eval_splits, items_from, items_to, note, origin)
     SELECT t.id, t.name, t.family, t.dataset, ARRAY['TEST']::split[], t.month, t.month, 'synthetic', 'PERSON'
     FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[]) AS t(id, name, family, dataset, month)`,
    b.map((x) => x.evalSetId),
    b.map((x) => x.name),
    b.map((x) => x.family),
    ids,
    b.map((x) => x.month),
  );
}
