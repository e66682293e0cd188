/** One-line definitions of everything `aggregate` reports, for pages, API answers and READMEs. */
export const DEFINITIONS = {
  borda:
    "Borda: an item's score is the mean of its per-criterion ranks (1 = best, ties averaged) over the criteria it has a value for, lower is better, ties broken by item name; with missing values the mean (not the sum) keeps items comparable, and with no missing values it orders exactly as the sum of ranks.",
  kemeny:
    "Kemeny: the full ranking with the least total Kendall distance to the per-criterion rankings, where a pair a criterion ranks costs 1 if placed in the opposite order and a pair it ties costs 0.5 whatever the order (the Kemeny–Snell extension); exact by dynamic programming over subsets for up to 16 items (ties among optimal rankings broken by item name order), beyond that Borda improved by local search (insertions and adjacent swaps), never worse than Borda.",
  mean: "Mean: the average raw score over the criteria an item has, a lower-is-better criterion entering as −score; the usual baseline, dominated by whichever criterion has the largest scale.",
  meanNormalised:
    "Normalised mean: each criterion min–max scaled over the items that have it (0 = worst, 1 = best), then averaged over the criteria an item has.",
  kendallTau:
    "Kendall τ-b between two full rankings of the same items: (concordant − discordant pairs) / all pairs, from −1 (reversed) to 1 (identical); with no ties, as here, τ-b equals τ-a.",
  distortion:
    "Distortion: for each criterion, the Kendall distance from the aggregate ranking to that criterion's ranking (opposite order 1, tied in the criterion 0.5) divided by the number of pairs the criterion ranks, averaged over criteria; 0 = agrees with every criterion.",
  leaveOneOut:
    "Leave-one-out: for each criterion, the Kemeny ranking recomputed without it (items left with no value dropped), compared with the full Kemeny ranking by Kendall τ-b over the items both rank; the criterion with the lowest τ moves the ranking most.",
  missingValues:
    "Missing values: an item without a value for a criterion is left out of that criterion's ranking and of every pair that criterion would compare, still ranked by its other criteria; Borda and both means average over the criteria the item has.",
} as const;
