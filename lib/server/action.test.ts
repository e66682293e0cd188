import { afterEach, describe, expect, it, vi } from "vitest";
import { redirect } from "next/navigation";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { action, anyone, INTERNAL_MESSAGE } from "./action";

const schema = z.object({ name: z.string().min(1), count: z.number().int().max(10) });

afterEach(() => {
  vi.restoreAllMocks();
});

describe("action", () => {
  it("runs the handler with the parsed input and the policy's value", async () => {
    const greet = action(
      schema,
      (input) => ({ actor: `policy saw ${input.name}` }),
      async (input, context) => ({ text: `${context.actor}: ${input.name} × ${input.count}` }),
    );
    expect(await greet({ name: "a", count: 2, extra: "ignored" })).toEqual({ ok: true, text: "policy saw a: a × 2" });
  });

  it("refuses invalid input naming each bad field, before the policy runs", async () => {
    let policyRan = false;
    const run = action(schema, () => void (policyRan = true), async () => ({}));
    const result = await run({ name: "", count: 11.5 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("bad_request:body");
    expect(result.error.message).toMatch(/^The request was not accepted — name: .+; count: .+\.$/);
    expect(policyRan).toBe(false);
    expect(await run("not an object")).toMatchObject({ ok: false, error: { code: "bad_request:body", message: expect.stringMatching(/input: /) } });
    expect(await run(undefined)).toMatchObject({ ok: false, error: { code: "bad_request:body" } });
  });

  it("stops at the policy with its error", async () => {
    let handled = false;
    const run = action(
      schema,
      () => {
        throw new AppError("forbidden", "Not you.");
      },
      async () => {
        handled = true;
        return {};
      },
    );
    expect(await run({ name: "a", count: 1 })).toEqual({ ok: false, error: { code: "forbidden", message: "Not you." } });
    expect(handled).toBe(false);
  });

  it("passes typed errors through and hides the rest", async () => {
    const typed = action(schema, anyone, async () => {
      throw new AppError("not_found:edge", "No such edge.");
    });
    expect(await typed({ name: "a", count: 1 })).toEqual({ ok: false, error: { code: "not_found:edge", message: "No such edge." } });

    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const broken = action(schema, anyone, async () => {
      throw new Error("connection string postgres://user:pw@db leaked");
    });
    const result = await broken({ name: "a", count: 1 });
    expect(result).toEqual({ ok: false, error: { code: "internal", message: INTERNAL_MESSAGE } });
    expect(JSON.stringify(result)).not.toContain("postgres://");
    expect(logged).toHaveBeenCalledOnce();
  });

  it("lets Next's redirect through", async () => {
    const run = action(schema, anyone, async () => redirect("/elsewhere"));
    await expect(run({ name: "a", count: 1 })).rejects.toMatchObject({ digest: expect.stringMatching(/^NEXT_REDIRECT/) });
  });

  it("keeps ok true even if a handler returns an ok field", async () => {
    const run = action(schema, anyone, async () => ({ ok: false, id: "x" }));
    expect(await run({ name: "a", count: 1 })).toEqual({ ok: true, id: "x" });
  });
});
