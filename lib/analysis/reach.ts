/**
 * What every node reaches upstream, for whole-graph analyses: its depth (longest upstream
 * path, in edges), the number of its ancestors and of its roots (ancestors with no upstream),
 * and a MinHash signature of its root set for similarity search.
 *
 * One pass in topological order: a node's ancestor and root sets are the unions of its
 * upstreams' (plus the upstreams themselves), held as index arrays and freed as soon as every
 * downstream has read them, so memory follows the width of the graph, not its size squared,
 * and time the total size of the sets (lineages are mostly shallow).
 * Counts are exact. On a cyclic input the nodes on cycles get what their acyclic upstreams
 * give (the store never holds cycles).
 */
import type { AnalysisGraph } from "./graph";

/** Signature length: Jaccard estimates are within about ±0.12 (1/√k) of the truth, enough to shortlist. */
export const MINHASH_K = 64;

export type Reach = {
  depth: Int32Array;
  fanIn: Int32Array;
  ancestors: Int32Array;
  roots: Int32Array;
  /** A node with no upstream in the store. */
  isRoot: Uint8Array;
  /** For a root: how many other nodes reach it (0 for non-roots). How common a source is. */
  rootReach: Int32Array;
  /** MINHASH_K minimum hashes of each node's root set (all 0xffffffff when it has none). */
  signature: Uint32Array;
};

/** A fixed family of hash functions of node indices (multiply-xorshift, seeded per slot). */
function hashes(k: number): Uint32Array {
  const seeds = new Uint32Array(k);
  let s = 0x9e3779b9;
  for (let i = 0; i < k; i++) {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x297a2d39) >>> 0;
    seeds[i] = s | 1;
  }
  return seeds;
}

function mix(x: number, seed: number): number {
  let h = Math.imul(x ^ seed, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export function computeReach(g: AnalysisGraph): Reach {
  const { n } = g;
  const depth = new Int32Array(n);
  const fanIn = new Int32Array(n);
  const ancestors = new Int32Array(n);
  const roots = new Int32Array(n);
  const isRoot = new Uint8Array(n);
  for (let v = 0; v < n; v++) {
    fanIn[v] = g.inStart[v + 1]! - g.inStart[v]!;
    isRoot[v] = fanIn[v] === 0 ? 1 : 0;
  }
  const rootReach = new Int32Array(n);
  const seeds = hashes(MINHASH_K);
  const signature = new Uint32Array(n * MINHASH_K).fill(0xffffffff);
  // Sets as arrays of node indices, unioned with a stamp per node (no sorting needed to count).
  const anc: (Int32Array | null)[] = new Array(n).fill(null);
  const rts: (Int32Array | null)[] = new Array(n).fill(null);
  const readersLeft = new Int32Array(n);
  for (let v = 0; v < n; v++) readersLeft[v] = g.outStart[v + 1]! - g.outStart[v]!;
  const done = new Uint8Array(n);
  const ancStamp = new Int32Array(n).fill(-1);
  const rootStamp = new Int32Array(n).fill(-1);
  let ancBuf: Int32Array<ArrayBuffer> = new Int32Array(64);
  let rootBuf: Int32Array<ArrayBuffer> = new Int32Array(64);

  for (const v of g.topo) {
    let na = 0;
    let nr = 0;
    let d = 0;
    const addAnc = (x: number) => {
      if (ancStamp[x] === v) return;
      ancStamp[x] = v;
      if (na === ancBuf.length) ancBuf = grow(ancBuf);
      ancBuf[na++] = x;
    };
    const addRoot = (x: number) => {
      if (rootStamp[x] === v) return;
      rootStamp[x] = v;
      if (nr === rootBuf.length) rootBuf = grow(rootBuf);
      rootBuf[nr++] = x;
    };
    const sig = signature.subarray(v * MINHASH_K, (v + 1) * MINHASH_K);
    for (let k = g.inStart[v]!; k < g.inStart[v + 1]!; k++) {
      const u = g.up[g.inEdge[k]!]!;
      if (!done[u]) continue; // an upstream on a cycle with v
      addAnc(u);
      const au = anc[u];
      if (au) for (let i = 0; i < au.length; i++) addAnc(au[i]!);
      if (isRoot[u]) {
        addRoot(u);
        for (let i = 0; i < MINHASH_K; i++) sig[i] = Math.min(sig[i]!, mix(u, seeds[i]!));
      } else {
        const ru = rts[u];
        if (ru) for (let i = 0; i < ru.length; i++) addRoot(ru[i]!);
        const su = signature.subarray(u * MINHASH_K, (u + 1) * MINHASH_K);
        for (let i = 0; i < MINHASH_K; i++) if (su[i]! < sig[i]!) sig[i] = su[i]!;
      }
      d = Math.max(d, depth[u]! + 1);
      if (--readersLeft[u]! === 0) {
        anc[u] = null;
        rts[u] = null;
      }
    }
    depth[v] = d;
    ancestors[v] = na;
    roots[v] = nr;
    for (let i = 0; i < nr; i++) rootReach[rootBuf[i]!]!++;
    done[v] = 1;
    if (readersLeft[v]! > 0 && na) {
      anc[v] = ancBuf.slice(0, na);
      rts[v] = rootBuf.slice(0, nr);
    }
  }
  return { depth, fanIn, ancestors, roots, isRoot, rootReach, signature };
}

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** Estimated Jaccard similarity of two nodes' root sets from their signatures. */
export function signatureJaccard(reach: Reach, a: number, b: number): number {
  let same = 0;
  let empty = 0;
  for (let i = 0; i < MINHASH_K; i++) {
    const x = reach.signature[a * MINHASH_K + i]!;
    const y = reach.signature[b * MINHASH_K + i]!;
    if (x === 0xffffffff && y === 0xffffffff) empty++;
    else if (x === y) same++;
  }
  return empty === MINHASH_K ? 0 : same / (MINHASH_K - empty);
}
