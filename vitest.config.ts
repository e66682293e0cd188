import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
const alias = {
  "@": root,
  // The data layer starts with `import "server-only"`; tests are server code too.
  "server-only": path.join(root, "test-support/server/server-only-stub.ts"),
};
const exclude = ["node_modules/**", "e2e/**", ".next/**", ".data/**"];

// Database tests (`*.db.test.ts`) run twice: on embedded PGlite and on a real PostgreSQL
// server (TEST_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/test), each
// file in a fresh, migrated database of its own.
export default defineConfig({
  resolve: { alias },
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two files at a time even on a 2-core machine: many tests wait on PostgreSQL or on a child
    // process (the CLI tests), so the second worker mostly fills those waits (~15% faster here).
    maxWorkers: 2,
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["**/*.test.ts"], exclude: [...exclude, "**/*.db.test.ts"], environment: "node" },
      },
      {
        resolve: { alias },
        test: {
          name: "pglite",
          include: ["**/*.db.test.ts"],
          exclude,
          env: { ROOTLINE_TEST_DB: "pglite" },
          setupFiles: ["test-support/server/db-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "postgres",
          include: ["**/*.db.test.ts"],
          exclude,
          env: { ROOTLINE_TEST_DB: "postgres" },
          setupFiles: ["test-support/server/db-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
