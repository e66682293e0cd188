import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { datasetParamsSchema, lineageParamsSchema, paramsError, parseParams, searchParamsSchema } from "./lineage";

const qs = (s: string) => new URLSearchParams(s);

function badRequest(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("bad_request:params");
    return error as AppError;
  }
  throw new Error("expected a bad_request:params error");
}

describe("lineage params", () => {
  it("defaults to two levels up, none down, rejected edges hidden", () => {
    expect(parseParams(lineageParamsSchema, qs(""))).toEqual({ up: 2, down: 0, minConfidence: undefined, includeRejected: false });
  });

  it("reads every parameter", () => {
    expect(parseParams(lineageParamsSchema, qs("up=3&down=1&minConfidence=0.5&includeRejected=1"))).toEqual({
      up: 3,
      down: 1,
      minConfidence: 0.5,
      includeRejected: true,
    });
    expect(parseParams(lineageParamsSchema, qs("up=0&minConfidence=1&includeRejected=false")).includeRejected).toBe(false);
    expect(parseParams(lineageParamsSchema, qs("minConfidence=.25")).minConfidence).toBe(0.25);
  });

  it.each([
    ["up=abc", "up"],
    ["up=99", "up"],
    ["up=-1", "up"],
    ["up=1.5", "up"],
    ["up=", "up"],
    ["down=11", "down"],
    ["minConfidence=2", "minConfidence"],
    ["minConfidence=-0.1", "minConfidence"],
    ["minConfidence=NaN", "minConfidence"],
    ["minConfidence=1e0", "minConfidence"],
    ["includeRejected=yes", "includeRejected"],
    ["up=1&up=2", "up"],
  ])("rejects %s naming the parameter", (query, param) => {
    const error = badRequest(() => parseParams(lineageParamsSchema, qs(query)));
    expect(error.message).toContain(param);
    expect(error.status).toBe(400);
    expect((error.details as { params: { param: string }[] }).params.map((p) => p.param)).toContain(param);
  });

  it("quotes the bad value and lists all bad parameters", () => {
    const error = badRequest(() => parseParams(lineageParamsSchema, qs("up=abc&down=99")));
    expect(error.message).toMatch(/up .*"abc"/);
    expect(error.message).toMatch(/down .*"99"/);
  });

  it("ignores parameters it does not know", () => {
    expect(parseParams(lineageParamsSchema, qs("foo=bar&foo=baz")).up).toBe(2);
  });

  it("accepts a page's searchParams record, arrays included", () => {
    expect(parseParams(lineageParamsSchema, { up: "4", other: ["a", "b"] }).up).toBe(4);
    badRequest(() => parseParams(lineageParamsSchema, { up: ["1", "2"] }));
  });
});

describe("search params", () => {
  it("trims the query and defaults the limit", () => {
    expect(parseParams(searchParamsSchema, qs("q=%20%20gsm8k%20"))).toEqual({ q: "gsm8k", limit: 20, minConfidence: undefined, includeRejected: false });
    expect(parseParams(searchParamsSchema, qs("")).q).toBe("");
  });

  it("keeps unicode and strips control characters", () => {
    expect(parseParams(searchParamsSchema, qs("q=%E6%95%B0%E5%AD%A6%00x")).q).toBe("数学 x");
    expect(parseParams(searchParamsSchema, qs("q=%ZZ%")).q).toBe("%ZZ%");
  });

  it("takes the edge filter too", () => {
    expect(parseParams(searchParamsSchema, qs("includeRejected=true&minConfidence=0.8"))).toMatchObject({ includeRejected: true, minConfidence: 0.8 });
    expect(parseParams(datasetParamsSchema, qs("includeRejected=0"))).toEqual({ includeRejected: false, minConfidence: undefined });
    badRequest(() => parseParams(datasetParamsSchema, qs("minConfidence=x")));
  });

  it.each(["limit=0", "limit=101", "limit=ten", `q=${"x".repeat(201)}`, "q=a&q=b"])("rejects %s", (query) => {
    badRequest(() => parseParams(searchParamsSchema, qs(query)));
  });

  it("allows a 200-character query", () => {
    expect(parseParams(searchParamsSchema, qs(`q=${"x".repeat(200)}`)).q).toHaveLength(200);
  });
});

describe("paramsError", () => {
  it("turns any ZodError into a 400 listing its paths", () => {
    const result = z.object({ a: z.number() }).safeParse({ a: "x" });
    expect(result.success).toBe(false);
    const error = paramsError(result.error!);
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/^Invalid query parameters: a /);
  });
});
