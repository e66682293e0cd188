import { describe, expect, it } from "vitest";
import { redactEndpoints } from "./redact";

describe("redactEndpoints", () => {
  const endpoints = [
    { url: "http://10.1.2.3:8080", name: "the Hub" },
    { url: "https://arxiv-proxy.internal/", name: "the arXiv endpoint" },
  ];

  it("replaces each endpoint's origin and host by its name, wherever they occur", () => {
    expect(redactEndpoints("Hub request to 10.1.2.3:8080/api/datasets/a/b failed after 3 attempts: fetch failed", endpoints)).toBe(
      "Hub request to the Hub/api/datasets/a/b failed after 3 attempts: fetch failed",
    );
    expect(redactEndpoints("GET http://10.1.2.3:8080/x and https://arxiv-proxy.internal/abs/1", endpoints)).toBe("GET the Hub/x and the arXiv endpoint/abs/1");
  });

  it("leaves other text alone and survives a bad endpoint", () => {
    expect(redactEndpoints("openai/gsm8k was not found on the Hub", [...endpoints, { url: "not a url", name: "x" }])).toBe("openai/gsm8k was not found on the Hub");
  });
});
