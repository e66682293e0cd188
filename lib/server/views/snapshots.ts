import "server-only";
import { randomBytes } from "node:crypto";
import { AppError } from "@/lib/errors";
import { MAX_POSITIONS } from "@/lib/limits";
import { normalizeKey } from "@/lib/keys";
import type { LineageGraph } from "@/lib/lineage/types";
import { getDb } from "@/lib/server/db/client";
import { Prisma } from "@/lib/server/generated/prisma/client";
import { getView } from "@/lib/server/lineage/view";
import { withIds } from "@/lib/lineage/ids";
import { parseViewState, reviveViewState, serializeViewState, type ViewState } from "@/lib/view/state";

/**
 * Frozen views ("Freeze" → /s/{id}). The server recomputes the graph from the view state and
 * stores it whole, so the link keeps showing exactly that graph after the store changes, and
 * a client cannot plant a graph of its own. Node positions from the client are kept so the
 * snapshot opens with the layout its author saw; they are checked, never trusted.
 *
 * Stored in the `snapshot` table: `graph` is the LineageGraph, `view` is
 * `{ state: ViewState, positions: Positions | null }`.
 */

export const SNAPSHOT_ID_LENGTH = 10;
export const SNAPSHOT_ID_PATTERN = /^[0-9A-Za-z]{10}$/;
export const MAX_SNAPSHOT_BYTES = 5 * 1024 * 1024;
export { MAX_POSITIONS };

export type Point = { x: number; y: number };
export type Positions = Record<string, Point>;

export type Snapshot = {
  id: string;
  rootKey: string;
  /** ISO timestamp. */
  createdAt: string;
  state: ViewState;
  positions: Positions | null;
  graph: LineageGraph;
};

type StoredView = { state: ViewState; positions: Positions | null };

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** 10 base62 characters (~59 bits) from the OS's CSPRNG, without modulo bias. */
export function newSnapshotId(random: (size: number) => Uint8Array = randomBytes): string {
  let id = "";
  while (id.length < SNAPSHOT_ID_LENGTH) {
    for (const byte of random(16)) {
      // 248 = 4 × 62: bytes above it would favour the first characters.
      if (byte < 248 && id.length < SNAPSHOT_ID_LENGTH) id += BASE62[byte % 62];
    }
  }
  return id;
}

/**
 * Positions kept for a snapshot: finite coordinates for nodes of the graph (stored casing),
 * at most MAX_POSITIONS. Malformed input is refused; positions of nodes the graph does not
 * hold are dropped (the client may have laid out nodes a filter hides).
 */
export function checkPositions(raw: unknown, graph: LineageGraph): Positions | null {
  if (raw == null) return null;
  if (typeof raw !== "object" || Array.isArray(raw)) throw new AppError("bad_request:body", "positions must be an object of { x, y } by node key.");
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length > MAX_POSITIONS) throw new AppError("bad_request:body", `At most ${MAX_POSITIONS} node positions can be stored (got ${entries.length}).`);
  const keyOf = new Map(graph.nodes.map((n) => [normalizeKey(n.key), n.key]));
  const positions: Positions = {};
  for (const [key, value] of entries) {
    const point = value as Partial<Point> | null;
    if (!point || typeof point !== "object" || !Number.isFinite(point.x) || !Number.isFinite(point.y)) {
      throw new AppError("bad_request:body", `The position of ${key.slice(0, 80)} must be { x, y } with finite numbers.`);
    }
    const stored = keyOf.get(normalizeKey(key));
    if (stored) positions[stored] = { x: point.x!, y: point.y! };
  }
  return Object.keys(positions).length ? positions : null;
}

/** The canonical form of a state (what its URL says): drops anything the URL could not carry. */
function canonicalState(state: ViewState): ViewState {
  return parseViewState(serializeViewState(state)).state;
}

export type CreateSnapshotInput = { rootKey: string; state: ViewState; positions?: unknown };

export async function createSnapshot(input: CreateSnapshotInput, options: { newId?: () => string } = {}): Promise<{ id: string }> {
  const state = canonicalState(input.state);
  const { graph } = await getView({ key: input.rootKey, state });
  const view: StoredView = { state, positions: checkPositions(input.positions, graph) };
  const bytes = Buffer.byteLength(JSON.stringify(graph)) + Buffer.byteLength(JSON.stringify(view));
  if (bytes > MAX_SNAPSHOT_BYTES) {
    const mb = (bytes / 1024 / 1024).toFixed(1);
    throw new AppError("too_large", `This view is too large to freeze (${mb} MB; the limit is ${MAX_SNAPSHOT_BYTES / 1024 / 1024} MB). Lower the depth or collapse some nodes, then freeze again.`);
  }
  const newId = options.newId ?? (() => newSnapshotId());
  const db = getDb();
  for (let attempt = 0; ; attempt++) {
    const id = newId();
    try {
      await db.snapshot.create({
        data: { id, rootKey: graph.root, graph: graph as unknown as Prisma.InputJsonValue, view: view as unknown as Prisma.InputJsonValue },
      });
      return { id };
    } catch (error) {
      // 59 random bits: a collision is all but impossible, but cheap to survive.
      const collision = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
      if (!collision || attempt >= 4) throw error;
    }
  }
}

export async function getSnapshot({ id }: { id: string }): Promise<Snapshot> {
  if (typeof id !== "string" || !SNAPSHOT_ID_PATTERN.test(id)) {
    throw new AppError("bad_request:params", `"${String(id).slice(0, 40)}" is not a snapshot id (${SNAPSHOT_ID_LENGTH} letters and digits).`);
  }
  const row = await getDb().snapshot.findUnique({ where: { id } });
  if (!row) throw new AppError("not_found:snapshot", `There is no frozen view ${id}.`);
  const view = row.view as unknown as StoredView;
  return {
    id: row.id,
    rootKey: row.rootKey,
    createdAt: row.createdAt.toISOString(),
    state: reviveViewState(view.state),
    positions: view.positions ?? null,
    graph: withIds(row.graph as unknown as LineageGraph),
  };
}

/** Deletes a frozen view (its permalink then answers 404). */
export async function deleteSnapshot({ id }: { id: string }): Promise<{ id: string; deleted: true }> {
  if (typeof id !== "string" || !SNAPSHOT_ID_PATTERN.test(id)) {
    throw new AppError("bad_request:params", `"${String(id).slice(0, 40)}" is not a snapshot id (${SNAPSHOT_ID_LENGTH} letters and digits).`);
  }
  const { count } = await getDb().snapshot.deleteMany({ where: { id } });
  if (!count) throw new AppError("not_found:snapshot", `There is no frozen view ${id}.`);
  return { id, deleted: true };
}
