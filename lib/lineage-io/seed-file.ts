import { z } from "zod";
import { CRAWL_STATES, DOMAINS, EVIDENCE_SOURCES, RELATIONS, SPLITS } from "@/lib/lineage/types";

/**
 * prisma/seed/oda-graph.json: the facts of the reference lineage graph that ship with the
 * repository (keys, kinds, domains, dates, edges, where the evidence is). No quotes and no
 * summaries: those stay with the reference files and come in through `lineage import`.
 * Each evidence row carries the fingerprint the full import computes, so the two meet.
 */

const TERMINAL_REASONS = ["NO_SOURCES_FOUND", "SOURCES_NOT_ON_HUB", "CREATED_BEFORE_CUTOFF", "NOT_ON_HUB", "PRIMARY_SOURCE", "DEPTH_LIMIT", "OTHER"] as const;

const seedNode = z.strictObject({
  key: z.string().min(1),
  displayName: z.string().min(1).optional(),
  kind: z.enum(["DATASET", "BENCHMARK", "EXTERNAL"]),
  domains: z.array(z.enum(DOMAINS)).optional(),
  generation: z.enum(["HUMAN", "SYNTHETIC", "MIXED"]).optional(),
  hubPresence: z.enum(["UNKNOWN", "EXISTS", "MISSING"]).optional(),
  hubDownloads: z.number().int().nonnegative().optional(),
  releaseMonth: z.string().regex(/^\d{4}-\d{2}$/).optional(),
  paperUrl: z.string().url().optional(),
  crawlState: z.enum(CRAWL_STATES).optional(),
  terminalReason: z.enum(TERMINAL_REASONS).optional(),
  terminalDetail: z.string().optional(),
});

const seedEvidence = z.strictObject({
  source: z.enum(EVIDENCE_SOURCES),
  url: z.string().nullable(),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  locator: z.string(),
});

const seedEdge = z.strictObject({
  upstream: z.string().min(1),
  downstream: z.string().min(1),
  relation: z.enum(RELATIONS),
  confidence: z.number().min(0).max(1),
  split: z.enum(SPLITS),
  evidence: z.array(seedEvidence),
});

const seedHeader = z.object({
  format: z.literal("rootline-seed/1"),
  source: z.object({ name: z.string(), repository: z.string(), path: z.string(), commit: z.string() }),
  note: z.string(),
  counts: z.record(z.string(), z.number()),
  skippedLines: z.array(z.object({ file: z.string(), line: z.number(), reason: z.string() })),
  droppedEdges: z.array(z.object({ upstream: z.string(), downstream: z.string(), reason: z.string(), lines: z.array(z.number()) })),
});

const seedFile = z.object({ header: seedHeader, nodes: z.array(seedNode), edges: z.array(seedEdge) });

export type SeedNode = z.infer<typeof seedNode>;
export type SeedEdge = z.infer<typeof seedEdge>;
export type SeedHeader = z.infer<typeof seedHeader>;
export type SeedFile = z.infer<typeof seedFile>;

export function parseSeedFile(text: string): SeedFile {
  const parsed = seedFile.safeParse(JSON.parse(text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`The seed file is not valid at ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  return parsed.data;
}

/**
 * Valid JSON with one node or edge per line, so diffs of a regenerated seed stay readable.
 * Fields are written in schema order whatever order the caller built them in.
 */
export function serialiseSeedFile(input: SeedFile): string {
  const file = seedFile.parse(input);
  const list = (items: unknown[]) => (items.length ? `[\n${items.map((i) => `    ${JSON.stringify(i)}`).join(",\n")}\n  ]` : "[]");
  const header = JSON.stringify(file.header, null, 2).replace(/\n/g, "\n  ");
  return `{\n  "header": ${header},\n  "nodes": ${list(file.nodes)},\n  "edges": ${list(file.edges)}\n}\n`;
}
