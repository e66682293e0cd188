import { expect, it } from "vitest";
import { createEdgeId, parseEdgeId } from "./ids";

it("round-trips edge ids whose keys contain separators", () => {
  for (const [up, down] of [
    ["openai/gsm8k", "meta-math/MetaMathQA"],
    ["web:example.com/a->b", "corpus:x"],
    ["github:a/b", "arxiv:2309.12284"],
  ] as const) {
    expect(parseEdgeId(createEdgeId(up, down))).toEqual({ upstream: up, downstream: down });
  }
});

it("rejects ids it did not make", () => {
  expect(parseEdgeId("openai/gsm8k->x")).toBeNull();
  expect(parseEdgeId("edge:->x")).toBeNull();
  expect(parseEdgeId("edge:a->b->c")).toBeNull();
  expect(parseEdgeId("edge:%E0%A4%A->b")).toBeNull();
});
