/**
 * The Content Security Policy of every page, with a fresh nonce per request. Next puts the nonce
 * on its own scripts (it reads it from the request's CSP header, set by proxy.ts), and
 * 'strict-dynamic' lets those scripts load the page's chunks; nothing else runs: no inline
 * script, no eval, no other origin. Styles allow inline attributes (React's style props and
 * Cytoscape set them; a style cannot run code). Downloads are made from blob: URLs.
 * In development React needs eval and the dev server a websocket.
 */
export function contentSecurityPolicy({ nonce, dev = false }: { nonce: string; dev?: boolean }): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'", ...(dev ? ["ws:"] : [])],
    "worker-src": ["'self'", "blob:"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "object-src": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join("; ");
}

/** A nonce: 128 random bits, base64 (what CSP expects). */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
