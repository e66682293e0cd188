import "server-only";
import type { LineageEdge, LineageEvidence, LineageNode } from "@/lib/lineage/types";
import type { Db } from "@/lib/server/db/client";
import { Prisma } from "@/lib/server/generated/prisma/client";
import {
  EDGE_COLUMNS,
  NODE_COLUMNS,
  toCount,
  toLineageEdge,
  toLineageEvidence,
  toLineageNode,
  type EdgeRow,
  type EvidenceRow,
  type NodeRow,
} from "./mappers";
import { edgeCondition, type ResolvedFilter } from "./params";

type NodeWithCountsRow = NodeRow & { up_total: number; up_hidden: number; down_total: number; down_hidden: number };

/**
 * The nodes `ids` with their edge counts under the filter, in one query whatever the size:
 * an edge is "hidden" when its other end is neither among `ids` nor among `drawn` (other
 * nodes already on screen, whose own rows are not wanted; by default none).
 */
export async function loadNodes(db: Db, ids: number[], filter: ResolvedFilter, drawn: number[] = []): Promise<Map<number, LineageNode>> {
  if (!ids.length) return new Map();
  // `vis`: the nodes that count as drawn (just `sel` unless `drawn` adds some).
  const vis = drawn.length ? Prisma.sql`, vis AS (SELECT id FROM sel UNION SELECT unnest(${drawn}::int[]))` : Prisma.empty;
  const o = Prisma.raw(drawn.length ? "vis" : "sel");
  const rows = await db.$queryRaw<NodeWithCountsRow[]>(Prisma.sql`
    WITH sel AS (SELECT DISTINCT unnest(${ids}::int[]) AS id)${vis},
    up AS (
      SELECT e.downstream_id AS id, count(*)::int AS total, count(*) FILTER (WHERE o.id IS NULL)::int AS hidden
      FROM edge e JOIN sel t ON t.id = e.downstream_id LEFT JOIN ${o} o ON o.id = e.upstream_id
      WHERE ${edgeCondition("e", filter)}
      GROUP BY e.downstream_id
    ),
    down AS (
      SELECT e.upstream_id AS id, count(*)::int AS total, count(*) FILTER (WHERE o.id IS NULL)::int AS hidden
      FROM edge e JOIN sel t ON t.id = e.upstream_id LEFT JOIN ${o} o ON o.id = e.downstream_id
      WHERE ${edgeCondition("e", filter)}
      GROUP BY e.upstream_id
    )
    SELECT ${NODE_COLUMNS},
      coalesce(up.total, 0) AS up_total, coalesce(up.hidden, 0) AS up_hidden,
      coalesce(down.total, 0) AS down_total, coalesce(down.hidden, 0) AS down_hidden
    FROM sel
    JOIN dataset d ON d.id = sel.id
    LEFT JOIN benchmark b ON b.dataset_id = d.id
    LEFT JOIN up ON up.id = d.id
    LEFT JOIN down ON down.id = d.id`);
  return new Map(
    rows.map((row) => [
      row.id,
      toLineageNode(row, {
        upstreamCount: toCount(row.up_total),
        downstreamCount: toCount(row.down_total),
        hiddenUpstream: toCount(row.up_hidden),
        hiddenDownstream: toCount(row.down_hidden),
      }),
    ]),
  );
}

/**
 * Every edge (under the filter) with both ends among `ids`, each with its evidence: two
 * queries. With `drawn`, the edges that have one end among `ids` and the other among `ids`
 * or `drawn` (what drawing `ids` next to `drawn` adds), still two queries.
 */
export async function loadEdges(db: Db, ids: number[], filter: ResolvedFilter, drawn: number[] = []): Promise<LineageEdge[]> {
  if (!ids.length || (ids.length < 2 && !drawn.length)) return [];
  const edges = await db.$queryRaw<EdgeRow[]>(drawn.length ? edgesNextTo(ids, drawn, filter) : edgesAmong(ids, filter));
  if (!edges.length) return [];
  const evidence = await db.$queryRaw<EvidenceRow[]>(Prisma.sql`
    SELECT edge_id, source::text AS source, url, quote, locator
    FROM evidence WHERE edge_id = ANY(${edges.map((edge) => edge.id)}::int[])
    ORDER BY edge_id, id`);
  const byEdge = new Map<number, LineageEvidence[]>();
  for (const row of evidence) {
    const list = byEdge.get(row.edge_id) ?? [];
    list.push(toLineageEvidence(row));
    byEdge.set(row.edge_id, list);
  }
  return edges.map((edge) => toLineageEdge(edge, byEdge.get(edge.id) ?? []));
}

function edgesAmong(ids: number[], filter: ResolvedFilter): Prisma.Sql {
  return Prisma.sql`
    WITH sel AS (SELECT DISTINCT unnest(${ids}::int[]) AS id)
    SELECT ${EDGE_COLUMNS}
    FROM edge e
    JOIN sel a ON a.id = e.upstream_id JOIN sel b ON b.id = e.downstream_id
    JOIN dataset u ON u.id = e.upstream_id JOIN dataset w ON w.id = e.downstream_id
    WHERE ${edgeCondition("e", filter)}
    ORDER BY u.key_norm, w.key_norm`;
}

/** Edges with an end among `ids` and the other among `ids` ∪ `drawn`; each half is driven by `ids` through an edge index. */
function edgesNextTo(ids: number[], drawn: number[], filter: ResolvedFilter): Prisma.Sql {
  return Prisma.sql`
    WITH sel AS (SELECT DISTINCT unnest(${ids}::int[]) AS id),
    vis AS (SELECT id FROM sel UNION SELECT unnest(${drawn}::int[])),
    pairs AS (
      SELECT e.id FROM edge e JOIN sel a ON a.id = e.upstream_id JOIN vis b ON b.id = e.downstream_id
      UNION
      SELECT e.id FROM edge e JOIN vis a ON a.id = e.upstream_id JOIN sel b ON b.id = e.downstream_id
    )
    SELECT ${EDGE_COLUMNS}
    FROM pairs p
    JOIN edge e ON e.id = p.id
    JOIN dataset u ON u.id = e.upstream_id JOIN dataset w ON w.id = e.downstream_id
    WHERE ${edgeCondition("e", filter)}
    ORDER BY u.key_norm, w.key_norm`;
}
