import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";

export type RunJson = {
  id: string;
  state: string;
  targetKey: string;
  steps: { agent: string; key: string; message: string }[];
  counts: Record<string, number>;
  error: string | null;
  failureKind: string | null;
};

/** Trace controls and progress (components/runs), wherever they appear. */
export class TracePanel {
  readonly progress: Locator;
  readonly state: Locator;
  /** The run's error, in plain words when the failure has them. */
  readonly error: Locator;
  readonly start: Locator;
  /** "Try again", offered after a failed run. */
  readonly retry: Locator;

  constructor(
    readonly page: Page,
    scope: Locator | Page = page,
  ) {
    this.progress = scope.getByTestId("run-progress");
    this.state = scope.getByTestId("run-state");
    this.error = scope.getByTestId("run-error");
    this.start = scope.getByTestId("trace-upstream");
    this.retry = scope.getByTestId("trace-retry");
  }

  async waitForSteps(min = 1) {
    await expect(this.progress.getByTestId("run-step").nth(min - 1)).toBeVisible({ timeout: 30_000 });
  }

  async waitDone() {
    await expect(this.progress).toHaveAttribute("data-state", "SUCCEEDED", { timeout: 60_000 });
  }

  /** The run ended FAILED with this kind (NOT_ON_HUB, HUB_UNREACHABLE). */
  async waitFailed(kind: string) {
    await expect(this.progress).toHaveAttribute("data-state", "FAILED", { timeout: 60_000 });
    await expect(this.progress).toHaveAttribute("data-failure", kind);
  }
}

/** A dataset's unresolved mentions (names its texts give that are no node), in the panel or on the page. */
export class UnresolvedMentions {
  readonly section: Locator;
  readonly items: Locator;

  constructor(scope: Locator | Page) {
    this.section = scope.getByTestId("unresolved-mentions");
    this.items = this.section.getByTestId("unresolved-mention");
  }

  item(mention: string): Locator {
    return this.section.locator(`[data-testid="unresolved-mention"][data-mention="${mention}"]`);
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
