import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { acquireEmbeddedLock } from "./embedded-lock";
import { resolveDatabaseConfig } from "./config";

it("refuses a folder held by another live process and takes over a stale lock", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rootline-lock-"));
  const dataDir = path.join(dir, "pglite");
  const lockFile = path.join(dir, "pglite.lock");
  const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
  try {
    fs.mkdirSync(dataDir);
    fs.writeFileSync(lockFile, String(other.pid));
    expect(() => acquireEmbeddedLock(dataDir)).toThrow(new RegExp(`in use by process ${other.pid}`));

    fs.writeFileSync(lockFile, "999999999"); // no such process: a crashed holder
    const release = acquireEmbeddedLock(dataDir);
    expect(fs.readFileSync(lockFile, "utf8")).toBe(String(process.pid));
    release();
    expect(fs.existsSync(lockFile)).toBe(false);
  } finally {
    other.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

it("chooses the database from the environment", () => {
  expect(resolveDatabaseConfig({ DATABASE_URL: "postgresql://u@h:5432/db" })).toEqual({ kind: "postgres", url: "postgresql://u@h:5432/db" });
  expect(resolveDatabaseConfig({ ROOTLINE_DATA_DIR: "memory://" })).toEqual({ kind: "pglite", dataDir: "memory://" });
  expect(resolveDatabaseConfig({})).toEqual({ kind: "pglite", dataDir: path.resolve(".data/pglite") });
  expect(() => resolveDatabaseConfig({ DATABASE_URL: "mysql://x" })).toThrow(/postgres/);
});
