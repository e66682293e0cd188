/**
 * A synthetic lineage store shaped like the post-training lineage the paper describes, at any
 * size: external sources, original Hub datasets and benchmarks at the roots; most derived
 * datasets built from 1–3 sources; refinement chains (one dataset evolved, distilled or
 * re-generated from the last) 10–20 deep, mostly in math; wide general mixtures and a few
 * huge ones with hundreds of sources; popular sources used far more than others
 * (preferential attachment), so uses are heavy-tailed too.
 *
 * Nodes are made in creation order and every edge goes from an earlier node to a later one,
 * so the graph is acyclic and every dataset is created after each of its sources. Exactly
 * `spec.edges` edges, no pair twice, no path longer than MAX_DEPTH (unless the spec is too
 * dense for that, 10 edges a node on a few hundred nodes). Pure and deterministic:
 * one seed, one store. Columns are typed arrays (a million nodes and three million edges fit
 * in a few hundred MB); codes index the constant lists below.
 */
import { DOMAINS, RELATIONS, type Domain, type NodeKind, type Relation, type ReviewStatus, type Split } from "@/lib/lineage/types";
import type { KeyScheme } from "@/lib/lineage/types";
import { prng } from "@/lib/random";
import { benchmarkName, datasetName, externalName, mixtureName, ownerPool } from "./hub-names";
import { specProblem, type StoreSpec } from "./store-spec";

export const NODE_KIND_CODES: readonly NodeKind[] = ["DATASET", "BENCHMARK", "EXTERNAL"];
export const SCHEME_CODES: readonly KeyScheme[] = ["HUB", "GITHUB", "ARXIV", "WEB", "CORPUS"];
export const RELATION_CODES: readonly Relation[] = RELATIONS;
export const SPLIT_CODES: readonly Split[] = ["TRAIN", "TEST", "VALIDATION", "ALL", "UNKNOWN"];
export const STATUS_CODES: readonly ReviewStatus[] = ["PROPOSED", "ACCEPTED", "REJECTED"];
/** No domain (external sources): one past the last DOMAINS index. */
export const NO_DOMAIN = DOMAINS.length;

/** Longest upstream path (edges) any node has: the paper's deepest math chains are about this long. */
export const MAX_DEPTH = 20;
/** Most sources one node gets, however many edges are left to place. */
export const MAX_FAN_IN = 1500;

export type GeneratedBenchmark = { node: number; family: string; evalSetId: string; name: string; month: string };

export type GeneratedStore = {
  spec: StoreSpec;
  nodes: {
    count: number;
    keys: string[];
    displayNames: string[];
    kind: Uint8Array;
    scheme: Uint8Array;
    /** DOMAINS index, or NO_DOMAIN. */
    domain: Uint8Array;
    /** Hub creation time, ms since the epoch; strictly increasing with the index. */
    createdMs: Float64Array;
    /** -1 when not a Hub dataset. */
    downloads: Int32Array;
    /** Longest upstream path, in edges. */
    depth: Uint8Array;
  };
  /** Ordered by downstream (then by when the source was picked); up < down for every edge. */
  edges: {
    count: number;
    up: Int32Array;
    down: Int32Array;
    relation: Uint8Array;
    /** Hundredths: confidence = percent / 100. */
    confidencePercent: Uint8Array;
    split: Uint8Array;
    status: Uint8Array;
  };
  benchmarks: GeneratedBenchmark[];
};

type Role = "root" | "external" | "benchmark" | "ordinary" | "chain" | "wide" | "huge";

/** Share of nodes (after the first few) that are roots, and what those roots are. */
const P_ROOT = 0.2;
const ROOT_MIX: [Role, number][] = [["external", 0.5], ["root", 0.494], ["benchmark", 0.006]];
const DERIVED_MIX: [Role, number][] = [["ordinary", 0.6], ["chain", 0.345], ["wide", 0.05], ["huge", 0.005]];
/** Chains are mostly math (vertical refinement); mixtures mostly general. */
const DOMAIN_MIX: [Domain, number][] = [["MATH", 0.3], ["CODE", 0.2], ["GENERAL", 0.3], ["SCIENCE", 0.1], ["MEDICAL", 0.05], ["MULTILINGUAL", 0.05]];
const CHAIN_DOMAIN_MIX: [Domain, number][] = [["MATH", 0.6], ["CODE", 0.15], ["GENERAL", 0.1], ["SCIENCE", 0.1], ["MEDICAL", 0.05]];
const CHAIN_RELATIONS: [Relation, number][] = [["SEMANTIC_EVOLUTION", 0.35], ["COT_DISTILLATION", 0.35], ["SYNTHETIC_GENERATION", 0.2], ["DIRECT_INCLUSION", 0.1]];
const MIXTURE_RELATIONS: [Relation, number][] = [["DIRECT_INCLUSION", 0.6], ["STRUCTURED_FUSION", 0.3], ["SYNTHETIC_GENERATION", 0.1]];
const ORDINARY_RELATIONS: [Relation, number][] = [["DIRECT_INCLUSION", 0.3], ["SYNTHETIC_GENERATION", 0.25], ["SEMANTIC_EVOLUTION", 0.15], ["STRUCTURED_FUSION", 0.15], ["COT_DISTILLATION", 0.15]];
const BENCHMARK_SPLITS: [Split, number][] = [["TRAIN", 0.4], ["UNKNOWN", 0.3], ["TEST", 0.25], ["ALL", 0.05]];
const OTHER_SPLITS: [Split, number][] = [["UNKNOWN", 0.8], ["TRAIN", 0.17], ["ALL", 0.03]];
const STATUSES: [ReviewStatus, number][] = [["ACCEPTED", 0.6], ["PROPOSED", 0.37], ["REJECTED", 0.03]];
/** Active refinement chains per domain, and how long one grows before it stops. */
const CHAINS_PER_DOMAIN = 8;
const CHAIN_LENGTH: [number, number] = [10, MAX_DEPTH];
/** Candidates a pick looks at before scanning for any eligible node. */
const PICK_TRIES = 40;
/** How far back "recent" goes, in nodes. */
const RECENT_WINDOW = 2000;
/** Creation times: 2019-01 on, over seven years. */
const START_MS = Date.UTC(2019, 0, 1);
const SPAN_MS = 7 * 365 * 86_400_000;

function weighted<T>(random: () => number, table: [T, number][]): T {
  let r = random();
  for (const [value, weight] of table) if ((r -= weight) < 0) return value;
  return table[table.length - 1]![0];
}

/** Pareto draw ≥ min with tail exponent alpha: most near min, a few far above. */
function pareto(random: () => number, min: number, alpha: number): number {
  return min / Math.pow(1 - random(), 1 / alpha);
}

export function generateLineageStore(spec: StoreSpec): GeneratedStore {
  const problem = specProblem(spec);
  if (problem) throw new RangeError(problem);
  const random = prng(spec.seed);
  const int = (n: number) => Math.floor(random() * n);
  const n = spec.nodes;

  // 1. Roles and fan-ins. The first 2 % are roots, so early datasets have sources to draw on.
  const roles: Role[] = new Array(n);
  const fanIn = new Int32Array(n);
  const prefix = Math.max(1, Math.ceil(n * 0.02));
  for (let i = 0; i < n; i++) {
    if (i < prefix || random() < P_ROOT) roles[i] = weighted(random, ROOT_MIX);
    else {
      const role = weighted(random, DERIVED_MIX);
      roles[i] = role;
      fanIn[i] =
        role === "huge" ? Math.min(800, Math.round(pareto(random, 100, 1.5)))
        : role === "wide" ? Math.min(99, Math.round(pareto(random, 5, 1.8)))
        : role === "chain" ? (random() < 0.7 ? 1 : 2)
        : weighted(random, [[1, 0.5], [2, 0.3], [3, 0.2]]);
    }
  }
  // A benchmark built from another one (MATH-500 from MATH's test split) sits just below the roots.
  let firstBenchmark = -1;
  for (let i = 0; i < n; i++) {
    if (roles[i] !== "benchmark") continue;
    if (firstBenchmark >= 0 && random() < 0.2) fanIn[i] = 1;
    if (firstBenchmark < 0) firstBenchmark = i;
  }
  fitEdgeCount(spec.edges, roles, fanIn, random);

  // 2. Node facts. Creation times rise strictly with the index (jitter below one step).
  const step = SPAN_MS / n;
  const createdMs = new Float64Array(n);
  for (let i = 0; i < n; i++) createdMs[i] = Math.floor(START_MS + i * step + random() * step * 0.9);
  const owners = ownerPool(Math.max(20, Math.min(5000, Math.ceil(n / 40))), int);
  const keys: string[] = new Array(n);
  const displayNames: string[] = new Array(n);
  const kind = new Uint8Array(n);
  const scheme = new Uint8Array(n);
  const domain = new Uint8Array(n).fill(NO_DOMAIN);
  const downloads = new Int32Array(n).fill(-1);
  const benchmarks: GeneratedBenchmark[] = [];
  for (let i = 0; i < n; i++) {
    const role = roles[i]!;
    const month = Math.floor((createdMs[i]! - Date.UTC(2000, 0, 1)) / (30.4375 * 86_400_000));
    const owner = owners[int(owners.length)]!;
    const d: Domain = role === "chain" ? weighted(random, CHAIN_DOMAIN_MIX) : role === "wide" || role === "huge" ? (random() < 0.8 ? "GENERAL" : weighted(random, DOMAIN_MIX)) : weighted(random, DOMAIN_MIX);
    let named;
    if (role === "external") {
      named = externalName(i, month, owner, int);
      kind[i] = NODE_KIND_CODES.indexOf("EXTERNAL");
    } else if (role === "benchmark") {
      const b = benchmarkName(i, int);
      named = b;
      kind[i] = NODE_KIND_CODES.indexOf("BENCHMARK");
      domain[i] = DOMAINS.indexOf(d);
      const created = new Date(createdMs[i]!);
      benchmarks.push({ node: i, family: b.family, evalSetId: `synthetic-${b.family.toLowerCase()}`, name: `${b.family} test`, month: `${created.getUTCFullYear()}-${String(created.getUTCMonth() + 1).padStart(2, "0")}` });
    } else {
      named = role === "wide" || role === "huge" ? mixtureName(i, owner, int) : datasetName(i, d, owner, int);
      domain[i] = DOMAINS.indexOf(d);
    }
    keys[i] = named.key;
    displayNames[i] = named.displayName;
    scheme[i] = SCHEME_CODES.indexOf(named.scheme);
    // Downloads: log-uniform over 1 … ~160k, so a few datasets dominate, as on the Hub.
    if (named.scheme === "HUB") downloads[i] = Math.floor(Math.exp(random() * 12));
  }

  // 3. Sources. A pick is eligible when earlier, not already a source of this node, and not
  // at MAX_DEPTH (so no path gets longer than that).
  const edgeCount = spec.edges;
  const up = new Int32Array(edgeCount);
  const down = new Int32Array(edgeCount);
  const relation = new Uint8Array(edgeCount);
  const confidencePercent = new Uint8Array(edgeCount);
  const split = new Uint8Array(edgeCount);
  const status = new Uint8Array(edgeCount);
  const depth = new Uint8Array(n);
  const chosenBy = new Int32Array(n).fill(-1);
  const rootList: number[] = [];
  const benchmarkList: number[] = [];
  let edges = 0;
  // Upstream ends of every edge so far: a uniform draw from it is preferential attachment.
  const used = new Int32Array(edgeCount);
  const chains = DOMAINS.map(() => [] as { tip: number; left: number }[]);

  const eligible = (u: number, v: number) => u < v && chosenBy[u] !== v && depth[u]! < MAX_DEPTH;
  const scan = (v: number): number => {
    const start = int(v);
    for (let j = 0; j < v; j++) {
      const u = (start + j) % v;
      if (eligible(u, v)) return u;
    }
    // Only a spec too dense for the depth bound gets here (200 nodes, 2000 edges): the edge
    // count is the promise, the depth bound gives way.
    for (let j = 0; j < v; j++) {
      const u = (start + j) % v;
      if (chosenBy[u] !== v) return u;
    }
    throw new Error(`no source left for node ${v} (spec ${JSON.stringify(spec)})`);
  };
  const pickBy = (v: number, draw: () => number): number => {
    for (let t = 0; t < PICK_TRIES; t++) {
      const u = draw();
      if (u >= 0 && eligible(u, v)) return u;
    }
    return scan(v);
  };
  const add = (u: number, v: number, rel: Relation) => {
    chosenBy[u] = v;
    up[edges] = u;
    down[edges] = v;
    relation[edges] = RELATION_CODES.indexOf(rel);
    // Confidence: mostly 0.6–1.0, a tenth of claims weaker.
    confidencePercent[edges] = random() < 0.1 ? 30 + int(30) : 60 + int(41);
    split[edges] = SPLIT_CODES.indexOf(weighted(random, kind[u] === NODE_KIND_CODES.indexOf("BENCHMARK") ? BENCHMARK_SPLITS : OTHER_SPLITS));
    status[edges] = STATUS_CODES.indexOf(weighted(random, STATUSES));
    used[edges] = u;
    edges++;
    if (depth[u]! + 1 > depth[v]!) depth[v] = depth[u]! + 1;
  };
  const popular = () => (edges ? used[int(edges)]! : -1);
  const anyRoot = () => (rootList.length ? rootList[int(rootList.length)]! : -1);
  const recent = (v: number) => v - 1 - int(Math.min(v, RECENT_WINDOW));
  const earlier = (v: number) => int(v);

  for (let v = 0; v < n; v++) {
    const role = roles[v]!;
    const k = fanIn[v]!;
    if (role === "benchmark" && k > 0) {
      const u = pickBy(v, () => (benchmarkList.length ? benchmarkList[int(benchmarkList.length)]! : -1));
      add(u, v, "DIRECT_INCLUSION");
      split[edges - 1] = SPLIT_CODES.indexOf("TEST");
    } else if (role === "chain" && k > 0) {
      // Extend one of the domain's active chains; a finished chain makes room for a new one,
      // which starts from any recent node of little depth.
      const pool = chains[domain[v]!]!;
      let chain = pool.length >= CHAINS_PER_DOMAIN || (pool.length && random() < 0.9) ? pool[int(pool.length)]! : undefined;
      if (chain && (chain.left <= 0 || depth[chain.tip]! >= MAX_DEPTH)) {
        pool.splice(pool.indexOf(chain), 1);
        chain = undefined;
      }
      const first = chain && eligible(chain.tip, v) ? chain.tip : pickBy(v, () => { const u = recent(v); return depth[u]! <= 2 ? u : -1; });
      add(first, v, weighted(random, CHAIN_RELATIONS));
      if (chain) {
        chain.tip = v;
        chain.left--;
      } else pool.push({ tip: v, left: CHAIN_LENGTH[0] + int(CHAIN_LENGTH[1] - CHAIN_LENGTH[0] + 1) - 1 });
      for (let j = 1; j < k; j++) add(pickBy(v, () => (random() < 0.5 ? popular() : anyRoot())), v, weighted(random, ORDINARY_RELATIONS));
    } else if (role === "wide" || role === "huge") {
      for (let j = 0; j < k; j++) add(pickBy(v, () => (random() < 0.5 ? popular() : earlier(v))), v, weighted(random, MIXTURE_RELATIONS));
    } else {
      for (let j = 0; j < k; j++) {
        const r = random();
        add(pickBy(v, () => (r < 0.45 ? popular() : r < 0.8 ? anyRoot() : recent(v))), v, weighted(random, ORDINARY_RELATIONS));
      }
    }
    if (k === 0) rootList.push(v);
    if (role === "benchmark") benchmarkList.push(v);
  }
  if (edges !== edgeCount) throw new Error(`placed ${edges} edges, expected ${edgeCount}`);

  return {
    spec,
    nodes: { count: n, keys, displayNames, kind, scheme, domain, createdMs, downloads, depth },
    edges: { count: edges, up, down, relation, confidencePercent, split, status },
    benchmarks,
  };
}

/**
 * Make the fan-ins add up to exactly `target`: trim the largest first when there are too
 * many (mixtures shrink before anything else does), or grow the mixtures in proportion to
 * their size when there are too few (the tail gets heavier, most nodes keep 1–3). Node v
 * can have at most v sources; when even that is not enough, roots become datasets.
 */
function fitEdgeCount(target: number, roles: Role[], fanIn: Int32Array, random: () => number): void {
  const n = fanIn.length;
  const cap = (v: number) => Math.min(v, MAX_FAN_IN);
  for (let v = 0; v < n; v++) fanIn[v] = Math.min(fanIn[v]!, cap(v));
  let sum = fanIn.reduce((s, k) => s + k, 0);
  if (sum > target) {
    // The largest T with Σ min(k, T) ≤ target, then one more for the first nodes above T.
    let lo = 0;
    let hi = Math.max(...fanIn);
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      let s = 0;
      for (let v = 0; v < n; v++) s += Math.min(fanIn[v]!, mid);
      if (s <= target) lo = mid;
      else hi = mid - 1;
    }
    sum = 0;
    for (let v = 0; v < n; v++) sum += fanIn[v] = Math.min(fanIn[v]!, lo);
    for (let v = 0; v < n && sum < target; v++) if (fanIn[v]! >= lo && fanIn[v]! > 0 && fanIn[v]! < cap(v)) { fanIn[v]!++; sum++; }
    for (let v = n - 1; v >= 0 && sum < target; v--) if (fanIn[v]! < cap(v)) { fanIn[v]!++; sum++; }
    return;
  }
  const mixtures: number[] = [];
  let mass = 0;
  for (let v = 0; v < n; v++) if (roles[v] === "wide" || roles[v] === "huge") { mixtures.push(v); mass += fanIn[v]!; }
  const deficit = target - sum;
  for (const v of mixtures) {
    const add = Math.min(Math.floor((deficit * fanIn[v]!) / mass), cap(v) - fanIn[v]!);
    fanIn[v]! += add;
    sum += add;
  }
  // What proportion and caps left over: one more source each for random mixtures, then for
  // any dataset (latest first: they have the most candidates), then roots become datasets.
  for (let tries = 0; sum < target && mixtures.length && tries < 4 * (target - sum) + mixtures.length; tries++) {
    const v = mixtures[Math.floor(random() * mixtures.length)]!;
    if (fanIn[v]! < cap(v)) { fanIn[v]!++; sum++; }
  }
  for (let round = 0; sum < target && round < MAX_FAN_IN; round++) {
    for (let v = n - 1; v >= 1 && sum < target; v--) {
      const derived = roles[v] !== "root" && roles[v] !== "external" && roles[v] !== "benchmark";
      if ((derived || round > 0) && fanIn[v]! < cap(v)) {
        if (!derived) roles[v] = "ordinary";
        fanIn[v]!++;
        sum++;
      }
    }
  }
  if (sum !== target) throw new RangeError(`cannot place ${target} edges in ${n} nodes`);
}
