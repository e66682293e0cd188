/**
 * Which evaluation set a person (or a file) means: "aime-2024", "AIME 2024", the host's key
 * "Maxwell-Jia/AIME_2024", an alias of the host ("AIME24"), or a family with a single set
 * ("TruthfulQA"). A host or family with several sets is ambiguous and says which sets there
 * are; an unknown name gets the nearest registered names as suggestions.
 */
import { normalizeKey } from "@/lib/keys";
import { aliasNorm } from "@/lib/lineage-io/names";
import type { EvalSet } from "./types";

export type EvalSetMatch = { ok: true; set: EvalSet } | { ok: false; reason: "unknown" | "ambiguous"; message: string; suggestions: string[] };

export type ResolveContext = {
  evalSets: readonly EvalSet[];
  /** The node an alias names (the store's or the seed's alias table), if any. */
  aliasKey?: (name: string) => string | null | undefined;
};

function label(set: EvalSet): string {
  return `${set.id} (${set.name})`;
}

export function resolveEvalSet(query: string, context: ResolveContext): EvalSetMatch {
  const q = query.trim();
  const { evalSets } = context;
  const byId = evalSets.find((s) => s.id.toLowerCase() === q.toLowerCase());
  if (byId) return { ok: true, set: byId };
  const norm = aliasNorm(q);
  const byName = evalSets.filter((s) => aliasNorm(s.name) === norm);
  if (byName.length === 1) return { ok: true, set: byName[0]! };

  const hosted = (key: string) => evalSets.filter((s) => normalizeKey(s.key) === normalizeKey(key));
  const several = (what: string, sets: EvalSet[]): EvalSetMatch => ({
    ok: false,
    reason: "ambiguous",
    message: `${what} has ${sets.length} evaluation sets; name one: ${sets.map(label).join(", ")}.`,
    suggestions: sets.map((s) => s.id),
  });
  const fromKey = (key: string, what: string): EvalSetMatch | null => {
    const sets = hosted(key);
    if (sets.length === 1) return { ok: true, set: sets[0]! };
    return sets.length > 1 ? several(what, sets) : null;
  };
  const direct = fromKey(q, q);
  if (direct) return direct;
  const aliased = context.aliasKey?.(q);
  if (aliased) {
    const viaAlias = fromKey(aliased, `${q} (${aliased})`);
    if (viaAlias) return viaAlias;
  }
  const family = evalSets.filter((s) => aliasNorm(s.family) === norm);
  if (family.length === 1) return { ok: true, set: family[0]! };
  if (family.length > 1) return several(`The ${family[0]!.family} family`, family);

  const suggestions = nearest(q, evalSets);
  return {
    ok: false,
    reason: "unknown",
    message: `${q} is not a registered evaluation set.${suggestions.length ? ` Did you mean ${suggestions.join(", ")}?` : ""} Registered: ${evalSets.map((s) => s.id).join(", ") || "none"}.`,
    suggestions,
  };
}

/** Registered set ids whose id, name, family or host share the most with the query (character trigrams). */
export function nearest(query: string, evalSets: readonly EvalSet[], limit = 3): string[] {
  const grams = (text: string) => {
    const t = ` ${aliasNorm(text)} `;
    const out = new Set<string>();
    for (let i = 0; i + 3 <= t.length; i++) out.add(t.slice(i, i + 3));
    return out;
  };
  const q = grams(query);
  if (!q.size) return [];
  const scored = evalSets.map((s) => {
    let best = 0;
    for (const text of [s.id, s.name, s.family, s.key]) {
      const g = grams(text);
      let shared = 0;
      for (const x of q) if (g.has(x)) shared++;
      best = Math.max(best, shared / (q.size + g.size - shared));
    }
    return { id: s.id, score: best };
  });
  return scored
    .filter((s) => s.score >= 0.2)
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
    .slice(0, limit)
    .map((s) => s.id);
}
