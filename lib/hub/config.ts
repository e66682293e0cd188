/**
 * Where the Hugging Face Hub is and how to authenticate, from the Hub's own environment
 * conventions: HF_ENDPOINT (mirrors, local fake Hubs in tests) and HF_TOKEN.
 */
export type HubConfig = { hubUrl: string; accessToken?: string };

export const DEFAULT_HUB_URL = "https://huggingface.co";

export function resolveHubConfig(env: Readonly<Record<string, string | undefined>> = process.env): HubConfig {
  const raw = env.HF_ENDPOINT?.trim() || DEFAULT_HUB_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`HF_ENDPOINT must be an http(s) URL (got "${raw.slice(0, 60)}")`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`HF_ENDPOINT must be an http(s) URL (got "${raw.slice(0, 60)}")`);
  }
  const token = env.HF_TOKEN?.trim();
  return { hubUrl: url.toString().replace(/\/+$/, ""), ...(token ? { accessToken: token } : {}) };
}
