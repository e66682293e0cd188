/**
 * Write synthetic graphs into the store named by ROOTLINE_DATA_DIR (a throwaway folder),
 * through the same writer the seed and imports use. Run as its own process (under
 * `tsx --conditions=react-server`) so the embedded database is closed before a server opens it:
 *
 *   ROOTLINE_DATA_DIR=/tmp/x tsx --conditions=react-server bench/lib/write-graphs.ts '[{spec}, …]'
 */
import { resolveDatabaseConfig } from "@/lib/server/db/config";
import { applyMigrations } from "@/lib/server/db/migrate";
import { mergeEdges, upsertNodes, writeTransaction } from "@/lib/server/lineage/write";
import { runCli } from "@/scripts/cli-support";
import { syntheticGraph, type SyntheticSpec } from "@/test-support/synthetic-graph";

await runCli(async ([specs]) => {
  if (!process.env.ROOTLINE_DATA_DIR) throw new Error("ROOTLINE_DATA_DIR must point at the benchmark's data folder");
  await applyMigrations(resolveDatabaseConfig());
  for (const spec of JSON.parse(specs ?? "[]") as SyntheticSpec[]) {
    const graph = syntheticGraph(spec);
    const started = Date.now();
    const result = await writeTransaction(async (tx) => {
      await upsertNodes(tx, graph.nodes.map((key) => ({ key, kind: "DATASET" as const, domains: ["MATH" as const] })));
      return mergeEdges(
        tx,
        graph.edges.map((e) => ({ ...e, origin: "IMPORT" as const, actor: "bench", evidence: [{ source: "IMPORT" as const, quote: `${e.upstream} feeds ${e.downstream}` }] })),
      );
    });
    if (result.skipped.length) throw new Error(`${spec.owner}: ${result.skipped.length} edges skipped, e.g. ${JSON.stringify(result.skipped[0])}`);
    console.log(`[bench] wrote ${spec.owner}: ${graph.nodes.length} nodes, ${result.created} edges in ${Date.now() - started} ms`);
  }
  return 0;
});
