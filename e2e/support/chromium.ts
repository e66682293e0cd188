import fs from "node:fs";
import type { LaunchOptions } from "@playwright/test";

// Debian's Chromium when the machine has it (Playwright's own download cannot run offline
// here), with the flags a closed network needs; elsewhere Playwright's bundled browser
// (`npx playwright install chromium`). Shared by the Playwright config and the benches.
const SYSTEM_CHROMIUM = "/usr/bin/chromium";
const SYSTEM_CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export function chromiumLaunchOptions(): LaunchOptions {
  return fs.existsSync(SYSTEM_CHROMIUM) ? { executablePath: SYSTEM_CHROMIUM, args: SYSTEM_CHROMIUM_ARGS } : {};
}
