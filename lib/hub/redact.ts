/**
 * Run errors and steps are shown to anyone who opens a run; the endpoints the server talks to
 * (an internal Hub mirror at HF_ENDPOINT, an arXiv or GitHub proxy) are the operator's
 * business. Their addresses are replaced by what they are.
 */
export function redactEndpoints(text: string, endpoints: readonly { url: string; name: string }[]): string {
  let out = text;
  for (const { url, name } of endpoints) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      continue;
    }
    const origin = parsed.origin;
    // The full origin first (with its scheme), then the bare host[:port] as error messages write it.
    for (const form of [origin, parsed.host]) {
      if (!form) continue;
      out = out.split(form).join(name);
    }
  }
  return out;
}
