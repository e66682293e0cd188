import { expect, test } from "@playwright/test";
import { ExplorerPage, edgeName } from "./pages/explorer-page";
import { SNAPSHOT_ROOT, SNAP_B } from "./support/fixture";

const REJECTED_EDGE = edgeName({ upstream: SNAP_B, downstream: SNAPSHOT_ROOT });

test("a frozen snapshot keeps its nodes and edges after the live graph changes", async ({ page }) => {
  const explorer = new ExplorerPage(page);
  await explorer.open(SNAPSHOT_ROOT);
  const keys = await explorer.drawnKeys();
  const edges = await explorer.edgeNames();
  expect(keys).toHaveLength(3);
  expect(edges).toContain(REJECTED_EDGE);

  const snapshotPath = await explorer.freeze();
  await explorer.screenshot("freeze-link");

  // Reject snap-b → snapshot-root from the panel of the selected root (reviews are allowed from loopback).
  await expect(explorer.panel).toHaveAttribute("data-key", SNAPSHOT_ROOT);
  const edgeItem = explorer.panel.locator(`[data-testid="incoming-edge"][data-upstream="${SNAP_B}"]`);
  await expect(edgeItem).toHaveAttribute("data-status", "PROPOSED");
  await edgeItem.getByTestId("review-reject").click();
  await expect(edgeItem).toHaveAttribute("data-status", "REJECTED");

  // The live view (rejected edges hidden by default) has lost the edge; shown again on request.
  await explorer.open(SNAPSHOT_ROOT);
  await expect.poll(() => explorer.edgeNames()).not.toContain(REJECTED_EDGE);
  expect(await explorer.edgeCount()).toBe(edges.length - 1);
  await explorer.screenshot("live-after-reject");
  await explorer.open(SNAPSHOT_ROOT, "?rejected=1");
  const withRejected = await explorer.drawnEdges();
  expect(withRejected.find((e) => edgeName(e) === REJECTED_EDGE)?.status).toBe("REJECTED");

  // The snapshot still shows the graph as it was frozen.
  await explorer.openUrl(snapshotPath);
  expect(await explorer.drawnKeys()).toEqual(keys);
  expect(await explorer.edgeCount()).toBe(edges.length);
  expect(await explorer.edgeNames()).toEqual(edges);
  await explorer.screenshot("snapshot-after-change");
});
