import { describe, expect, it } from "vitest";
import { z } from "zod";
import { describeIssues } from "./issues";

describe("describeIssues", () => {
  it("names each bad field, and counts the ones past five", () => {
    const schema = z.object({ name: z.string().min(1), count: z.number().int().max(10) });
    const error = schema.safeParse({ name: "", count: 11.5 }).error!;
    expect(describeIssues(error)).toMatch(/^The request was not accepted — name: .+; count: .+\.$/);
    const many = z.object(Object.fromEntries("abcdefg".split("").map((k) => [k, z.string()])));
    expect(describeIssues(many.safeParse({}).error!)).toMatch(/\(and 2 more\)\.$/);
  });
});
