/**
 * The names Rootline knows with no store at all: every Hub dataset of the bundled seed (the
 * reference lineage graph and the Data Provenance Collection extract) and the seed's reviewed
 * aliases, as the same alias map the pipeline builds from a freshly seeded store
 * (lib/server/agents/store.ts). `extract` and the evaluation read names through this, so a card
 * gives the same upstreams offline as the pipeline would store.
 */
import fs from "node:fs";
import path from "node:path";
import { parseDpiSeed } from "@/lib/lineage-io/dpi-seed";
import { parseSeedFile } from "@/lib/lineage-io/seed-file";
import { parseKey } from "@/lib/keys";
import { ALIASES } from "@/prisma/seed/benchmarks";
import { buildAliasMap } from "./alias-map";

// Beside the seed loader's own path (lib/server/seed/seed.ts): the app, the CLIs and the tests all
// run from the project folder, and a bundled server has no module directory to resolve from.
const SEED_DIR = path.join(process.cwd(), "prisma", "seed");

export type NameSources = { hubKeys: string[]; aliases: { alias: string; key: string }[] };

let cached: NameSources | null = null;

/** Hub keys and aliases of the bundled seed (read once per process). */
export function bundledNameSources(seedDir = SEED_DIR): NameSources {
  if (cached && seedDir === SEED_DIR) return cached;
  const oda = parseSeedFile(fs.readFileSync(path.join(seedDir, "oda-graph.json"), "utf8"));
  const dpi = parseDpiSeed(fs.readFileSync(path.join(seedDir, "dpi-graph.json"), "utf8"));
  const hubKeys = [...new Set([...oda.nodes.map((n) => n.key), ...dpi.nodes.map((n) => n.key)].filter((k) => parseKey(k)?.scheme === "HUB"))];
  const sources = { hubKeys, aliases: ALIASES.map((a) => ({ alias: a.alias, key: a.key })) };
  if (seedDir === SEED_DIR) cached = sources;
  return sources;
}

/**
 * The alias map of the bundled seed, optionally with more names on top: more sources, or a
 * store's finished map (its reviewed aliases win over the bundled ones; a name the bundle
 * leaves unclaimed because two owners use it stays unclaimed unless the store names one).
 */
export function bundledAliasMap(extra: Partial<NameSources> & { map?: ReadonlyMap<string, string> } = {}): Map<string, string> {
  const base = bundledNameSources();
  const merged = buildAliasMap([...base.hubKeys, ...(extra.hubKeys ?? [])], [...base.aliases, ...(extra.aliases ?? [])]);
  for (const [name, key] of extra.map ?? []) merged.set(name, key);
  return merged;
}
