/** Multi-criteria ranking by rank aggregation: the public API. Pure and client-safe. */
export { aggregate, leaveOneOut, mostInfluential, withoutCriterion } from "./aggregate";
export { borda, bordaScores } from "./borda";
export { parseCell, parseCsvRecords, parseCsvTable } from "./csv";
export { DEFINITIONS } from "./definitions";
export { KEMENY_EXACT_LIMIT, disagreementMatrix, kemeny, kemenyDistance } from "./kemeny";
export { mean, meanNormalised } from "./mean";
export { compareNames, criterionRanks, perCriterionRankings, rankValues } from "./ranks";
export { distortion, kendallDistance, kendallTau } from "./stats";
export { validateTable } from "./table";
export { MAX_CRITERIA, MAX_ITEMS, RankingInputError, RankingTooLargeError } from "./types";
export type { Criterion, KemenyResult, RankingResult, ScoredRanking, Table } from "./types";
