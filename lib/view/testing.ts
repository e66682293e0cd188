import { DEFAULT_VIEW, type ViewState } from "./state";

/** A view state for tests: defaults, the patch, and expansions given as two lists (upstream ones first). */
export function viewState({ expandUp = [], expandDown = [], ...patch }: Partial<ViewState> & { expandUp?: string[]; expandDown?: string[] } = {}): ViewState {
  return {
    ...DEFAULT_VIEW,
    ...patch,
    steps: patch.steps ?? [...expandUp.map((key) => ({ op: "up" as const, key })), ...expandDown.map((key) => ({ op: "down" as const, key }))],
  };
}
