import fs from "node:fs";
import { chromium, type Browser } from "@playwright/test";

// The same browser and flags as playwright.config.ts: Debian's Chromium when present,
// otherwise Playwright's own (`npx playwright install chromium`).
const SYSTEM_CHROMIUM = "/usr/bin/chromium";
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export function launchChromium(): Promise<Browser> {
  return fs.existsSync(SYSTEM_CHROMIUM) ? chromium.launch({ executablePath: SYSTEM_CHROMIUM, args: ARGS, headless: true }) : chromium.launch({ headless: true });
}
