/**
 * Everything that decides what the lineage view shows, and its URL form. Parsed once at
 * the page boundary; invalid values are dropped with a notice, never a crash. The URL is
 * canonical: defaults are omitted and lists sorted, so two people looking at the same
 * thing share the same link.
 *
 *   up=2            upstream depth drawn around the dataset (0–10)
 *   down=1          downstream depth (0–10)
 *   xu=KEY (repeat) nodes expanded one level upstream beyond the depth
 *   xd=KEY (repeat) nodes expanded one level downstream
 *   c=KEY (repeat)  nodes whose upstream is collapsed
 *   rel=REL,…       relation types shown (all when absent)
 *   conf=0.7        minimum confidence (0–1)
 *   rejected=1      also show edges reviewers rejected
 *   domain=MATH,…   domains shown (all when absent)
 *   sel=KEY         selected node (the dataset itself when absent)
 *   focus=1         show only the paths between the selected node and the dataset
 *   path=SET        draw out how evaluation set SET's data reaches the selected node (or the
 *                   dataset): a set id (aime-2024), or a benchmark's key in older links
 *   bench=SET       show only the nodes evaluation set SET reaches (and those its items enter
 *                   through), coloured by its severity
 *   twice=KEY       draw the paths by which the selected node reaches ancestor KEY through two
 *                   or more of its direct sources (structural redundancy)
 *   color=licence   colour nodes by the most restrictive licence they declare or inherit (domain when absent)
 */
import { isValidKey, normalizeKey } from "@/lib/keys";
import { DOMAINS, RELATIONS, type Domain, type Relation } from "@/lib/lineage/types";

export type ViewState = {
  up: number;
  down: number;
  expandUp: string[];
  expandDown: string[];
  collapsed: string[];
  /** null: every relation type. */
  relations: Relation[] | null;
  minConfidence: number;
  showRejected: boolean;
  /** null: every domain. */
  domains: Domain[] | null;
  /** null: the dataset the view is about. */
  selected: string | null;
  focus: boolean;
  /** An evaluation set whose contamination path to the selected node is drawn out. */
  contaminationPath: string | null;
  /** An evaluation set whose reach alone is shown. */
  benchmark: string | null;
  /** An ancestor the selected node reaches through several of its sources: those paths are drawn out. */
  twice: string | null;
  /** What a node's fill says: its domain (default) or its licence class. */
  colorBy: "domain" | "licence";
};

export const MAX_DEPTH = 10;
/** More expanded or collapsed nodes than this in one link is not a view anyone built by hand. */
export const MAX_LISTED_NODES = 200;

export const DEFAULT_VIEW: Readonly<ViewState> = Object.freeze({
  up: 2,
  down: 1,
  expandUp: [],
  expandDown: [],
  collapsed: [],
  relations: null,
  minConfidence: 0,
  showRejected: false,
  domains: null,
  selected: null,
  focus: false,
  contaminationPath: null,
  benchmark: null,
  twice: null,
  colorBy: "domain",
});

const PARAM = {
  up: "up",
  down: "down",
  expandUp: "xu",
  expandDown: "xd",
  collapsed: "c",
  relations: "rel",
  minConfidence: "conf",
  showRejected: "rejected",
  domains: "domain",
  selected: "sel",
  focus: "focus",
  contaminationPath: "path",
  benchmark: "bench",
  twice: "twice",
  colorBy: "color",
} as const;

const KNOWN_PARAMS = new Set<string>(Object.values(PARAM));

export type SearchParamsInput = URLSearchParams | Readonly<Record<string, string | string[] | undefined>>;

export type ParsedView = { state: ViewState; notices: string[] };

function allValues(input: SearchParamsInput, name: string): string[] {
  if (input instanceof URLSearchParams) return input.getAll(name);
  const value = input[name];
  return value === undefined ? [] : Array.isArray(value) ? [...value] : [value];
}

function paramNames(input: SearchParamsInput): string[] {
  return input instanceof URLSearchParams ? [...new Set(input.keys())] : Object.keys(input);
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** Parse view state from a URL's query. Never throws: bad values fall back to defaults with a notice. */
export function parseViewState(input: SearchParamsInput): ParsedView {
  const notices: string[] = [];
  const state: ViewState = { ...DEFAULT_VIEW, expandUp: [], expandDown: [], collapsed: [] };

  const single = (name: string): string | undefined => {
    const values = allValues(input, name);
    if (values.length > 1) notices.push(`"${name}" was given ${values.length} times; used the first.`);
    return values[0];
  };

  const depth = (name: "up" | "down") => {
    const raw = single(PARAM[name]);
    if (raw === undefined) return;
    const n = Number(raw);
    if (/^\d{1,2}$/.test(raw.trim()) && Number.isInteger(n) && n >= 0 && n <= MAX_DEPTH) state[name] = n;
    else notices.push(`Ignored ${PARAM[name]}="${clip(raw)}": depth must be a whole number from 0 to ${MAX_DEPTH}.`);
  };
  depth("up");
  depth("down");

  const keyList = (field: "expandUp" | "expandDown" | "collapsed", what: string) => {
    const values = allValues(input, PARAM[field]).map((v) => v.trim()).filter(Boolean);
    const seen = new Set<string>();
    const keys: string[] = [];
    for (const value of values) {
      if (!isValidKey(value)) {
        notices.push(`Ignored ${what} "${clip(value)}": not a dataset key.`);
        continue;
      }
      const norm = normalizeKey(value);
      if (seen.has(norm)) continue;
      seen.add(norm);
      keys.push(value);
    }
    if (keys.length > MAX_LISTED_NODES) {
      notices.push(`Only the first ${MAX_LISTED_NODES} ${what} nodes were used.`);
      keys.length = MAX_LISTED_NODES;
    }
    state[field] = keys.sort(compareKeys);
  };
  keyList("expandUp", "expanded");
  keyList("expandDown", "expanded");
  keyList("collapsed", "collapsed");

  const enumList = <T extends string>(name: string, allowed: readonly T[], what: string): T[] | null => {
    const raw = single(name);
    if (raw === undefined) return null;
    const picked = new Set<T>();
    for (const part of raw.split(",").map((p) => p.trim().toUpperCase()).filter(Boolean)) {
      if ((allowed as readonly string[]).includes(part)) picked.add(part as T);
      else notices.push(`Ignored ${what} "${clip(part)}" (known: ${allowed.join(", ")}).`);
    }
    if (!picked.size) return null;
    return allowed.filter((a) => picked.has(a));
  };
  state.relations = enumList(PARAM.relations, RELATIONS, "relation type");
  state.domains = enumList(PARAM.domains, DOMAINS, "domain");

  const conf = single(PARAM.minConfidence);
  if (conf !== undefined) {
    const n = Number(conf);
    if (conf.trim() !== "" && Number.isFinite(n) && n >= 0 && n <= 1) state.minConfidence = Math.round(n * 100) / 100;
    else notices.push(`Ignored conf="${clip(conf)}": minimum confidence must be a number from 0 to 1.`);
  }

  const flag = (name: "showRejected" | "focus") => {
    const raw = single(PARAM[name]);
    if (raw === undefined) return;
    if (raw === "1" || raw === "true") state[name] = true;
    else if (raw === "0" || raw === "false") state[name] = false;
    else notices.push(`Ignored ${PARAM[name]}="${clip(raw)}": use 1 or 0.`);
  };
  flag("showRejected");
  flag("focus");

  const selected = single(PARAM.selected);
  if (selected !== undefined) {
    if (isValidKey(selected)) state.selected = selected;
    else notices.push(`Ignored sel="${clip(selected)}": not a dataset key.`);
  }

  const path = single(PARAM.contaminationPath);
  if (path !== undefined) {
    if (isSetRef(path)) state.contaminationPath = path;
    else notices.push(`Ignored path="${clip(path)}": not an evaluation set id or benchmark key.`);
  }
  const bench = single(PARAM.benchmark);
  if (bench !== undefined) {
    if (isSetRef(bench)) state.benchmark = bench;
    else notices.push(`Ignored bench="${clip(bench)}": not an evaluation set id or benchmark key.`);
  }

  const twice = single(PARAM.twice);
  if (twice !== undefined) {
    if (isValidKey(twice)) state.twice = twice;
    else notices.push(`Ignored twice="${clip(twice)}": not a dataset key.`);
  }

  const color = single(PARAM.colorBy);
  if (color !== undefined) {
    if (color === "licence" || color === "domain") state.colorBy = color;
    else notices.push(`Ignored color="${clip(color)}": use licence or domain.`);
  }

  for (const name of paramNames(input)) {
    if (!KNOWN_PARAMS.has(name)) notices.push(`Ignored unknown parameter "${clip(name)}".`);
  }
  return { state, notices };
}

const SET_ID = /^[a-z0-9][a-z0-9.-]{0,79}$/;

/** An evaluation set id (aime-2024) or, as older links have it, a benchmark's node key. */
export function isSetRef(value: string): boolean {
  return SET_ID.test(value) || isValidKey(value);
}

/** The canonical query for a view state (defaults omitted, lists sorted). */
export function serializeViewState(state: ViewState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.up !== DEFAULT_VIEW.up) params.set(PARAM.up, String(state.up));
  if (state.down !== DEFAULT_VIEW.down) params.set(PARAM.down, String(state.down));
  for (const key of [...state.expandUp].sort(compareKeys)) params.append(PARAM.expandUp, key);
  for (const key of [...state.expandDown].sort(compareKeys)) params.append(PARAM.expandDown, key);
  for (const key of [...state.collapsed].sort(compareKeys)) params.append(PARAM.collapsed, key);
  if (state.relations && state.relations.length < RELATIONS.length) {
    params.set(PARAM.relations, RELATIONS.filter((r) => state.relations!.includes(r)).join(","));
  }
  if (state.minConfidence > 0) params.set(PARAM.minConfidence, String(state.minConfidence));
  if (state.showRejected) params.set(PARAM.showRejected, "1");
  if (state.domains && state.domains.length < DOMAINS.length) {
    params.set(PARAM.domains, DOMAINS.filter((d) => state.domains!.includes(d)).join(","));
  }
  if (state.selected) params.set(PARAM.selected, state.selected);
  if (state.focus) params.set(PARAM.focus, "1");
  if (state.contaminationPath) params.set(PARAM.contaminationPath, state.contaminationPath);
  if (state.benchmark) params.set(PARAM.benchmark, state.benchmark);
  if (state.twice) params.set(PARAM.twice, state.twice);
  if (state.colorBy !== "domain") params.set(PARAM.colorBy, state.colorBy);
  return params;
}

/** `?…` for a view state, or "" when everything is default. */
export function viewQuery(state: ViewState): string {
  const query = serializeViewState(state).toString();
  return query ? `?${query}` : "";
}

export function compareKeys(a: string, b: string): number {
  const na = normalizeKey(a);
  const nb = normalizeKey(b);
  return na < nb ? -1 : na > nb ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

/** Same key, compared the way the store compares keys. */
export function sameKey(a: string | null | undefined, b: string | null | undefined): boolean {
  return a != null && b != null && normalizeKey(a) === normalizeKey(b);
}
