import { chromium, type Browser } from "@playwright/test";
import { chromiumLaunchOptions } from "../../e2e/support/chromium";

/** The same browser and flags as playwright.config.ts. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ ...chromiumLaunchOptions(), headless: true });
}
