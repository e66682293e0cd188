import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

// What a production build depends on. Content hashes, not mtimes: a fresh clone gives
// every file a new mtime, and an unchanged tree should not rebuild.
const ROOT = path.resolve(import.meta.dirname, "..");
const INPUT_DIRS = ["app", "components", "lib", "agents", "public", "prisma"];
const INPUT_FILES = ["next.config.ts", "tsconfig.json", "postcss.config.mjs", "package-lock.json", "instrumentation.ts"];
const SKIP = [/\.test\.tsx?$/, /(^|\/)generated\//, /(^|\/)fixtures\//, /(^|\/)migrations\//];
const STAMP = path.join(ROOT, ".next", "rootline-build-stamp");

async function* walk(dir: string): AsyncGenerator<string> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}

export async function sourceHash(): Promise<string> {
  const hash = createHash("sha256");
  const add = async (file: string) => {
    const rel = path.relative(ROOT, file);
    if (SKIP.some((re) => re.test(rel))) return;
    hash.update(rel).update("\0").update(await fs.readFile(file)).update("\0");
  };
  for (const dir of INPUT_DIRS) for await (const file of walk(path.join(ROOT, dir))) await add(file);
  for (const file of INPUT_FILES) await add(path.join(ROOT, file)).catch(() => {});
  return hash.digest("hex");
}

/** Whether the last build is of the sources as they are; the sources' hash either way (stamp it after building). */
export async function buildIsCurrent(): Promise<{ current: boolean; hash: string }> {
  const [stamp, buildId, hash] = await Promise.all([
    fs.readFile(STAMP, "utf8").catch(() => null),
    fs.readFile(path.join(ROOT, ".next", "BUILD_ID"), "utf8").catch(() => null),
    sourceHash(),
  ]);
  return { current: Boolean(stamp && buildId && stamp.trim() === hash), hash };
}

/**
 * Record that the build holds the sources hashed *before* it started: a file edited while
 * the build ran then differs from the stamp, and the next start builds again.
 */
export async function writeBuildStamp(hash: string): Promise<void> {
  await fs.writeFile(STAMP, hash);
}
