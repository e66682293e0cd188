import "server-only";
import pg from "pg";
import { resolveDatabaseConfig } from "./config";
import { writeGeneration } from "./write-watch";

/**
 * The version of what reads show, as a cache key: it changes whenever any process writes the
 * graph. This process's own writes count at once (write-watch). On PostgreSQL, writes from
 * other processes (other web workers, `npm run worker`, CLI imports) arrive as notifications
 * that a statement trigger sends (migration graph_version_web_rate_limit) and that PostgreSQL
 * delivers when the writing transaction commits; each one bumps `remote`.
 *
 * Ordering: a reader takes the version *before* it reads. A notification that arrives while it
 * reads makes the version it took stale, so what it caches under that version is never served
 * again; nothing committed after the version was taken can hide under it.
 *
 * While the listening connection is not established (starting, or lost), another process's
 * write could go unseen, so `cacheVersion()` answers null and callers do not cache. On the
 * embedded store only this process can write, so its own count is the whole truth.
 */
export const GRAPH_VERSION_CHANNEL = "rootline_graph_version";
const RECONNECT_MS = 1_000;

type ListenerState = { remote: number; listening: boolean; starting: boolean; client?: pg.Client; url: string; stopped: boolean };
const globalState = globalThis as unknown as { __rootlineGraphListener?: ListenerState };

/** The current version, or null when a write elsewhere might go unnoticed (do not cache). */
export function cacheVersion(): string | null {
  const config = resolveDatabaseConfig();
  if (config.kind === "pglite") return `l${writeGeneration()}`;
  const state = listener(config.url);
  if (!state.listening) return null;
  return `${state.remote}.${writeGeneration()}`;
}

function listener(url: string): ListenerState {
  let state = globalState.__rootlineGraphListener;
  if (!state || state.url !== url) {
    if (state) stopState(state);
    state = globalState.__rootlineGraphListener = { remote: 0, listening: false, starting: false, url, stopped: false };
  }
  if (!state.listening && !state.starting && !state.stopped) void connect(state);
  return state;
}

async function connect(state: ListenerState): Promise<void> {
  state.starting = true;
  const client = new pg.Client({ connectionString: state.url, application_name: "rootline graph-version listener" });
  const lost = () => {
    if (state.client !== client) return;
    // Whatever was written while nobody listened is unknown: a new epoch makes every cached
    // answer stale, and null (not listening) keeps anything from being cached meanwhile.
    state.listening = false;
    state.remote += 1;
    state.client = undefined;
    client.removeAllListeners();
    void client.end().catch(() => {});
    if (!state.stopped) setTimeout(() => listener(state.url), RECONNECT_MS).unref();
  };
  try {
    state.client = client;
    client.on("error", lost);
    client.on("end", lost);
    client.on("notification", (message) => {
      if (message.channel === GRAPH_VERSION_CHANNEL) state.remote += 1;
    });
    await client.connect();
    await client.query(`LISTEN ${GRAPH_VERSION_CHANNEL}`);
    state.remote += 1;
    state.listening = !state.stopped;
  } catch {
    lost();
  } finally {
    state.starting = false;
  }
}

/** Resolves once this process listens for other processes' writes (at most `timeoutMs`). */
export async function waitUntilListening(timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (cacheVersion() === null) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

function stopState(state: ListenerState): void {
  state.stopped = true;
  state.listening = false;
  const client = state.client;
  state.client = undefined;
  client?.removeAllListeners();
  void client?.end().catch(() => {});
}

/** Close the listening connection (tests, shutdown). */
export function stopGraphVersionListener(): void {
  const state = globalState.__rootlineGraphListener;
  globalState.__rootlineGraphListener = undefined;
  if (state) stopState(state);
}
