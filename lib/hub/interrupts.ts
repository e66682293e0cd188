/**
 * Errors that stop a whole run's crawl instead of failing one dataset: the Hub asking us to
 * come back later, and the run's time budget running out. The agents rethrow them instead of
 * skipping a text or keeping an edge with less known, which would record a dataset as traced
 * from less than it holds.
 */
import { AppError } from "@/lib/errors";

/**
 * The Hub (or a linked-text host) answered 429/503 and asked for a longer wait than we sleep
 * through, or kept answering so after every retry (then `waitMs` is null: it named no time).
 */
export class HubWaitError extends AppError {
  readonly waitMs: number | null;
  readonly host: string;
  readonly httpStatus: number;
  /** Who asked, as run messages name it: "the Hub", or the host. */
  readonly service: string;

  constructor(params: { waitMs: number | null; attempts: number; host: string; httpStatus: number; service?: string }) {
    const service = params.service ?? params.host;
    const seconds = params.waitMs === null ? null : Math.ceil(params.waitMs / 1000);
    super(
      "rate_limited",
      seconds === null ? `${service} kept answering HTTP ${params.httpStatus} (busy) after ${params.attempts} attempts` : `${service} asked us to wait ${seconds} s (HTTP ${params.httpStatus})`,
      seconds === null ? undefined : { retryAfterSeconds: seconds },
    );
    this.name = "HubWaitError";
    this.waitMs = params.waitMs;
    this.host = params.host;
    this.httpStatus = params.httpStatus;
    this.service = service;
  }
}

/** The abort reason of a run whose wall-clock budget ran out; in-flight requests end with it. */
export class TimeBudgetError extends AppError {
  readonly budgetMs: number;

  constructor(budgetMs: number) {
    super("unavailable", `the run's time budget of ${formatDuration(budgetMs)} ran out`);
    this.name = "TimeBudgetError";
    this.budgetMs = budgetMs;
  }
}

export function isHubWait(error: unknown): error is HubWaitError {
  return error instanceof HubWaitError;
}

/** True for errors that must end the crawl rather than be skipped or recorded against one dataset. */
export function stopsTheCrawl(error: unknown): boolean {
  return error instanceof HubWaitError || error instanceof TimeBudgetError;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s`;
  const min = Math.round(s / 60);
  return min < 120 ? `${min} min` : `${Math.round((min / 60) * 10) / 10} h`;
}
