import { expect, it } from "vitest";
import { DEFAULT_HUB_URL, resolveHubConfig } from "./config";

it("defaults to the public Hub with no token", () => {
  expect(resolveHubConfig({})).toEqual({ hubUrl: DEFAULT_HUB_URL });
});

it("honours HF_ENDPOINT and HF_TOKEN", () => {
  expect(resolveHubConfig({ HF_ENDPOINT: "http://127.0.0.1:4010/", HF_TOKEN: " hf_abc " })).toEqual({
    hubUrl: "http://127.0.0.1:4010",
    accessToken: "hf_abc",
  });
});

it("rejects endpoints that are not http(s) URLs", () => {
  expect(() => resolveHubConfig({ HF_ENDPOINT: "not a url" })).toThrow(/HF_ENDPOINT/);
  expect(() => resolveHubConfig({ HF_ENDPOINT: "file:///etc/passwd" })).toThrow(/HF_ENDPOINT/);
});
