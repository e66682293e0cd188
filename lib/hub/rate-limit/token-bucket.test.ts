import { describe, expect, it } from "vitest";
import { reserve, type BucketState } from "./token-bucket";
import { resolveHubRate } from "./config";

describe("the token bucket's reservations", () => {
  it("grants the burst at once, then one slot per 1/rate seconds", () => {
    const config = { rate: 4, burst: 2 };
    let state: BucketState | null = null;
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const next = reserve(state, 100, config);
      state = next.state;
      waits.push(next.waitMs);
    }
    expect(waits).toEqual([0, 0, 250, 500, 750]);
  });

  it("refills with time, never beyond the burst", () => {
    const config = { rate: 10, burst: 3 };
    const drained = reserve({ tokens: -5, updatedAt: 0 }, 0, config);
    expect(drained.waitMs).toBe(600);
    const later = reserve({ tokens: 0, updatedAt: 0 }, 60, config);
    expect(later.state.tokens).toBe(2);
  });
});

describe("ROOTLINE_HUB_RATE_PER_SECOND", () => {
  it("defaults to 10/s for the public Hub and to no limit for another endpoint", () => {
    expect(resolveHubRate("https://huggingface.co", {})).toEqual({ rate: 10, burst: 10 });
    expect(resolveHubRate("http://127.0.0.1:9999", {})).toBeNull();
    expect(resolveHubRate("http://127.0.0.1:9999", { ROOTLINE_HUB_RATE_PER_SECOND: "50", ROOTLINE_HUB_RATE_BURST: "5" })).toEqual({ rate: 50, burst: 5 });
    expect(resolveHubRate("https://huggingface.co", { ROOTLINE_HUB_RATE_PER_SECOND: "off" })).toBeNull();
    expect(() => resolveHubRate("https://huggingface.co", { ROOTLINE_HUB_RATE_PER_SECOND: "fast" })).toThrow(/positive number/);
  });
});
