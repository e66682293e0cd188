/**
 * How fast every Rootline process together may call the Hub:
 *
 *   ROOTLINE_HUB_RATE_PER_SECOND  requests per second, all processes together (0 or "off": no limit).
 *                                 Default 10 for the public Hub; none for another HF_ENDPOINT (a mirror
 *                                 or a fake Hub is yours to load) unless set.
 *   ROOTLINE_HUB_RATE_BURST       requests that may go out at once after a quiet spell (default: one second's worth).
 */
import { DEFAULT_HUB_URL } from "@/lib/hub/config";
import type { RateConfig } from "./token-bucket";

export const DEFAULT_HUB_RATE_PER_SECOND = 10;

export function resolveHubRate(hubUrl: string, env: Readonly<Record<string, string | undefined>> = process.env): RateConfig | null {
  const raw = env.ROOTLINE_HUB_RATE_PER_SECOND?.trim().toLowerCase();
  const publicHub = new URL(hubUrl).host === new URL(DEFAULT_HUB_URL).host;
  let rate: number;
  if (!raw) {
    if (!publicHub) return null;
    rate = DEFAULT_HUB_RATE_PER_SECOND;
  } else if (raw === "off" || raw === "0") return null;
  else {
    rate = Number(raw);
    if (!Number.isFinite(rate) || rate <= 0) throw new Error(`ROOTLINE_HUB_RATE_PER_SECOND must be a positive number, 0 or "off" (got "${raw.slice(0, 40)}")`);
  }
  const burstRaw = env.ROOTLINE_HUB_RATE_BURST?.trim();
  const burst = burstRaw ? Number(burstRaw) : Math.max(1, rate);
  if (!Number.isFinite(burst) || burst < 1) throw new Error(`ROOTLINE_HUB_RATE_BURST must be a number of at least 1 (got "${burstRaw?.slice(0, 40)}")`);
  return { rate, burst };
}
