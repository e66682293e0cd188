/**
 * A fake Hub serving one dataset with a card of CARD_MB megabytes, in a process of its own so
 * that building and hashing the card never stalls the process that measures latency. Prints
 * `HUB_URL <url>` once it listens; stops on SIGTERM.
 *
 *   tsx --conditions=react-server bench/lib/big-card-hub.ts 50
 */
import { cardDataset, startFakeHub } from "@/test-support/fake-hub/fake-hub";

const megabytes = Number(process.argv[2] ?? "50");
const line = "This dataset was built from openai/gsm8k and MATH, filtered and rewritten. ";
const card = `---\nlicense: mit\n---\n# Huge card\n\n${line.repeat(Math.ceil((megabytes * 1024 * 1024) / line.length))}`;
// A small card too: tracing it first warms the agents up, so the figures are the big card's alone.
const hub = await startFakeHub({ datasets: { "probe/huge-card": cardDataset(card), "probe/small-card": cardDataset("---\nlicense: mit\n---\n# Small\n\nBuilt from openai/gsm8k.\n") } });
console.log(`HUB_URL ${hub.url}`);
process.on("SIGTERM", () => void hub.close().then(() => process.exit(0)));
