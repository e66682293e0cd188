import "server-only";
import { PrismaClient } from "../generated/prisma/client";
import { createAdapterFactory } from "./adapter";
import { watchWrites } from "./write-watch";
import { resolveDatabaseConfig, type DatabaseConfig } from "./config";

export type Db = PrismaClient;

export function createPrismaClient(config: DatabaseConfig = resolveDatabaseConfig()): PrismaClient {
  return new PrismaClient({ adapter: watchWrites(createAdapterFactory(config)) });
}

// One client per process, created on first use (never at import: `next build` imports
// route modules in several workers, and each would otherwise open the embedded database).
// Cached on globalThis so `next dev` hot reloads reuse it instead of opening another pool.
const globalForDb = globalThis as unknown as { __rootlineDb?: PrismaClient };

export function getDb(): PrismaClient {
  return (globalForDb.__rootlineDb ??= createPrismaClient());
}

export async function disconnectDb(): Promise<void> {
  const client = globalForDb.__rootlineDb;
  globalForDb.__rootlineDb = undefined;
  await client?.$disconnect();
}
