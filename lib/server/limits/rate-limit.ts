import "server-only";

/**
 * A sliding-window limit per client, in this process's memory. Enough for one server: it
 * keeps a script from filling the snapshot table, not a determined attacker with many
 * addresses (put a proxy's rate limit in front for that).
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
    /** Past this many tracked clients, idle ones are forgotten (bounds memory). */
    private readonly maxClients = 10_000,
  ) {}

  /** Count one attempt by `client`; false when it is over the limit (the attempt is not counted). */
  take(client: string): boolean {
    const now = this.now();
    const since = now - this.windowMs;
    const recent = (this.hits.get(client) ?? []).filter((at) => at > since);
    if (recent.length >= this.limit) {
      this.hits.set(client, recent);
      return false;
    }
    recent.push(now);
    this.hits.set(client, recent);
    if (this.hits.size > this.maxClients) this.forgetIdle(since);
    return true;
  }

  /** Milliseconds until `client` may try again (0 when it may now). */
  retryAfterMs(client: string): number {
    const recent = (this.hits.get(client) ?? []).filter((at) => at > this.now() - this.windowMs);
    return recent.length < this.limit ? 0 : recent[0]! + this.windowMs - this.now();
  }

  get trackedClients(): number {
    return this.hits.size;
  }

  private forgetIdle(since: number): void {
    for (const [client, times] of this.hits) if (!times.some((at) => at > since)) this.hits.delete(client);
    // Still too many active clients: drop the oldest entries rather than grow without bound.
    for (const client of this.hits.keys()) {
      if (this.hits.size <= this.maxClients) break;
      this.hits.delete(client);
    }
  }
}
