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

export type FetchConfig = {
  arxivEndpoint: string;
  githubRawEndpoint: string;
  /** Hosts outbound requests may reach besides the Hub's own. */
  allowedHosts: string[];
};

function endpoint(raw: string | undefined, fallback: string, name: string): string {
  const value = raw?.trim() || fallback;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} must be an http(s) URL (got "${value.slice(0, 60)}")`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`${name} must be an http(s) URL (got "${value.slice(0, 60)}")`);
  return url.toString().replace(/\/+$/, "");
}

/**
 * Where the sourcing agent may fetch linked texts. ROOTLINE_ALLOWED_HOSTS (comma-separated)
 * replaces the default allowlist, which is exactly the hosts of the two endpoints.
 */
export function resolveFetchConfig(env: Readonly<Record<string, string | undefined>> = process.env): FetchConfig {
  const arxivEndpoint = endpoint(env.ARXIV_ENDPOINT, "https://export.arxiv.org", "ARXIV_ENDPOINT");
  const githubRawEndpoint = endpoint(env.GITHUB_RAW_ENDPOINT, "https://raw.githubusercontent.com", "GITHUB_RAW_ENDPOINT");
  const listed = env.ROOTLINE_ALLOWED_HOSTS?.split(",").map((h) => h.trim().toLowerCase()).filter(Boolean);
  const allowedHosts = listed?.length ? listed : [new URL(arxivEndpoint).host, new URL(githubRawEndpoint).host];
  return { arxivEndpoint, githubRawEndpoint, allowedHosts };
}
