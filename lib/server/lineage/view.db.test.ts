import { beforeAll, describe, expect, it } from "vitest";
import type { LineageGraph } from "@/lib/lineage/types";
import { getDb } from "@/lib/server/db/client";
import { errorCode } from "@/test-support/server/error-code";
import { buildFixtureGraph, ROOT } from "@/test-support/server/fixture-graph";
import { viewState } from "@/lib/view/testing";
import { getLineage, getView } from "./queries";

beforeAll(async () => {
  await buildFixtureGraph(getDb());
});

const state = viewState;
const keys = (graph: LineageGraph) => graph.nodes.map((n) => n.key).sort();
const pairs = (graph: LineageGraph) => graph.edges.map((e) => `${e.upstream} > ${e.downstream}`).sort();
const node = (graph: LineageGraph, key: string) => graph.nodes.find((n) => n.key === key) ?? expect.unreachable(`${key} missing`);

describe("getView", () => {
  it("without expansions is the lineage at the view's depths, rejected edges included", async () => {
    const { graph, notices } = await getView({ key: "org/root-set", state: state() });
    expect(notices).toEqual([]);
    expect(graph).toEqual(await getLineage({ key: ROOT, up: 2, down: 1, includeRejected: true, maxNodes: 2500 }));
    expect(keys(graph)).toContain("up/rejected");
  });

  it("adds one level upstream of an expanded node, linked to what was already there", async () => {
    const before = await getView({ key: ROOT, state: state({ up: 1, down: 0 }) });
    expect(keys(before.graph)).not.toContain("up/c");
    const { graph, notices } = await getView({ key: ROOT, state: state({ up: 1, down: 0, expandUp: ["UP/A"] }) });
    expect(notices).toEqual([]);
    expect(keys(graph)).toEqual([...keys(before.graph), "up/c", "bench/gsm-like"].sort());
    // up/x was already there: its edge into the new node up/c is drawn too.
    expect(pairs(graph)).toEqual(expect.arrayContaining(["up/c > up/a", "bench/gsm-like > up/a", "up/x > up/c"]));
    expect(node(graph, "up/a")).toMatchObject({ hiddenUpstream: 0 });
    expect(node(graph, "up/c")).toMatchObject({ upstreamCount: 2, hiddenUpstream: 1, downstreamCount: 2, hiddenDownstream: 0 });
    expect(graph.truncated).toBe(true);
  });

  it("chains expansions and expands downstream", async () => {
    const { graph } = await getView({ key: ROOT, state: state({ up: 1, down: 0, expandUp: ["up/a", "up/c", "up/d"] }) });
    expect(keys(graph)).toEqual(expect.arrayContaining(["up/c", "up/d", "github:ghorg/gen-repo"]));
    const down = await getView({ key: ROOT, state: state({ up: 0, down: 0, expandDown: [ROOT, "down/m"] }) });
    expect(keys(down.graph)).toEqual(["Org/Root-Set", "down/m", "down/n", "down/p"].sort());
    expect(pairs(down.graph)).toEqual(["Org/Root-Set > down/m", "Org/Root-Set > down/n", "down/m > down/p", "down/n > down/p"].sort());
  });

  it("ignores expansions no longer connected to the view, and names keys the store lacks", async () => {
    const { graph, notices } = await getView({ key: ROOT, state: state({ up: 0, down: 0, expandUp: ["up/c", "nobody/here"], expandDown: ["nobody/here", "gone/too"] }) });
    expect(keys(graph)).toEqual([ROOT]);
    expect(notices).toEqual(['"nobody/here" is not in the store; ignored.', '"gone/too" is not in the store; ignored.']);
  });

  it("caps the node count with a notice", async () => {
    const { graph, notices } = await getView({ key: ROOT, state: state({ up: 3, down: 3 }), maxNodes: 5 });
    expect(graph.nodes).toHaveLength(5);
    expect(graph.nodes[0]!.key).toBe(ROOT);
    expect(graph.truncated).toBe(true);
    expect(notices).toEqual([expect.stringMatching(/only the nearest 5 are shown/)]);
  });

  it("rejects bad and unknown root keys", async () => {
    expect(await errorCode(getView({ key: "not a key", state: state() }))).toBe("bad_request:key");
    expect(await errorCode(getView({ key: "no/such-set", state: state() }))).toBe("not_found:dataset");
    expect(await errorCode(getView({ key: ROOT, state: state({ up: 11 }) }))).toBe("bad_request:params");
  });
});
