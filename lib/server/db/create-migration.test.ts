import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { applyMigrations, createMigration, MIGRATIONS_DIR, SCHEMA_PATH } from "./migrate";
import { closePglite } from "./adapter";

// The migration command end to end on a copy of the real schema and migrations: a schema
// change becomes a new migration whose SQL applies cleanly on top of the existing ones.
let tmp: string;
afterEach(async () => {
  await closePglite("memory://");
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
});

it("writes nothing when the schema matches the migrations, and a migration for a change", async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "rootline-migrate-"));
  const migrationsDir = path.join(tmp, "migrations");
  await fs.cp(MIGRATIONS_DIR, migrationsDir, { recursive: true });
  const schemaPath = path.join(tmp, "schema.prisma");
  const schema = await fs.readFile(SCHEMA_PATH, "utf8");
  await fs.writeFile(schemaPath, schema);

  expect(await createMigration({ name: "nothing", schemaPath, migrationsDir })).toBeNull();
  await expect(createMigration({ name: "  !! ", schemaPath, migrationsDir })).rejects.toThrow(/needs a name/);

  await fs.writeFile(schemaPath, `${schema}\nmodel Note {\n  id   Int    @id @default(autoincrement())\n  body String\n  @@map("note")\n}\n`);
  const created = await createMigration({ name: "Add notes!", schemaPath, migrationsDir, now: new Date("2030-01-02T03:04:05Z") });
  expect(created?.dir).toBe(path.join(migrationsDir, "20300102030405_add_notes"));
  expect(created?.sql).toMatch(/CREATE TABLE "note"/);

  const applied = await applyMigrations({ kind: "pglite", dataDir: "memory://" }, migrationsDir);
  expect(applied.at(-1)).toBe("20300102030405_add_notes");
  expect(await createMigration({ name: "again", schemaPath, migrationsDir })).toBeNull();
}, 60_000);
