/**
 * Every change a person makes to an explorer view, as one pure reducer over the URL state
 * (lib/view/state.ts): the explorer dispatches, the URL follows the state, and the layout is a
 * function of the state (lib/graph/arrange.ts) — so what one person sees, a link reproduces.
 */
import { compareKeys, MAX_LISTED_NODES, sameKey, type ViewState, type ViewStep } from "./state";

export type Direction = "up" | "down";

export type ViewAction =
  | { type: "depth"; direction: Direction; depth: number }
  /** Filters and display switches from the toolbar. */
  | { type: "patch"; patch: Partial<Pick<ViewState, "relations" | "minConfidence" | "showRejected" | "domains" | "benchmark" | "colorBy" | "grouped">> }
  | { type: "resetFilters" }
  | { type: "expand"; key: string; direction: Direction }
  | { type: "openGroup"; parent: string; direction: Direction }
  | { type: "closeGroup"; parent: string; direction: Direction }
  | { type: "toggleCollapse"; key: string }
  | { type: "toggleFocus" }
  /** Select a node (the root, or null, selects nothing else). */
  | { type: "select"; key: string | null; rootKey: string }
  | { type: "tidy" }
  | { type: "setTidy"; tidy: number | null }
  | { type: "viewport"; at: ViewState["at"] }
  | { type: "showPath"; benchmark: string; path: readonly string[] }
  | { type: "hidePath" }
  | { type: "showTwice"; ancestor: string }
  | { type: "hideTwice" }
  /** A trace finished: draw what it found upstream of the node. */
  | { type: "traced"; key: string; rootKey: string }
  /** Loading failed: depth and steps go back to what is drawn. */
  | { type: "restoreGraph"; drawn: Pick<ViewState, "up" | "down" | "steps"> };

const sameStep = (a: ViewStep, b: ViewStep) => a.op === b.op && sameKey(a.key, b.key) && (a.op !== "open" || (b.op === "open" && a.dir === b.dir));

function withStep(state: ViewState, step: ViewStep): ViewState {
  if (state.steps.some((s) => sameStep(s, step)) || state.steps.length >= MAX_LISTED_NODES) return state;
  return { ...state, steps: [...state.steps, step] };
}

function withoutStep(state: ViewState, step: ViewStep): ViewState {
  const at = state.steps.findIndex((s) => sameStep(s, step));
  if (at < 0) return state;
  // A tidy point after the removed step moves back with the steps it counts.
  const tidy = state.tidy !== null && state.tidy > at ? state.tidy - 1 : state.tidy;
  return { ...state, steps: state.steps.filter((_, i) => i !== at), tidy };
}

function withoutKey(list: string[], key: string): string[] {
  // The same list when nothing goes: what is drawn is memoised on it.
  return list.some((k) => sameKey(k, key)) ? list.filter((k) => !sameKey(k, key)) : list;
}

function withKey(list: readonly string[], key: string): string[] {
  return list.some((k) => sameKey(k, key)) ? [...list] : [...list, key].sort(compareKeys);
}

export function viewReducer(state: ViewState, action: ViewAction): ViewState {
  switch (action.type) {
    case "depth":
      return { ...state, [action.direction]: action.depth };
    case "patch":
      return { ...state, ...action.patch };
    case "resetFilters":
      return { ...state, relations: null, minConfidence: 0, showRejected: false, domains: null, benchmark: null, focus: false, collapsed: [] };
    case "expand": {
      const next = withStep(state, { op: action.direction, key: action.key });
      return action.direction === "up" ? { ...next, collapsed: withoutKey(next.collapsed, action.key) } : next;
    }
    case "openGroup":
      return withStep(state, { op: "open", key: action.parent, dir: action.direction });
    case "closeGroup":
      return withoutStep(state, { op: "open", key: action.parent, dir: action.direction });
    case "toggleCollapse":
      return { ...state, collapsed: state.collapsed.some((k) => sameKey(k, action.key)) ? withoutKey(state.collapsed, action.key) : withKey(state.collapsed, action.key) };
    case "toggleFocus":
      return { ...state, focus: !state.focus };
    case "select": {
      const selected = action.key === null || sameKey(action.key, action.rootKey) ? null : action.key;
      // Paths to an ancestor reached twice belong to the node they were drawn for.
      const keepTwice = sameKey(selected, state.selected) || (selected === null && state.selected === null);
      return { ...state, selected, twice: keepTwice ? state.twice : null };
    }
    case "tidy":
      return { ...state, tidy: state.steps.length, at: null };
    case "setTidy":
      return { ...state, tidy: action.tidy, at: null };
    case "viewport":
      return { ...state, at: action.at };
    case "showPath":
      // The path's steps are loaded with it; collapsed ones must open to show it.
      return { ...state, contaminationPath: action.benchmark, twice: null, collapsed: state.collapsed.filter((k) => !action.path.some((p) => sameKey(p, k))) };
    case "hidePath":
      return { ...state, contaminationPath: null };
    case "showTwice":
      return { ...state, twice: action.ancestor, contaminationPath: null };
    case "hideTwice":
      return { ...state, twice: null };
    case "traced": {
      if (sameKey(action.key, action.rootKey)) return state;
      const next = withStep(state, { op: "up", key: action.key });
      return { ...next, collapsed: withoutKey(next.collapsed, action.key) };
    }
    case "restoreGraph": {
      const { up, down, steps } = action.drawn;
      return { ...state, up, down, steps: [...steps], tidy: state.tidy === null ? null : Math.min(state.tidy, steps.length) };
    }
  }
}
