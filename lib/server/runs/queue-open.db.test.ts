import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { resolveDatabaseConfig } from "@/lib/server/db/config";
import type PgBoss from "pg-boss";
import { ITEM_QUEUE, openQueue, RUN_QUEUE } from "./queue";

// Workers started together on a new database (`npm run worker` × 4, the crawl benchmark) each
// create the two queues at the same moment; pg-boss's create_queue then deadlocks (the bench's
// 4-worker crawl died of it: "a worker exited before it was ready: deadlock detected").
// Only a PostgreSQL server is shared by processes, so only there can they race.
const onServer = resolveDatabaseConfig().kind === "postgres";
const opened: PgBoss[] = [];

afterAll(async () => {
  await Promise.all(opened.map((boss) => boss.stop({ graceful: false, wait: true }).catch(() => undefined)));
});

describe.skipIf(!onServer)("opening the queue from many processes at once", () => {
  it("gives every opener a started queue on a new database, and each queue exists once", async () => {
    const openers = 6;
    const results = await Promise.allSettled(Array.from({ length: openers }, () => openQueue()));
    for (const result of results) if (result.status === "fulfilled") opened.push(result.value);
    expect(results.map((r) => (r.status === "rejected" ? String(r.reason) : "ok"))).toEqual(Array(openers).fill("ok"));

    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string; n: number }>("SELECT name, count(*)::int AS n FROM pgboss.queue GROUP BY name ORDER BY name");
      expect(rows).toEqual([...[RUN_QUEUE, ITEM_QUEUE]].sort().map((name) => ({ name, n: 1 })));
    } finally {
      await client.end();
    }
    // Every opener can use it: a job sent through one is seen by another.
    const id = await opened[0]!.send(RUN_QUEUE, { runId: "00000000-0000-4000-8000-000000000000" });
    expect(await opened.at(-1)!.getJobById(RUN_QUEUE, id!)).toMatchObject({ name: RUN_QUEUE });
  });
});
