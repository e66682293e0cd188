/**
 * Database command: `npm run db -- <command>`.
 *
 *   migrate                 apply pending migrations (what `npm start` and the tests do)
 *   migrate:create <name>   write a new migration from changes to prisma/schema.prisma
 *   migrate:status          list applied, pending, failed and edited migrations
 *   seed                    load the bundled lineage graph, benchmark registry and aliases
 *   setup                   migrate, then seed (idempotent)
 *   create-admin --email E [--name N]               an admin account (the first one, or another)
 *   create-user --email E --role viewer|reviewer|admin [--name N]
 *   set-role --email E --role R                     change an account's role
 *   set-password --email E                          a new password (ends the account's sessions)
 *   users                                           list accounts and roles
 *
 * Passwords are never arguments (they would sit in shell history and `ps`): they are read from
 * ROOTLINE_PASSWORD, else from standard input (one line), else asked for without echo.
 */
import { resolveDatabaseConfig, describeDatabase } from "@/lib/server/db/config";
import { applyMigrations, createMigration, migrationStatus } from "@/lib/server/db/migrate";
import { runCli } from "./cli-support";
import { accountCommand } from "./account-command";

class UsageError extends Error {
  readonly exitCode = 2;
}

const USAGE = `usage: npm run db -- <migrate | migrate:create <name> | migrate:status | seed | setup>
       npm run db -- create-admin --email E [--name N]
       npm run db -- create-user --email E --role viewer|reviewer|admin [--name N]
       npm run db -- set-role --email E --role viewer|reviewer|admin
       npm run db -- set-password --email E
       npm run db -- users`;

await runCli(async (args) => {
  const [command, ...rest] = args;
  const config = resolveDatabaseConfig();
  switch (command) {
    case "migrate": {
      const applied = await applyMigrations(config);
      console.log(applied.length ? `Applied ${applied.length} migration(s) to ${describeDatabase(config)}: ${applied.join(", ")}` : `${describeDatabase(config)} is up to date.`);
      return 0;
    }
    case "migrate:create": {
      const name = rest.join(" ");
      if (!name) throw new UsageError(`migrate:create needs a name.\n${USAGE}`);
      const created = await createMigration({ name });
      console.log(created ? `Created ${created.dir}/migration.sql:\n\n${created.sql}` : "No schema changes: prisma/schema.prisma matches the migrations.");
      return 0;
    }
    case "migrate:status": {
      const s = await migrationStatus(config);
      console.log(`Database: ${describeDatabase(config)}`);
      console.log(`Applied (${s.applied.length}): ${s.applied.join(", ") || "-"}`);
      console.log(`Pending (${s.pending.length}): ${s.pending.join(", ") || "-"}`);
      if (s.failed.length) console.log(`Failed: ${s.failed.join(", ")}`);
      if (s.edited.length) console.log(`Edited after being applied: ${s.edited.join(", ")}`);
      if (s.unknown.length) console.log(`In the database but not in prisma/migrations: ${s.unknown.join(", ")}`);
      return s.pending.length || s.failed.length || s.edited.length || s.unknown.length ? 1 : 0;
    }
    case "seed":
    case "setup": {
      if (command === "setup") await applyMigrations(config);
      const { seedDatabase } = await import("@/lib/server/seed/seed");
      const report = await seedDatabase();
      console.log(`Seeded ${describeDatabase(config)}: ${JSON.stringify(report)}`);
      return 0;
    }
    case "create-admin":
    case "create-user":
    case "set-role":
    case "set-password":
    case "users": {
      await applyMigrations(config);
      return accountCommand(command, rest);
    }
    default:
      throw new UsageError(command ? `Unknown command "${command}".\n${USAGE}` : USAGE);
  }
});
