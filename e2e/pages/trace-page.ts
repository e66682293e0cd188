import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";

export type RunJson = { id: string; state: string; targetKey: string; steps: { agent: string; key: string; message: string }[]; counts: Record<string, number>; error: string | null };

/** Trace controls and progress (components/runs), wherever they appear. */
export class TracePanel {
  readonly progress: Locator;
  readonly state: Locator;

  constructor(
    readonly page: Page,
    scope: Locator | Page = page,
  ) {
    this.progress = scope.getByTestId("run-progress");
    this.state = scope.getByTestId("run-state");
  }

  async waitForSteps(min = 1) {
    await expect(this.progress.getByTestId("run-step").nth(min - 1)).toBeVisible({ timeout: 30_000 });
  }

  async waitDone() {
    await expect(this.progress).toHaveAttribute("data-state", "SUCCEEDED", { timeout: 60_000 });
  }
}

/** Start a run through the API and wait for it to end. */
export async function traceViaApi(request: APIRequestContext, key: string, depth = 1): Promise<RunJson> {
  const started = await request.post("/api/runs", { data: { key, depth } });
  expect(started.status(), await started.text()).toBe(200);
  const { run } = (await started.json()) as { run: RunJson };
  return waitForRun(request, run.id);
}

export async function waitForRun(request: APIRequestContext, id: string): Promise<RunJson> {
  let run: RunJson | null = null;
  await expect
    .poll(
      async () => {
        run = (await (await request.get(`/api/runs/${id}`)).json()) as RunJson;
        return run.state;
      },
      { timeout: 60_000, intervals: [250, 500, 1000] },
    )
    .toMatch(/SUCCEEDED|FAILED/);
  return run!;
}
