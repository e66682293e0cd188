import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { AppError } from "@/lib/errors";
import { normalizeKey } from "@/lib/keys";
import { DATA_FILE, GRAPH_FILE, serialiseOda } from "@/lib/lineage-io/oda";
import { getDb } from "@/lib/server/db/client";

/**
 * mkdir -p one level at a time: Node 20's recursive mkdir never returns for some paths the
 * kernel refuses with ENOENT (e.g. under /proc), which would hang the CLI.
 */
async function makeDirectory(dir: string): Promise<void> {
  const stat = await fs.stat(dir).catch(() => null);
  if (stat?.isDirectory()) return;
  if (stat) throw new Error(`${dir} is a file, not a directory`);
  const parent = path.dirname(dir);
  if (parent !== dir) await makeDirectory(parent);
  await fs.mkdir(dir);
}

export type OdaExportReport = { dir: string; files: string[]; nodes: number; edges: number; graphLines: number; dataLines: number; ms: number };

/**
 * Write the store (or the subgraph on `keys`: those nodes and the edges between them) as
 * graph.jsonl + data.jsonl in the reference tool's format. Files are written next to
 * their final name and renamed, so a failed export never leaves half a file behind.
 */
export async function exportOdaDirectory(dir: string, options: { keys?: string[] } = {}): Promise<OdaExportReport> {
  const started = Date.now();
  try {
    await makeDirectory(path.resolve(dir));
    await fs.access(dir, fs.constants.W_OK);
  } catch (error) {
    throw new AppError("bad_request:params", `Cannot write to ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }

  const only = options.keys ? { keyNorm: { in: options.keys.map(normalizeKey) } } : {};
  // One snapshot: edges written between the two reads must not point at unexported nodes.
  const { nodes, edges } = await getDb().$transaction(
    async (tx) => ({
      nodes: await tx.dataset.findMany({ where: only, orderBy: { keyNorm: "asc" } }),
      edges: await tx.edge.findMany({
        where: options.keys ? { upstream: only, downstream: only } : {},
        include: { upstream: { select: { key: true } }, downstream: { select: { key: true } }, evidence: { orderBy: { id: "asc" } } },
        // By key, not id: two stores holding the same graph export the same files.
        orderBy: [{ downstream: { keyNorm: "asc" } }, { upstream: { keyNorm: "asc" } }],
      }),
    }),
    { isolationLevel: "RepeatableRead", timeout: 5 * 60_000 },
  );
  const out = serialiseOda({
    nodes,
    edges: edges.map((e) => ({
      upstream: e.upstream.key,
      downstream: e.downstream.key,
      relation: e.relation,
      confidence: e.confidence,
      evidence: e.evidence.map((v) => ({ source: v.source, url: v.url, quote: v.quote, fingerprint: v.fingerprint })),
    })),
  });

  const files: [string, string][] = [
    [GRAPH_FILE, out.graph],
    [DATA_FILE, out.data],
  ];
  for (const [name, text] of files) {
    const target = path.join(dir, name);
    const temp = `${target}.${process.pid}.tmp`;
    try {
      await fs.writeFile(temp, text);
      await fs.rename(temp, target);
    } catch (error) {
      await fs.rm(temp, { force: true });
      throw new AppError("bad_request:params", `Cannot write ${target}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
    }
  }
  const lines = (text: string) => (text ? text.split("\n").length - 1 : 0);
  return {
    dir,
    files: files.map(([name]) => name),
    nodes: nodes.length,
    edges: edges.length,
    graphLines: lines(out.graph),
    dataLines: lines(out.data),
    ms: Date.now() - started,
  };
}
