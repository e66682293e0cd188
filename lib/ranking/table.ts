/**
 * Table validation: anything that reaches the rankings has passed here, so they never meet a
 * NaN, a ragged row, an unrankable criterion or an item with nothing to rank it by.
 */
import { MAX_CRITERIA, MAX_ITEMS, RankingInputError, RankingTooLargeError, type Criterion, type Table } from "./types";

/** A value as a message shows it: short, quoted when a string. */
export function describeValue(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === "number") return String(v);
  if (v === undefined) return "nothing";
  if (Array.isArray(v)) return "a list";
  return v === null ? "null" : typeof v;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function checkItems(raw: unknown): string[] {
  if (!Array.isArray(raw)) throw new RankingInputError("The table needs `items`, a list of item names.");
  return raw.map((name, i) => {
    if (typeof name !== "string") throw new RankingInputError(`Row ${i + 1}: the item name is ${describeValue(name)}, not text.`, { row: i + 1 });
    const trimmed = name.trim();
    if (trimmed === "") throw new RankingInputError(`Row ${i + 1} has no item name.`, { row: i + 1 });
    return trimmed;
  });
}

function checkCriteria(raw: unknown): Criterion[] {
  if (!Array.isArray(raw)) throw new RankingInputError("The table needs `criteria`, a list of { name, higherIsBetter }.");
  return raw.map((c, j) => {
    const name = isRecord(c) && typeof c.name === "string" ? c.name.trim() : "";
    if (name === "") throw new RankingInputError(`Criterion ${j + 1} has no name.`);
    if (!isRecord(c) || typeof c.higherIsBetter !== "boolean") {
      throw new RankingInputError(`Column "${name}": say whether higher is better (higherIsBetter: true or false).`, { column: name });
    }
    return { name, higherIsBetter: c.higherIsBetter };
  });
}

function checkCell(v: unknown, row: number, item: string, column: string): number | null {
  if (v === null) return null;
  const where = `Row ${row} ("${item}"), column "${column}"`;
  if (typeof v !== "number") throw new RankingInputError(`${where}: ${describeValue(v)} is not a number.`, { row, column });
  if (Number.isNaN(v)) throw new RankingInputError(`${where}: NaN is not a score (leave the cell empty for a missing value).`, { row, column });
  if (!Number.isFinite(v)) throw new RankingInputError(`${where}: ${v} is not a finite number.`, { row, column });
  return v;
}

/** Finds the first name used twice and names both places. */
function firstDuplicate(names: string[]): { first: number; second: number } | null {
  const seen = new Map<string, number>();
  for (let i = 0; i < names.length; i++) {
    const prev = seen.get(names[i]!);
    if (prev !== undefined) return { first: prev, second: i };
    seen.set(names[i]!, i);
  }
  return null;
}

/**
 * Checks an untrusted table (parsed JSON, a CSV) and returns it with item and criterion names
 * trimmed. Names compare case-sensitively after trimming. Throws `RankingInputError` (with
 * `row`/`column`), or `RankingTooLargeError` past MAX_ITEMS items or MAX_CRITERIA criteria.
 */
export function validateTable(t: unknown): Table {
  if (!isRecord(t)) throw new RankingInputError("The table must be an object with items, criteria and scores.");
  // Sizes first, before any per-cell work, so an oversized table is answered cheaply.
  if (Array.isArray(t.items) && t.items.length > MAX_ITEMS) throw new RankingTooLargeError(`The table has ${t.items.length} items; at most ${MAX_ITEMS} can be ranked.`);
  if (Array.isArray(t.criteria) && t.criteria.length > MAX_CRITERIA) {
    throw new RankingTooLargeError(`The table has ${t.criteria.length} criteria; at most ${MAX_CRITERIA} can be ranked on.`);
  }
  const items = checkItems(t.items);
  const criteria = checkCriteria(t.criteria);
  if (items.length === 0) throw new RankingInputError("The table is empty: it has no items to rank.");
  if (criteria.length === 0) throw new RankingInputError("The table is empty: it has no criteria to rank on.");

  const dupItem = firstDuplicate(items);
  if (dupItem) {
    const row = dupItem.second + 1;
    throw new RankingInputError(`Rows ${dupItem.first + 1} and ${row} have the same item name "${items[dupItem.second]}".`, { row });
  }
  const names = criteria.map((c) => c.name);
  const dupCrit = firstDuplicate(names);
  if (dupCrit) {
    const column = names[dupCrit.second]!;
    throw new RankingInputError(`Criteria ${dupCrit.first + 1} and ${dupCrit.second + 1} have the same name "${column}".`, { column });
  }

  if (!Array.isArray(t.scores)) throw new RankingInputError("The table needs `scores`, one row of values per item.");
  if (t.scores.length !== items.length) {
    throw new RankingInputError(`There are ${items.length} items but ${t.scores.length} rows of scores.`, t.scores.length < items.length ? { row: t.scores.length + 1 } : {});
  }
  const scores = t.scores.map((r: unknown, i: number) => {
    const row = i + 1;
    if (!Array.isArray(r)) throw new RankingInputError(`Row ${row} ("${items[i]}") is not a list of values.`, { row });
    if (r.length !== criteria.length) {
      throw new RankingInputError(`Row ${row} ("${items[i]}") has ${r.length} values; there are ${criteria.length} criteria.`, { row });
    }
    return r.map((v: unknown, j: number) => checkCell(v, row, items[i]!, names[j]!));
  });

  criteria.forEach((c, j) => {
    const distinct = new Set<number>();
    for (const r of scores) if (r[j] !== null) distinct.add(r[j]!);
    if (distinct.size < 2) {
      const what = distinct.size === 0 ? "no values" : "the same value for every item that has one";
      throw new RankingInputError(`Column "${c.name}" has ${what}: it cannot rank on it (it needs at least 2 distinct values).`, { column: c.name });
    }
  });
  scores.forEach((r, i) => {
    if (r.every((v) => v === null)) throw new RankingInputError(`Row ${i + 1} ("${items[i]}") has no value for any criterion: it cannot be ranked.`, { row: i + 1 });
  });

  return { items, criteria, scores };
}
