import { defineConfig } from "prisma/config";

// The CLI is used only for `generate`/`validate`/`format`; migrations run through
// scripts/db.ts (WASM schema engine), so no datasource URL is needed here.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx --conditions=react-server scripts/db.ts seed" },
});
