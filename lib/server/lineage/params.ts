import "server-only";
import { AppError } from "@/lib/errors";
import { MAX_VIEW_DEPTH } from "@/lib/limits";
import { normalizeKey, parseKey } from "@/lib/keys";
import { Prisma } from "@/lib/server/generated/prisma/client";
import type { Db } from "@/lib/server/db/client";

/** Which edges a query walks and counts. Defaults show everything, rejected edges included. */
export type EdgeFilter = { minConfidence?: number; includeRejected?: boolean };
export type ResolvedFilter = { minConfidence: number; includeRejected: boolean };

export const MAX_LINEAGE_DEPTH = MAX_VIEW_DEPTH;
export const MAX_WALK_DEPTH = 50;

export function intParam(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new AppError("bad_request:params", `${name} must be an integer from ${min} to ${max}.`, { [name]: value });
  }
  return value;
}

export function resolveFilter(filter: EdgeFilter): ResolvedFilter {
  const { minConfidence = 0, includeRejected = true } = filter;
  if (typeof minConfidence !== "number" || !Number.isFinite(minConfidence) || minConfidence < 0 || minConfidence > 1) {
    throw new AppError("bad_request:params", "minConfidence must be a number from 0 to 1.", { minConfidence });
  }
  if (typeof includeRejected !== "boolean") {
    throw new AppError("bad_request:params", "includeRejected must be true or false.", { includeRejected });
  }
  return { minConfidence, includeRejected };
}

/** SQL condition on the edge table aliased `alias` that keeps the edges the filter allows. */
export function edgeCondition(alias: string, filter: ResolvedFilter): Prisma.Sql {
  const e = Prisma.raw(alias);
  const confidence = Prisma.sql`${e}.confidence >= ${filter.minConfidence}::float8`;
  return filter.includeRejected ? confidence : Prisma.sql`${confidence} AND ${e}.status <> 'REJECTED'`;
}

/**
 * Keys are matched case-insensitively, so a key is well-formed when either its own casing
 * or its lowercase form parses (`CORPUS:x` is not a key, but people type `Corpus:x` too).
 */
export function checkKey(key: unknown, name = "key"): string {
  if (typeof key !== "string" || !(parseKey(key) || parseKey(normalizeKey(key)))) {
    throw new AppError("bad_request:key", `${name} is not a dataset key.`, { [name]: key });
  }
  return normalizeKey(key);
}

export type StoredNode = { id: number; key: string };

/** The stored node for a key (any casing); not_found:dataset when there is none. */
export async function findNode(db: Db, key: unknown, name = "key"): Promise<StoredNode> {
  const keyNorm = checkKey(key, name);
  const rows = await db.$queryRaw<StoredNode[]>(Prisma.sql`SELECT id, key FROM dataset WHERE key_norm = ${keyNorm}`);
  const node = rows[0];
  if (!node) throw new AppError("not_found:dataset", `No dataset ${String(key)} in the store.`, { [name]: key });
  return node;
}
