/**
 * Limits on what a request may ask for, in one place (the validation schemas, route handlers
 * and pages read them from here, so a page never promises what the API refuses).
 */

/** Largest request body a JSON route reads (bytes). */
export const MAX_BODY_BYTES = 256 * 1024;

/** Most nodes an explorer view holds (GET /api/view cuts there; POST /api/expand takes at most this many drawn keys). */
export const VIEW_MAX_NODES = 10_000;
/**
 * Largest body POST /api/expand reads: VIEW_MAX_NODES drawn keys of up to 300 characters,
 * quoted and comma-separated (keys need no JSON escapes), plus the rest of the object.
 */
export const MAX_EXPAND_BODY_BYTES = VIEW_MAX_NODES * 303 + 1024;

/** Lineage analyses: datasets compared at once, a sampling plan's budget and candidates. */
export const MIN_COMPARED = 2;
export const MAX_COMPARED = 20;
export const MAX_SAMPLING_BUDGET = 1_000_000_000;
export const MAX_SAMPLING_CANDIDATES = 5_000;
/** Rows a ranked analysis list returns at most. */
export const MAX_LIST_LIMIT = 100;

/** Largest table POST /api/rank reads (a 500 × 50 table of numbers fits well inside). */
export const MAX_RANK_BODY_BYTES = 2 * 1024 * 1024;
/** Datasets ranked at once from the store (the /rank page's picker). */
export const MAX_RANKED_DATASETS = 200;

/** Default largest body read from the Hub or a linked text (a card, a JSON answer, a paper's text). */
export const DEFAULT_MAX_FETCH_BYTES = 2 * 1024 * 1024;

/** ROOTLINE_MAX_FETCH_BYTES when it is a positive whole number of bytes, else the default. */
export function maxFetchBytes(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const value = Number(env.ROOTLINE_MAX_FETCH_BYTES);
  return Number.isInteger(value) && value > 0 ? value : DEFAULT_MAX_FETCH_BYTES;
}
