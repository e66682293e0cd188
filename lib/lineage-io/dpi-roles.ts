import { normalizeKey } from "@/lib/keys";

/**
 * What a Data Provenance Collection entry's `hf_id` says about it. The field names "where the
 * data is on the Hub", and collections use it two ways: a collection published as one repo
 * (P3, CommitPackFT, Aya, MegaWika) gives every entry that repo, so the entry is a *part* of
 * it; a collection of tasks made from other datasets (Dynosaur, xP3x, Flan, Tasksource, OIG)
 * gives each entry the dataset it was *made from* — Dynosaur's 511 P3 tasks name
 * bigscience/P3 although none of them is in P3. Reading the second kind as the first turned
 * the edges around (P3 "containing" a Dynosaur task inherited its research-only licence).
 *
 * - own: the entry is that Hub dataset (a collection of one, a name equal to the repo's, or a
 *   Hub id only it names in a collection that is no repo of its own).
 * - part: the entry is part of its collection's repo (the collection's Hub URL, or the one
 *   `hf_id` all of a collection's entries share).
 * - built-from: the entry was made from `hf_id`'s data; part of its collection's repo if any.
 * - named: no usable Hub id; part of its collection's repo if any.
 */
export type EntryRole =
  | { kind: "own" }
  | { kind: "part"; home: string }
  | { kind: "built-from"; source: string; home: string | null }
  | { kind: "named"; home: string | null };

export type RoleInput = {
  id: string;
  name: string;
  collection: string | null;
  /** The entry's `hf_id` as a Hub key, when it is one. */
  hubKey: string | null;
  /** The collection's own Hub repo (`collection_url` on the Hub), when it has one. */
  collectionHub: string | null;
};

/** Names compared as a reader would: case, spaces and punctuation ignored. */
const plain = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, "");

function nameIsRepo(name: string, hubKey: string): boolean {
  const repoName = hubKey.slice(hubKey.indexOf("/") + 1);
  return plain(name) !== "" && plain(name) === plain(repoName);
}

export function entryRoles(entries: readonly RoleInput[]): Map<string, EntryRole> {
  const groups = new Map<string, RoleInput[]>();
  for (const entry of entries) {
    // Entries with no collection stand alone.
    const group = entry.collection === null ? `\0${entry.id}` : `c:${entry.collection}`;
    groups.set(group, [...(groups.get(group) ?? []), entry]);
  }
  const groupOf = new Map<string, RoleInput[]>();
  for (const group of groups.values()) for (const entry of group) groupOf.set(entry.id, group);
  const homeOf = new Map<string, string | null>();
  for (const group of groups.values()) {
    const shared = sharedRepo(group);
    for (const entry of group) homeOf.set(entry.id, entry.collectionHub ?? shared);
  }
  // An entry claims its Hub id as itself when it is its collection's only entry or has the
  // repo's name; one claimant is the dataset, several (a repo's languages) are its parts.
  const claims = (entry: RoleInput) => !!entry.hubKey && (groupOf.get(entry.id)!.length === 1 || nameIsRepo(entry.name, entry.hubKey));
  const claimants = new Map<string, number>();
  const naming = new Map<string, number>();
  for (const entry of entries) {
    if (!entry.hubKey) continue;
    const hub = normalizeKey(entry.hubKey);
    naming.set(hub, (naming.get(hub) ?? 0) + 1);
    if (claims(entry)) claimants.set(hub, (claimants.get(hub) ?? 0) + 1);
  }

  const roles = new Map<string, EntryRole>();
  for (const entry of entries) {
    const home = homeOf.get(entry.id)!;
    const { hubKey } = entry;
    if (!hubKey) roles.set(entry.id, { kind: "named", home });
    else if (home && normalizeKey(home) === normalizeKey(hubKey)) roles.set(entry.id, groupOf.get(entry.id)!.length === 1 ? { kind: "own" } : { kind: "part", home });
    else if (claims(entry)) roles.set(entry.id, claimants.get(normalizeKey(hubKey)) === 1 ? { kind: "own" } : { kind: "part", home: hubKey });
    // A Hub id no other entry names, in a collection that is no repo of its own (Camel-AI's
    // subjects, a medical collection's sources): the collection lists that dataset.
    else if (!home && naming.get(normalizeKey(hubKey)) === 1) roles.set(entry.id, { kind: "own" });
    else roles.set(entry.id, { kind: "built-from", source: hubKey, home });
  }
  return roles;
}

/**
 * The repo a collection is published as when it gives no Hub URL: the one Hub id every entry
 * of a collection names, when two or more do (entries without a Hub id aside).
 */
function sharedRepo(group: readonly RoleInput[]): string | null {
  const named = group.filter((e) => e.hubKey);
  if (named.length < 2) return null;
  return new Set(named.map((e) => normalizeKey(e.hubKey!))).size === 1 ? named[0]!.hubKey : null;
}
