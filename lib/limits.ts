/**
 * Limits on what a request may ask for, in one place (the validation schemas, route handlers
 * and pages read them from here, so a page never promises what the API refuses).
 */

/** Longest dataset key or address accepted anywhere (before normalising). */
export const MAX_KEY_LENGTH = 300;

/** Deepest lineage a view or the API walks in one direction. */
export const MAX_VIEW_DEPTH = 10;
/** Traces started from the web: depth and nodes fetched (the CLI may ask for more, up to CLI_MAX_DEPTH). */
export const WEB_MAX_DEPTH = 3;
export const WEB_MAX_NODE_BUDGET = 100;
export const CLI_MAX_DEPTH = 20;

/** A reviewer's note on an edge. */
export const MAX_NOTE_LENGTH = 2000;

/** Largest request body a JSON route reads (bytes). */
export const MAX_BODY_BYTES = 256 * 1024;

/** Most nodes an explorer view holds (GET /api/view cuts there; POST /api/expand takes at most this many drawn keys). */
export const VIEW_MAX_NODES = 10_000;
/**
 * Largest body POST /api/expand reads: VIEW_MAX_NODES drawn keys of up to 300 characters,
 * quoted and comma-separated (keys need no JSON escapes), plus the rest of the object.
 */
export const MAX_EXPAND_BODY_BYTES = VIEW_MAX_NODES * 303 + 1024;

/**
 * Largest body POST /api/snapshots reads: the view query plus up to 5,000 node positions keyed
 * by keys of up to MAX_KEY_LENGTH characters (a frozen 5,000-node view is ~1.8 MB of JSON).
 */
export const MAX_FREEZE_BODY_BYTES = 3 * 1024 * 1024;
/** Node positions a frozen view stores at most. */
export const MAX_POSITIONS = 5000;
/** Longest view query a freeze carries (3 × 200 listed keys plus the scalar parameters). */
export const MAX_VIEW_QUERY_LENGTH = 200_000;

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

/** Accounts: sessions, passwords, sign-in attempts. */
export const AUTH = {
  minSecretLength: 32,
  minPasswordLength: 10,
  maxPasswordLength: 256,
  sessionSeconds: 14 * 24 * 60 * 60,
  signInsPerMinute: 10,
} as const;

/** Writes per minute per signed-in user, or per client address for visitors. */
export const WRITES_PER_MINUTE = {
  freeze: 30,
  trace: 20,
  review: 240,
  addEdge: 60,
  deleteSnapshot: 60,
} as const;

/** Longest Retry-After the Hub client sleeps through; a longer wait puts the run back in the queue for later. */
export const DEFAULT_MAX_HUB_WAIT_MS = 30_000;

/** ROOTLINE_MAX_HUB_WAIT_SECONDS when it is a whole number of seconds (0 sleeps through none), else the default. */
export function maxHubWaitMs(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const raw = env.ROOTLINE_MAX_HUB_WAIT_SECONDS?.trim();
  const value = raw ? Number(raw) : NaN;
  return Number.isInteger(value) && value >= 0 ? value * 1000 : DEFAULT_MAX_HUB_WAIT_MS;
}

/** Times a run may be put back in the queue because the Hub asked us to wait; the next wait fails it. */
export const MAX_RUN_DEFERRALS = 5;
/** Shortest and longest a deferred run waits before it is taken again (a Hub asking for more fails the run). */
export const MIN_RUN_DEFER_MS = 60_000;
export const MAX_RUN_DEFER_MS = 24 * 60 * 60_000;

/** Default wall-clock time a run may spend fetching and tracing before it stops with what it has. */
export const DEFAULT_RUN_TIME_BUDGET_MS = 10 * 60_000;

/** ROOTLINE_RUN_TIME_BUDGET_SECONDS when it is a positive whole number of seconds, else the default. */
export function runTimeBudgetMs(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const value = Number(env.ROOTLINE_RUN_TIME_BUDGET_SECONDS);
  return Number.isInteger(value) && value > 0 ? value * 1000 : DEFAULT_RUN_TIME_BUDGET_MS;
}

/**
 * A store-wide snapshot (contamination flags, analyses, licence inheritance) whose last build
 * took longer than this is not waited for after a write: readers get the last one kept while
 * one rebuild runs (lib/server/db/versioned-cache.ts). Quicker ones are always waited for.
 */
export const DEFAULT_STALE_AFTER_MS = 2_000;

/** ROOTLINE_STALE_AFTER_MS when it is a whole number of milliseconds, else the default. */
export function staleAfterMs(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const raw = env.ROOTLINE_STALE_AFTER_MS?.trim();
  const value = raw ? Number(raw) : Number.NaN;
  return Number.isInteger(value) && value >= 0 ? value : DEFAULT_STALE_AFTER_MS;
}
