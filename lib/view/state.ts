/**
 * Everything that decides what the lineage view shows, and its URL form. Parsed once at
 * the page boundary; invalid values are dropped with a notice, never a crash. The URL is
 * canonical: defaults are omitted and sets sorted, so two people looking at the same
 * thing share the same link. Steps (xu, xd, fu, fd) keep the order they were taken in,
 * across the four names: the layout replays them in that order (lib/graph/arrange.ts),
 * so read them from the raw query (URLSearchParams), where that order survives.
 *
 *   up=2            upstream depth drawn around the dataset (0–10)
 *   down=1          downstream depth (0–10)
 *   xu=KEY (repeat) step: expand KEY one level upstream beyond the depth
 *   xd=KEY (repeat) step: expand KEY one level downstream
 *   fu=KEY (repeat) step: open the group of KEY's sources (wide fans are grouped)
 *   fd=KEY (repeat) step: open the group of KEY's uses
 *   tidy=N          lay the view out afresh after its first N steps ("Tidy layout")
 *   group=0         draw every node of wide fans instead of grouping them
 *   at=X,Y,Z        the view looks at model point (X, Y) at zoom Z (the default first view when absent)
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
import { MAX_VIEW_DEPTH } from "@/lib/limits";

/** One step of building a view, replayed in order by the layout. */
export type ViewStep = { op: "up" | "down"; key: string } | { op: "open"; key: string; dir: "up" | "down" };

export type ViewState = {
  up: number;
  down: number;
  /** Expansions and opened groups, in the order they were made. */
  steps: ViewStep[];
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
  /** The layout is redone from scratch after this many steps; null: never. */
  tidy: number | null;
  /** Wide fans drawn as one group node each (default), or every node. */
  grouped: boolean;
  /** The model point at the centre of the canvas and the zoom; null: the default first view. */
  at: { x: number; y: number; zoom: number } | null;
};

/**
 * A view state stored as JSON (a frozen view), brought to today's shape: views frozen before
 * steps existed listed their expansions in two sorted lists, replayed upstream ones first.
 */
export function reviveViewState(stored: unknown): ViewState {
  const raw = (stored && typeof stored === "object" ? stored : {}) as Partial<ViewState> & { expandUp?: unknown; expandDown?: unknown };
  const { expandUp, expandDown, ...rest } = raw;
  const list = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);
  const steps: ViewStep[] = Array.isArray(raw.steps) ? raw.steps : [...list(expandUp).map((key) => ({ op: "up" as const, key })), ...list(expandDown).map((key) => ({ op: "down" as const, key }))];
  return { ...DEFAULT_VIEW, ...rest, steps };
}

/** Nodes expanded upstream, in the order they were. */
export function expandedUp(state: Pick<ViewState, "steps">): string[] {
  return state.steps.filter((s) => s.op === "up").map((s) => s.key);
}

/** Nodes expanded downstream, in the order they were. */
export function expandedDown(state: Pick<ViewState, "steps">): string[] {
  return state.steps.filter((s) => s.op === "down").map((s) => s.key);
}

/** Deepest a view goes (one limit for the page, the API and the toolbar). */
export const MAX_DEPTH = MAX_VIEW_DEPTH;
/** More expanded or collapsed nodes than this in one link is not a view anyone built by hand. */
export const MAX_LISTED_NODES = 200;

export const DEFAULT_VIEW: Readonly<ViewState> = Object.freeze({
  up: 2,
  down: 1,
  steps: [],
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
  tidy: null,
  grouped: true,
  at: null,
});

const PARAM = {
  up: "up",
  down: "down",
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
  tidy: "tidy",
  grouped: "group",
  at: "at",
} as const;

/** URL names of the steps, and back. */
const STEP_PARAMS = { xu: { op: "up" }, xd: { op: "down" }, fu: { op: "open", dir: "up" }, fd: { op: "open", dir: "down" } } as const;
type StepParam = keyof typeof STEP_PARAMS;

function stepParam(step: ViewStep): StepParam {
  if (step.op === "open") return step.dir === "up" ? "fu" : "fd";
  return step.op === "up" ? "xu" : "xd";
}

const KNOWN_PARAMS = new Set<string>([...Object.values(PARAM), ...Object.keys(STEP_PARAMS)]);

/** Step parameters in the order the query gives them (a plain object keeps each name's order only). */
function stepEntries(input: SearchParamsInput): [StepParam, string][] {
  const isStep = (name: string): name is StepParam => name in STEP_PARAMS;
  if (input instanceof URLSearchParams) return [...input.entries()].filter((entry): entry is [StepParam, string] => isStep(entry[0]));
  return (Object.keys(STEP_PARAMS) as StepParam[]).flatMap((name) => allValues(input, name).map((value): [StepParam, string] => [name, value]));
}

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
  const state: ViewState = { ...DEFAULT_VIEW, steps: [], collapsed: [] };

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

  const steps: ViewStep[] = [];
  const seenSteps = new Set<string>();
  let droppedSteps = 0;
  for (const [name, raw] of stepEntries(input)) {
    const value = raw.trim();
    if (!value) continue;
    if (!isValidKey(value)) {
      notices.push(`Ignored ${name}="${clip(value)}": not a dataset key.`);
      continue;
    }
    const id = `${name}\n${normalizeKey(value)}`;
    if (seenSteps.has(id)) continue;
    seenSteps.add(id);
    if (steps.length >= MAX_LISTED_NODES) {
      droppedSteps++;
      continue;
    }
    const kind = STEP_PARAMS[name];
    steps.push(kind.op === "open" ? { op: "open", key: value, dir: kind.dir } : { op: kind.op, key: value });
  }
  if (droppedSteps) notices.push(`Only the first ${MAX_LISTED_NODES} expansions and opened groups were used.`);
  state.steps = steps;

  const collapsed = allValues(input, PARAM.collapsed).map((v) => v.trim()).filter(Boolean);
  const seenCollapsed = new Set<string>();
  for (const value of collapsed) {
    if (!isValidKey(value)) {
      notices.push(`Ignored collapsed "${clip(value)}": not a dataset key.`);
      continue;
    }
    if (seenCollapsed.has(normalizeKey(value))) continue;
    seenCollapsed.add(normalizeKey(value));
    state.collapsed.push(value);
  }
  if (state.collapsed.length > MAX_LISTED_NODES) {
    notices.push(`Only the first ${MAX_LISTED_NODES} collapsed nodes were used.`);
    state.collapsed.length = MAX_LISTED_NODES;
  }
  state.collapsed.sort(compareKeys);

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

  const tidy = single(PARAM.tidy);
  if (tidy !== undefined) {
    if (/^\d{1,3}$/.test(tidy.trim())) state.tidy = Math.min(Number(tidy), state.steps.length);
    else notices.push(`Ignored tidy="${clip(tidy)}": use the number of steps the layout was tidied after.`);
  }

  const grouped = single(PARAM.grouped);
  if (grouped !== undefined) {
    if (grouped === "0" || grouped === "1") state.grouped = grouped === "1";
    else notices.push(`Ignored group="${clip(grouped)}": use 1 or 0.`);
  }

  const at = single(PARAM.at);
  if (at !== undefined) {
    const parsed = parseAt(at);
    if (parsed) state.at = parsed;
    else notices.push(`Ignored at="${clip(at)}": use x,y,zoom (zoom from ${AT_ZOOM.min} to ${AT_ZOOM.max}).`);
  }

  for (const name of paramNames(input)) {
    if (!KNOWN_PARAMS.has(name)) notices.push(`Ignored unknown parameter "${clip(name)}".`);
  }
  return { state, notices };
}

/** Zooms a link may ask for (the canvas's own limits). */
export const AT_ZOOM = { min: 0.02, max: 2.5 } as const;
const AT_COORD_LIMIT = 10_000_000;

function parseAt(raw: string): ViewState["at"] {
  const parts = raw.split(",").map((p) => p.trim());
  if (parts.length !== 3 || parts.some((p) => !/^-?\d+(\.\d+)?$/.test(p))) return null;
  const [x, y, zoom] = parts.map(Number) as [number, number, number];
  if (Math.abs(x) > AT_COORD_LIMIT || Math.abs(y) > AT_COORD_LIMIT || zoom < AT_ZOOM.min || zoom > AT_ZOOM.max) return null;
  return { x, y, zoom };
}

/** The canonical form of a viewport: whole model pixels, zoom to three decimals. */
export function roundAt(at: { x: number; y: number; zoom: number }): NonNullable<ViewState["at"]> {
  return { x: Math.round(at.x), y: Math.round(at.y), zoom: Math.round(Math.min(AT_ZOOM.max, Math.max(AT_ZOOM.min, at.zoom)) * 1000) / 1000 };
}

const SET_ID = /^[a-z0-9][a-z0-9.-]{0,79}$/;

/** An evaluation set id (aime-2024) or, as older links have it, a benchmark's node key. */
export function isSetRef(value: string): boolean {
  return SET_ID.test(value) || isValidKey(value);
}

/** The canonical query for a view state (defaults omitted, sets sorted, steps in their order). */
export function serializeViewState(state: ViewState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.up !== DEFAULT_VIEW.up) params.set(PARAM.up, String(state.up));
  if (state.down !== DEFAULT_VIEW.down) params.set(PARAM.down, String(state.down));
  for (const step of state.steps) params.append(stepParam(step), step.key);
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
  if (state.tidy !== null) params.set(PARAM.tidy, String(Math.min(state.tidy, state.steps.length)));
  if (!state.grouped) params.set(PARAM.grouped, "0");
  if (state.at) {
    const at = roundAt(state.at);
    params.set(PARAM.at, `${at.x},${at.y},${at.zoom}`);
  }
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
