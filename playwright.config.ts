import { defineConfig, devices } from "@playwright/test";
import { ACCOUNTS_PORT, ACCOUNTS_SECRET, ACCOUNTS_URL } from "./e2e/support/accounts";
import { chromiumLaunchOptions } from "./e2e/support/chromium";

const launchOptions = chromiumLaunchOptions();

const PORT = "3100";
const BASE_URL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: "e2e",
  outputDir: "e2e/artifacts/test-results",
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["html", { outputFolder: "e2e/artifacts/report", open: "never" }]],
  use: {
    baseURL: BASE_URL,
    screenshot: "on",
    trace: "retain-on-failure",
    viewport: { width: 1400, height: 1000 },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1400, height: 1000 }, launchOptions } }],
  webServer: [
    {
      // A fresh store with the explorer fixture (e2e/fixtures/explorer), then scripts/start.ts, which
      // builds when sources changed and seeds the real graph on top. Never reused: the tests review
      // edges, so each run must start from the same graph.
      command: "npx tsx e2e/prepare-server.ts",
      env: { PORT, ROOTLINE_DATA_DIR: ".data/e2e", NEXT_TELEMETRY_DISABLED: "1" },
      url: `${BASE_URL}/api/datasets?limit=1`,
      timeout: 300_000,
      reuseExistingServer: false,
      gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      // The same build with accounts on (e2e/accounts.spec.ts): a small store and three accounts.
      command: "npx tsx e2e/prepare-accounts-server.ts",
      env: { PORT: ACCOUNTS_PORT, ROOTLINE_DATA_DIR: ".data/e2e-accounts", MAIN_URL: BASE_URL, ROOTLINE_AUTH_SECRET: ACCOUNTS_SECRET, NEXT_TELEMETRY_DISABLED: "1" },
      url: `${ACCOUNTS_URL}/api/datasets?limit=1`,
      timeout: 600_000,
      reuseExistingServer: false,
      gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
