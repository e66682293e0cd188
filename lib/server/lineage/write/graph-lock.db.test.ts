import { describe, expect, it } from "vitest";
import { mergeEdges, upsertNodes, writeTransaction, type Tx } from "@/lib/server/lineage/write";

/** Whether this transaction's connection holds the graph write lock (bigint key 0x526f6f74: classid 0, objid the key, objsubid 1). */
async function heldLocks(tx: Tx): Promise<number> {
  const rows = await tx.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM pg_locks
    WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted AND classid = 0 AND objid = ${0x526f6f74}::bigint::oid AND objsubid = 1`;
  return rows[0]!.n;
}

describe("the graph write lock", () => {
  it("is asked for once per transaction, however many writers run in it, and every new transaction takes it again", async () => {
    for (const round of [1, 2, 3]) {
      let statements = 0;
      const held = await writeTransaction(async (tx) => {
        const before = await heldLocks(tx);
        const counted = new Proxy(tx, {
          get(target, prop, receiver) {
            const value = Reflect.get(target, prop, receiver);
            if (prop === "$queryRaw" && typeof value === "function") {
              return (strings: TemplateStringsArray, ...values: unknown[]) => {
                if (strings.join("?").includes("pg_advisory_xact_lock")) statements += 1;
                return (value as (...a: unknown[]) => unknown).apply(target, [strings, ...values]);
              };
            }
            return value;
          },
        });
        const writer = counted as Tx;
        await upsertNodes(writer, [{ key: `lock${round}/a` }]);
        await upsertNodes(writer, [{ key: `lock${round}/b` }]);
        await mergeEdges(writer, [{ upstream: `lock${round}/a`, downstream: `lock${round}/b`, relation: "DIRECT_INCLUSION", confidence: 0.8, origin: "IMPORT" }]);
        return { before, after: await heldLocks(tx) };
      });
      expect(held).toEqual({ before: 0, after: 1 });
      expect(statements).toBe(1);
    }
  });
});
