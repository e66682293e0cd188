import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { resolveDatabaseConfig } from "./config";
import { getDb } from "./client";
import { cacheVersion, GRAPH_VERSION_CHANNEL, stopGraphVersionListener, waitUntilListening } from "./graph-version";

afterAll(() => stopGraphVersionListener());

async function eventually(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(check()).toBe(true);
}

describe("the graph version", () => {
  it("changes with this process's own writes, at once", async () => {
    expect(await waitUntilListening()).toBe(true);
    const before = cacheVersion();
    await getDb().dataset.create({ data: { key: "gv/own", keyNorm: "gv/own", scheme: "HUB", kind: "DATASET", displayName: "own" } });
    expect(cacheVersion()).not.toBe(before);
  });

  it.runIf(resolveDatabaseConfig().kind === "postgres")("changes when another connection writes, once that write commits, and not for rows reads never show", async () => {
    expect(await waitUntilListening()).toBe(true);
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      await other.query("BEGIN");
      await other.query(`INSERT INTO dataset (key, key_norm, scheme, kind, display_name, updated_at) VALUES ('gv/other', 'gv/other', 'HUB', 'DATASET', 'other', now())`);
      const before = cacheVersion();
      // Not committed: nobody can read the row yet, so nothing is stale. Give a stray
      // notification every chance to arrive before checking that none did.
      await other.query("SELECT pg_sleep(0.2)");
      expect(cacheVersion()).toBe(before);
      await other.query("COMMIT");
      await eventually(() => cacheVersion() !== before);

      // Rows no read shows (rate-limit counters) notify nobody: a marker sent after such a
      // write arrives with nothing before it (notifications come in commit order).
      const heard: string[] = [];
      const listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await listener.connect();
      listener.on("notification", (n) => heard.push(n.payload ?? ""));
      await listener.query(`LISTEN ${GRAPH_VERSION_CHANNEL}`);
      await other.query(`INSERT INTO web_rate_limit (key, window_start, hits) VALUES ('gv', 0, 1)`);
      await other.query(`SELECT pg_notify('${GRAPH_VERSION_CHANNEL}', 'marker')`);
      await eventually(() => heard.includes("marker"));
      expect(heard).toEqual(["marker"]);
      await other.query(`UPDATE dataset SET display_name = 'other 2' WHERE key = 'gv/other'`);
      await eventually(() => heard.length === 2);
      await listener.end();
    } finally {
      await other.end();
    }
  });
});
