/**
 * The input and output shapes of multi-criteria ranking, and its one error class.
 * Pure TypeScript: safe in client components, route handlers and CLIs alike.
 */

/** A column to rank on: its name and which direction is better. */
export type Criterion = { name: string; higherIsBetter: boolean };

/** items × criteria; `scores[i][j]` is item i's value on criterion j, `null` when missing. */
export type Table = { items: string[]; criteria: Criterion[]; scores: (number | null)[][] };

/** A ranking (best first) with one score per position. */
export type ScoredRanking = { ranking: string[]; scores: number[] };

export type KemenyResult = { ranking: string[]; exact: boolean; distance: number };

export type RankingResult = {
  borda: ScoredRanking;
  kemeny: KemenyResult;
  mean: ScoredRanking;
  meanNormalised: ScoredRanking;
  kendallTau: { bordaVsMean: number; kemenyVsMean: number; bordaVsKemeny: number };
  distortion: { borda: number; kemeny: number; mean: number };
  leaveOneOut: { criterion: string; tau: number }[];
  mostInfluential: string | null;
  perCriterion: { criterion: string; ranking: string[] }[];
};

/** Most items and criteria a table may have (beyond them: `RankingTooLargeError`, HTTP 413). */
export const MAX_ITEMS = 500;
export const MAX_CRITERIA = 50;

/**
 * Bad input, said so a person can find it: `row` counts items from 1 (the first item is
 * row 1, whatever header a CSV had), `column` is the criterion's name.
 */
export class RankingInputError extends Error {
  readonly row?: number;
  readonly column?: string;
  /** True when the table is over MAX_ITEMS or MAX_CRITERIA (answer 413, not 400). */
  readonly tooLarge: boolean;

  constructor(message: string, where: { row?: number; column?: string } = {}, tooLarge = false) {
    super(message);
    this.name = "RankingInputError";
    if (where.row !== undefined) this.row = where.row;
    if (where.column !== undefined) this.column = where.column;
    this.tooLarge = tooLarge;
  }
}

/** The table is over the size limits; `tooLarge` is always true. */
export class RankingTooLargeError extends RankingInputError {
  constructor(message: string) {
    super(message, {}, true);
    this.name = "RankingTooLargeError";
  }
}
