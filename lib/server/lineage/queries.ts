import "server-only";

/**
 * Read side of the lineage store: graph walks, neighbourhoods, search and single lookups.
 * Every function takes one object argument and throws AppError (bad_request:key,
 * bad_request:params, not_found:dataset). Keys match case-insensitively; results carry the
 * stored casing.
 */
export { ancestors, descendants, roots, paths, type KeyAtDepth, type WalkQuery, type RootsQuery, type PathsQuery } from "./traverse";
export { getLineage, neighbours, DEFAULT_MAX_NODES, MAX_NODES_LIMIT, type LineageQuery, type NeighboursQuery } from "./graph";
export {
  searchDatasets,
  topDatasets,
  getDataset,
  listBenchmarks,
  escapeLike,
  type DatasetSummary,
  type DatasetDetail,
  type BenchmarkSummary,
  type SearchQuery,
  type TopQuery,
} from "./search";
export { getView, VIEW_MAX_NODES, type ViewQuery, type ViewResult } from "./view";
export { getExpansion, type Expansion, type ExpansionDirection, type ExpansionQuery } from "./expand";
export { MAX_LINEAGE_DEPTH, MAX_WALK_DEPTH, type EdgeFilter } from "./params";
export { toLineageNode } from "./mappers";
