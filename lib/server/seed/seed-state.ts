import "server-only";
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { getDb } from "../db/client";
import { seedDatabase } from "./seed";

const SEED_META_KEY = "seed_version";
const SEED_DIR = path.join(process.cwd(), "prisma", "seed");

/** Identity of the bundled seed: a hash of every file in prisma/seed. */
export async function seedVersion(dir = SEED_DIR): Promise<string> {
  const hash = createHash("sha256");
  const files = (await fs.readdir(dir)).filter((f) => !f.endsWith(".test.ts")).sort();
  for (const file of files) {
    hash.update(file).update("\0").update(await fs.readFile(path.join(dir, file))).update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

/**
 * Seeding is idempotent but reads every seeded row; servers skip it when the store
 * already holds this version of the bundled seed.
 */
export async function seedIfChanged(): Promise<Awaited<ReturnType<typeof seedDatabase>> | null> {
  const db = getDb();
  const version = await seedVersion();
  const current = await db.appMeta.findUnique({ where: { key: SEED_META_KEY } });
  if (current?.value === version) return null;
  const report = await seedDatabase();
  await db.appMeta.upsert({ where: { key: SEED_META_KEY }, create: { key: SEED_META_KEY, value: version }, update: { value: version } });
  return report;
}
