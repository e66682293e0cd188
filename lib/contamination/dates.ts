/**
 * Months and item windows: the time facts the contamination rules read. A month is
 * "YYYY-MM"; comparisons work on month numbers (year × 12 + month − 1) so a day-precise Hub
 * timestamp and a month from a card compare at the precision both have. Unknown is null,
 * and unknown never blocks anything.
 */

export type Month = string;

/**
 * The span of a benchmark family's items something holds: a competition's years, a dated
 * problem set's months. `from` null = since the beginning (unknown start), `to` null = still
 * growing (a competition that runs every year).
 */
export type ItemWindow = { from: Month | null; to: Month | null };

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const ISO_DATE = /^(\d{4})-(0[1-9]|1[0-2])-\d{2}/;
const YEAR = /^(\d{4})$/;
/** New-style arXiv ids carry their month: 2309.12284 is September 2023. */
const ARXIV_ID = /(?:arxiv\.org\/(?:abs|pdf)\/|arxiv:|hf\.co\/papers\/|huggingface\.co\/papers\/)(\d{2})(\d{2})\.\d{4,5}/i;

export function isMonth(value: unknown): value is Month {
  return typeof value === "string" && MONTH.test(value);
}

/** Month number of "YYYY-MM", an ISO timestamp or a bare year (its January); null otherwise. */
export function monthNumber(value: string | null | undefined): number | null {
  if (!value) return null;
  const m = MONTH.exec(value) ?? ISO_DATE.exec(value);
  if (m) return Number(m[1]) * 12 + Number(m[2]) - 1;
  const y = YEAR.exec(value);
  return y ? Number(y[1]) * 12 : null;
}

export function monthOf(value: number): Month {
  const year = Math.floor(value / 12);
  return `${String(year).padStart(4, "0")}-${String((value % 12) + 1).padStart(2, "0")}`;
}

/** The month an arXiv link's paper was first submitted, from its id; null for other links. */
export function arxivMonth(url: string | null | undefined): Month | null {
  const m = url ? ARXIV_ID.exec(url) : null;
  if (!m) return null;
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? `20${m[1]}-${m[2]}` : null;
}

/**
 * When a dataset came to exist, as best the store knows: the earliest of its Hub creation
 * time, its recorded release month and its paper's month. The earliest, because each is
 * evidence the data existed by then (a Hub repo is often a later upload of older data, as
 * EleutherAI/hendrycks_math is of MATH); null when nothing is known.
 */
export function createdMonth(facts: { hubCreatedAt?: string | null; releaseMonth?: string | null; paperUrl?: string | null }): Month | null {
  const known = [monthNumber(facts.hubCreatedAt), monthNumber(facts.releaseMonth), monthNumber(arxivMonth(facts.paperUrl))].filter((n): n is number => n !== null);
  return known.length ? monthOf(Math.min(...known)) : null;
}

type Bounds = { lo: number; hi: number };

function bounds(window: ItemWindow): Bounds {
  return { lo: monthNumber(window.from) ?? -Infinity, hi: monthNumber(window.to) ?? Infinity };
}

/** Whether two windows share a month. */
export function windowsOverlap(a: ItemWindow, b: ItemWindow): boolean {
  const x = bounds(a);
  const y = bounds(b);
  return x.lo <= y.hi && y.lo <= x.hi;
}

/** Whether every month of `inner` lies within `outer` (an open end is only inside an open end). */
export function windowWithin(inner: ItemWindow, outer: ItemWindow): boolean {
  const i = bounds(inner);
  const o = bounds(outer);
  return i.lo >= o.lo && i.hi <= o.hi;
}

/**
 * Whether something created in `created` predates the window's first items, so cannot hold
 * them. Month precision: the same month is not "before" (we cannot tell the order).
 */
export function createdBefore(created: Month | null, window: ItemWindow): boolean {
  const c = monthNumber(created);
  const from = monthNumber(window.from);
  return c !== null && from !== null && c < from;
}

const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "Feb 2024", for people. */
export function formatMonth(month: Month | null): string {
  const n = monthNumber(month);
  return n === null ? "date unknown" : `${MONTH_NAMES[n % 12]} ${Math.floor(n / 12)}`;
}

/** "Feb 2024", "Feb 1983 – Feb 2024", "since Mar 1983", for people. */
export function formatWindow(window: ItemWindow): string {
  const { from, to } = window;
  if (!from && !to) return "any time";
  if (from && to && from === to) return formatMonth(from);
  if (from && !to) return `since ${formatMonth(from)}`;
  if (!from && to) return `until ${formatMonth(to)}`;
  return `${formatMonth(from)} – ${formatMonth(to)}`;
}

/** A window inside a sentence: "of Feb 2024", "since Mar 1983", "from Mar 1983 to Feb 2024". */
export function spanText(window: ItemWindow): string {
  const { from, to } = window;
  if (from && to) return from === to ? `of ${formatMonth(from)}` : `from ${formatMonth(from)} to ${formatMonth(to)}`;
  if (from) return `since ${formatMonth(from)}`;
  if (to) return `until ${formatMonth(to)}`;
  return "of any date";
}

/**
 * Creation months checked against the lineage: nothing is made before what it is made from,
 * so a dataset dated earlier than one of its direct sources has a date its lineage
 * contradicts (a card naming an older paper, a month taken from the wrong release) — or the
 * source's date is late (a re-upload of older data). Which one is wrong cannot be told, so the
 * contradicted dataset is treated as undated (unknown never blocks) and no date is carried to
 * anything else: a wrong date can no longer hide a path, and a late re-upload does not re-date
 * everything built after it. Keys compare as given (callers normalise).
 */
export function withoutContradictedDates(created: ReadonlyMap<string, Month | null>, edges: readonly { upstream: string; downstream: string }[]): Map<string, Month | null> {
  const out = new Map(created);
  for (const e of edges) {
    if (e.upstream === e.downstream) continue;
    const own = monthNumber(created.get(e.downstream) ?? null);
    const source = monthNumber(created.get(e.upstream) ?? null);
    if (own !== null && source !== null && source > own) out.set(e.downstream, null);
  }
  return out;
}
