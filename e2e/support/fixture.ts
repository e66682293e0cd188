/**
 * The small graph the e2e server imports before it starts (e2e/fixtures/explorer, ODA format).
 * The counts below follow from those files; a test that needs them fails when the files change.
 *
 *   deep-1 → origin-1 → base-1 → mix-a → explorer-root → consumer
 *            origin-2 ↗          base-2 ↗ (also → mix-b)
 *            origin-3 → base-3 → mix-b → explorer-root
 *                          quoted-source → explorer-root   (evidence quote holds <script>/<img onerror>)
 *   snap-b → snap-a → snapshot-root, snap-b → snapshot-root (rejected by the freeze test)
 */
const OWNER = "rootline-e2e";
export const key = (name: string) => `${OWNER}/${name}`;

export const ROOT = key("explorer-root");
export const MIX_A = key("mix-a");
export const QUOTED = key("quoted-source");
export const SNAPSHOT_ROOT = key("snapshot-root");
export const SNAP_B = key("snap-b");

export const XSS_QUOTE_PARTS = ["<script>window.__xss=1</script>", '<img src=x onerror="window.__xss=1">'];
export const XSS_NAME = 'Quoted <img src=x onerror="window.__xss=2"> source';

/** Nodes and edges of explorer-root's view at a given upstream depth (downstream depth 1). */
export const EXPLORER_COUNTS = {
  up1: { nodes: 5, edges: 4 },
  up2: { nodes: 8, edges: 8 },
  up3: { nodes: 11, edges: 11 },
} as const;
