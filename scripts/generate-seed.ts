/**
 * Regenerate prisma/seed/oda-graph.json from the reference ODA lineage files:
 *
 *   npx tsx scripts/generate-seed.ts [ODA_DIR] [--out FILE] [--commit SHA]
 *
 * ODA_DIR defaults to ../shared/reference/oda beside the repository (graph.jsonl + data.jsonl). Free-text
 * names resolve through the aliases of prisma/seed/benchmarks.ts, exactly as the store
 * resolves them on import, so seeded fingerprints match a later full import. Edges the
 * store would refuse (reverse edges, cycles) are left out and listed in the header.
 */
import fs from "node:fs";
import path from "node:path";
import { normalizeKey } from "@/lib/keys";
import { DirectedGraph } from "@/lib/lineage-io/acyclic";
import { aliasNorm } from "@/lib/lineage-io/names";
import { DATA_FILE, GRAPH_FILE, parseOda } from "@/lib/lineage-io/oda";
import { serialiseSeedFile, type SeedFile } from "@/lib/lineage-io/seed-file";
import { DPI_EDGES_FILE, DPI_NODES_FILE, parseDpi } from "@/lib/lineage-io/dpi";
import { nameResolverFor, serialiseDpiSeed, type DpiSeedFile } from "@/lib/lineage-io/dpi-seed";
import { ALIASES } from "@/prisma/seed/benchmarks";

const DEFAULT_DIR = path.resolve(import.meta.dirname, "../../shared/reference/oda");
const DEFAULT_DPI_DIR = path.resolve(import.meta.dirname, "../../shared/reference/dpi");
const DEFAULT_OUT = path.join(process.cwd(), "prisma", "seed", "oda-graph.json");
const DPI_OUT = path.join(process.cwd(), "prisma", "seed", "dpi-graph.json");
const REFERENCE_COMMIT = "93acf2dc8feec120e60a584f3414c33c805e3915";
const DPI_COMMIT = "ce6662deccf011574427b6f112df479d261960b8";

function parseArgs(argv: string[]): { dir: string; out: string; commit: string } {
  const options = { dir: DEFAULT_DIR, out: DEFAULT_OUT, commit: REFERENCE_COMMIT };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--out") options.out = path.resolve(argv[++i] ?? "");
    else if (arg === "--commit") options.commit = argv[++i] ?? "";
    else if (arg.startsWith("-")) throw new Error(`unknown option ${arg}`);
    else options.dir = path.resolve(arg);
  }
  return options;
}

function main(): void {
  const { dir, out, commit } = parseArgs(process.argv.slice(2));
  const graphPath = path.join(dir, GRAPH_FILE);
  if (!fs.existsSync(graphPath)) throw new Error(`${graphPath} not found`);
  const dataPath = path.join(dir, DATA_FILE);
  const aliasKeys = new Map(ALIASES.map((a) => [aliasNorm(a.alias), a.key]));
  const parsed = parseOda(
    { graph: fs.readFileSync(graphPath, "utf8"), data: fs.existsSync(dataPath) ? fs.readFileSync(dataPath, "utf8") : null },
    { resolveName: (name) => aliasKeys.get(aliasNorm(name)) ?? null },
  );

  // Same order and rule as the graph writer, so the seed loads without skips.
  const graph = new DirectedGraph<string>();
  const kept: typeof parsed.edges = [];
  const dropped: SeedFile["header"]["droppedEdges"] = [];
  for (const edge of parsed.edges) {
    const conflict = graph.conflict(normalizeKey(edge.upstream), normalizeKey(edge.downstream));
    if (conflict) {
      dropped.push({ upstream: edge.upstream, downstream: edge.downstream, reason: conflict.reason, lines: edge.lines });
      continue;
    }
    graph.add(normalizeKey(edge.upstream), normalizeKey(edge.downstream));
    kept.push(edge);
  }

  const used = new Set(kept.flatMap((e) => [normalizeKey(e.upstream), normalizeKey(e.downstream)]));
  const nodes = parsed.nodes.filter((n) => used.has(normalizeKey(n.key)) || n.crawlState);
  const edges = kept.map((e) => ({
    upstream: e.upstream,
    downstream: e.downstream,
    relation: e.relation,
    confidence: e.confidence,
    split: e.split,
    evidence: e.evidence.map(({ source, url, fingerprint, locator }) => ({ source, url, fingerprint, locator })),
  }));
  const file: SeedFile = {
    header: {
      format: "rootline-seed/1",
      source: {
        name: "Data lineage graph of \"Tracing the Roots\" (arXiv 2604.10480), text-only modality",
        repository: "OpenDataArena/OpenDataArena.github.io",
        path: "data-lineage/output/text-only_modality",
        commit,
      },
      note: "Facts only (keys, kinds, dates, relations, confidences, evidence locations). Evidence quotes and summaries are not included; `npm run lineage -- import --format oda <dir>` adds them from the reference files.",
      counts: {
        graphLines: parsed.stats.graphLines,
        dataLines: parsed.stats.dataLines,
        duplicateLinesMerged: parsed.stats.duplicateLinesMerged,
        nodes: nodes.length,
        edges: edges.length,
        evidence: edges.reduce((n, e) => n + e.evidence.length, 0),
      },
      skippedLines: parsed.skipped.map(({ file, line, reason }) => ({ file, line, reason })),
      droppedEdges: dropped,
    },
    nodes: nodes.map((n) => ({ ...n })),
    edges,
  };
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, serialiseSeedFile(file));
  console.log(`Wrote ${path.relative(process.cwd(), out)}: ${JSON.stringify(file.header.counts)}`);
  writeDpiSeed(file);
  for (const d of dropped) console.log(`  dropped ${d.reason}: ${d.upstream} → ${d.downstream} (graph.jsonl:${d.lines.join(",")})`);
  for (const s of parsed.skipped) console.log(`  skipped ${s.file}:${s.line} ${s.reason}: ${s.detail}`);
}

/**
 * The Data Provenance Collection's facts as a second seed file (prisma/seed/dpi-graph.json):
 * datasets, licences and derived-from/part-of edges, no prose. Free names resolve through the
 * seed's aliases and the Hub ids of both graphs, as an import into the seeded store would.
 */
function writeDpiSeed(oda: SeedFile): void {
  const dir = DEFAULT_DPI_DIR;
  const nodesPath = path.join(dir, DPI_NODES_FILE);
  if (!fs.existsSync(nodesPath)) {
    console.log(`(no ${nodesPath}: ${path.relative(process.cwd(), DPI_OUT)} left as it is)`);
    return;
  }
  const nodes = fs.readFileSync(nodesPath, "utf8");
  const edgesPath = path.join(dir, DPI_EDGES_FILE);
  const edges = fs.existsSync(edgesPath) ? fs.readFileSync(edgesPath, "utf8") : null;
  const dpiHubKeys = parseDpi({ nodes, edges: null }).nodes.map((n) => n.key);
  const resolveName = nameResolverFor({ aliases: ALIASES, keys: [...oda.nodes.map((n) => n.key), ...dpiHubKeys] });
  const parsed = parseDpi({ nodes, edges }, { resolveName });
  const skips: Record<string, number> = {};
  for (const s of parsed.skipped) skips[s.reason] = (skips[s.reason] ?? 0) + 1;
  const file: DpiSeedFile = {
    header: {
      format: "rootline-dpi-seed/1",
      source: { name: "Data Provenance Collection (extract)", repository: "Data-Provenance-Initiative/Data-Provenance-Collection", path: "data_summaries", commit: DPI_COMMIT },
      note: "Facts only (keys, names, licences as named, relations, evidence pointers). `npm run lineage -- import --format dpi <dir>` writes the same facts from the extract.",
      counts: { nodes: parsed.nodes.length, edges: parsed.edges.length, licences: parsed.nodes.reduce((n, x) => n + x.licences.length, 0), ...parsed.stats },
      skipped: skips,
    },
    nodes: parsed.nodes,
    edges: parsed.edges,
  };
  fs.writeFileSync(DPI_OUT, serialiseDpiSeed(file));
  console.log(`Wrote ${path.relative(process.cwd(), DPI_OUT)}: ${JSON.stringify(file.header.counts)} skipped ${JSON.stringify(skips)}`);
}

try {
  main();
} catch (error) {
  console.error(`error: ${(error as Error).message}`);
  process.exit(1);
}
