/**
 * The synthetic fake Hub for bench/crawl.ts, in a process of its own so serving it never
 * competes with the crawl's measuring process for an event loop. Writes the crawl's seeds to
 * SEEDS_FILE, prints `HUB_URL <url>` once it listens, answers IPC messages "stats" (requests
 * so far and card reads per dataset) and "reset", and stops on SIGTERM.
 *
 *   tsx --conditions=react-server bench/lib/crawl-hub.ts COUNT LATENCY_MS SEEDS_FILE
 */
import fs from "node:fs";
import { startFakeHub } from "@/test-support/fake-hub/fake-hub";
import { syntheticHub } from "@/test-support/fake-hub/synthetic";

export type CrawlHubStats = { requests: number; datasets: number; cardReads: Record<string, number> };

const [count, latencyMs, seedsFile] = [Number(process.argv[2] ?? 5000), Number(process.argv[3] ?? 30), process.argv[4]!];
const world = syntheticHub({ count, seed: 1 });
fs.writeFileSync(seedsFile, `${world.seeds.join("\n")}\n`);
const hub = await startFakeHub({ datasets: world.datasets, latencyMs });

process.on("message", (message) => {
  if (message === "reset") {
    hub.requests.length = 0;
    process.send?.({ reset: true });
  } else if (message === "stats") {
    const cardReads: Record<string, number> = {};
    for (const line of hub.requests) {
      const id = /^GET \/datasets\/([^/]+\/[^/]+)\/resolve\//.exec(line)?.[1];
      if (id) cardReads[id] = (cardReads[id] ?? 0) + 1;
    }
    process.send?.({ requests: hub.requests.length, datasets: Object.keys(world.datasets).length, cardReads } satisfies CrawlHubStats);
  }
});
process.on("SIGTERM", () => void hub.close().then(() => process.exit(0)));
console.log(`HUB_URL ${hub.url}`);
