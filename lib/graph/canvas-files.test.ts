import { describe, expect, it } from "vitest";
import { exportFileName } from "./canvas-files";

describe("exportFileName", () => {
  it("slugs the root key", () => {
    expect(exportFileName("meta-math/MetaMathQA", "png")).toBe("rootline-meta-math-metamathqa.png");
    expect(exportFileName("web:data.mendeley.com/datasets/834vsxnb99/3", "csv")).toBe("rootline-web-data-mendeley-com-datasets-834vsxnb99-3.csv");
    expect(exportFileName("corpus:stack-exchange", "graphml")).toBe("rootline-corpus-stack-exchange.graphml");
  });

  it("keeps names short and never empty", () => {
    expect(exportFileName(`a/${"b".repeat(200)}`, "json").length).toBeLessThanOrEqual("rootline-.json".length + 80);
    expect(exportFileName("///", "svg")).toBe("rootline-graph.svg");
  });
});
