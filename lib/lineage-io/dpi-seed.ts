/**
 * The bundled Data Provenance Collection seed (prisma/seed/dpi-graph.json): the facts
 * lib/lineage-io/dpi.ts reads from the extract, written once so a fresh install has them
 * without the extract. Valid JSON, one node or edge per line (readable diffs).
 */
import { z } from "zod";
import { DOMAINS, RELATIONS } from "@/lib/lineage/types";
import type { DpiEdge, DpiNode } from "./dpi";
import { aliasNorm } from "./names";

const node = z.object({
  key: z.string(),
  displayName: z.string(),
  dpiId: z.string(),
  collection: z.string().nullable(),
  domains: z.array(z.enum(DOMAINS)),
  paperUrl: z.string().nullable(),
  generation: z.literal("SYNTHETIC").nullable(),
  licences: z.array(z.object({ raw: z.string(), url: z.string().nullable() })),
  evidence: z.object({ repo: z.string(), file: z.string(), commit: z.string(), jsonKey: z.string() }).nullable(),
  hfId: z.string().nullable(),
  part: z.boolean(),
});
const edge = z.object({
  upstream: z.string(),
  downstream: z.string(),
  relation: z.enum(RELATIONS),
  confidence: z.number().min(0).max(1),
  kind: z.enum(["derived-from", "part-of", "built-from"]),
  locators: z.array(z.string()),
});
const file = z.object({
  header: z.object({ format: z.literal("rootline-dpi-seed/1"), source: z.record(z.string(), z.string()), note: z.string(), counts: z.record(z.string(), z.number()), skipped: z.record(z.string(), z.number()) }),
  nodes: z.array(node),
  edges: z.array(edge),
});

export type DpiSeedFile = { header: z.infer<typeof file>["header"]; nodes: DpiNode[]; edges: DpiEdge[] };

export function parseDpiSeed(text: string): DpiSeedFile {
  const parsed = file.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`not a DPI seed file: ${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message}`);
  return parsed.data as DpiSeedFile;
}

export function serialiseDpiSeed(input: DpiSeedFile): string {
  const list = (items: unknown[]) => (items.length ? `[\n${items.map((i) => `    ${JSON.stringify(i)}`).join(",\n")}\n  ]` : "[]");
  const header = JSON.stringify(input.header, null, 2).replace(/\n/g, "\n  ");
  return `{\n  "header": ${header},\n  "nodes": ${list(input.nodes)},\n  "edges": ${list(input.edges)}\n}\n`;
}

/**
 * Free names → keys: an alias first, then a Hub id whose name part is exactly that name
 * and belongs to one owner only (never a guess between owners; names under 3 characters
 * are too short to trust).
 */
export function nameResolverFor(input: { aliases: readonly { alias: string; key: string }[]; keys: readonly string[] }): (name: string) => string | null {
  const byAlias = new Map(input.aliases.map((a) => [aliasNorm(a.alias), a.key]));
  const byName = new Map<string, string | null>();
  for (const key of input.keys) {
    const slash = key.indexOf("/");
    if (slash < 0 || key.includes(":")) continue;
    const name = aliasNorm(key.slice(slash + 1));
    if (name.length < 3) continue;
    const seen = byName.get(name);
    byName.set(name, seen === undefined || seen?.toLowerCase() === key.toLowerCase() ? key : null);
  }
  return (name) => {
    const norm = aliasNorm(name);
    return byAlias.get(norm) ?? byName.get(norm) ?? null;
  };
}
