import "server-only";
import fs from "node:fs";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPg } from "@prisma/adapter-pg";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { DatabaseConfig } from "./config";

/**
 * One PGlite instance per data folder per process: PGlite is single-connection and
 * costs seconds to start, and two instances on one folder would corrupt it.
 */
const globalForPglite = globalThis as unknown as { __rootlinePglite?: Map<string, PGlite> };

export function getPglite(dataDir: string): PGlite {
  const cache = (globalForPglite.__rootlinePglite ??= new Map());
  let instance = cache.get(dataDir);
  if (!instance) {
    if (dataDir !== "memory://") fs.mkdirSync(dataDir, { recursive: true });
    instance = new PGlite(dataDir);
    cache.set(dataDir, instance);
  }
  return instance;
}

export async function closePglite(dataDir: string): Promise<void> {
  const cache = globalForPglite.__rootlinePglite;
  const instance = cache?.get(dataDir);
  if (instance) {
    cache!.delete(dataDir);
    await instance.close();
  }
}

export function createAdapterFactory(config: DatabaseConfig): SqlMigrationAwareDriverAdapterFactory {
  if (config.kind === "pglite") return new PrismaPGlite(getPglite(config.dataDir));
  return new PrismaPg({ connectionString: config.url, max: 10 });
}

type Queryable = { performIO(query: unknown): Promise<{ fields: { dataTypeID: number }[] }> };

/**
 * @prisma/adapter-pg cannot decode the catalog type "char" (OID 18) that the schema engine
 * reads while introspecting; report it as text (OID 25) so migrations work through pg.
 */
function patchCharType<T extends object>(queryable: T): T {
  const q = queryable as unknown as Queryable;
  const original = q.performIO.bind(q);
  q.performIO = async (query) => {
    const result = await original(query);
    for (const field of result.fields) if (field.dataTypeID === 18) field.dataTypeID = 25;
    return result;
  };
  return queryable;
}

type Disposable = { dispose(): Promise<void> };

/**
 * Adapter factory for the schema engine (migrations), with the pg "char" fix applied.
 * `close()` disposes every connection the engine opened: the engine holds Postgres'
 * migration advisory lock on its connection, and a leaked one makes the next migration
 * wait out the lock timeout.
 */
export function createMigrationAdapterFactory(
  config: DatabaseConfig,
): SqlMigrationAwareDriverAdapterFactory & { close(): Promise<void> } {
  const factory = createAdapterFactory(config);
  const opened: Disposable[] = [];
  const track = <A extends Disposable & { startTransaction: (...args: never[]) => Promise<object> }>(adapter: A): A => {
    opened.push(adapter);
    if (config.kind === "pglite") return adapter;
    patchCharType(adapter);
    const start = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = (async (...args: never[]) => patchCharType(await start(...args))) as A["startTransaction"];
    return adapter;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => track(await factory.connect()),
    connectToShadowDb: async () => track(await factory.connectToShadowDb()),
    close: async () => {
      await Promise.allSettled(opened.splice(0).map((adapter) => adapter.dispose()));
    },
  };
}
