import { describe, expect, it } from "vitest";
import { upsertAliases, upsertNodes, writeTransaction } from "@/lib/server/lineage/write";
import { createLineageStore } from "./store";

// The pipeline reads names as `extract` and the evaluation do: the bundled seed's names, with
// the store's own on top (its reviewed aliases win).
describe("the agents' name table on a store", () => {
  it("knows the bundled names without a seed, and lets the store's aliases override them", async () => {
    const store = createLineageStore();
    const before = await store.aliasMap();
    expect(before.get("gsm8k")).toBe("openai/gsm8k");
    expect(before.get("metamathqa")).toBe("meta-math/MetaMathQA");

    await writeTransaction(async (tx) => {
      await upsertNodes(tx, [{ key: "names-test/my-gsm8k-copy" }, { key: "names-test/QuokkaChat" }]);
      await upsertAliases(tx, [{ alias: "GSM8K", key: "names-test/my-gsm8k-copy" }]);
    });
    const after = await store.aliasMap();
    expect(after.get("gsm8k")).toBe("names-test/my-gsm8k-copy");
    expect(after.get("quokkachat")).toBe("names-test/QuokkaChat");
    expect(after.get("metamathqa")).toBe("meta-math/MetaMathQA");
  });
});
