import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, newNonce } from "@/lib/http/csp";
import { BROKEN_PATH_MESSAGE, hasBrokenEscape } from "@/lib/http/path";
import { RAW_QUERY_HEADER } from "@/lib/http/raw-query";
import { keyFromRoute } from "@/lib/validation/key";

/**
 * Runs before every route: paths Next would answer with a bare 500 (broken % escapes) become a
 * helpful 400, and every page gets a Content-Security-Policy with a nonce of its own (set on
 * the request too, which is where Next reads the nonce for its scripts).
 */
export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (hasBrokenEscape(pathname)) return brokenPath(pathname);
  const headers = new Headers(request.headers);
  if (pathname.startsWith("/datasets/")) headers.set(RAW_QUERY_HEADER, request.nextUrl.search);
  if (pathname.startsWith("/api/")) return NextResponse.next({ request: { headers } });
  const csp = contentSecurityPolicy({ nonce: newNonce(), dev: process.env.NODE_ENV === "development" });
  headers.set("Content-Security-Policy", csp);
  // The dataset page explains a malformed key itself; the status says so too (Next cannot set
  // a 400 from a page, but it keeps the one the proxy gives the response it goes on to render).
  const status = pathname.startsWith("/datasets/") && !isDatasetKeyPath(pathname) ? 400 : undefined;
  const response = NextResponse.next({ request: { headers }, status });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

/** Whether `/datasets/…` names a well-formed key, judged as the page judges it (lib/validation/key.ts). */
function isDatasetKeyPath(pathname: string): boolean {
  try {
    keyFromRoute(pathname.slice("/datasets/".length).split("/").filter(Boolean));
    return true;
  } catch {
    return false;
  }
}

function brokenPath(pathname: string) {
  const headers = { "Cache-Control": "no-store" };
  if (pathname.startsWith("/api/")) {
    return NextResponse.json({ error: { code: "bad_request:key", message: BROKEN_PATH_MESSAGE } }, { status: 400, headers });
  }
  const dataset = pathname.startsWith("/datasets/");
  const title = dataset ? "That is not a dataset key" : "That address is broken";
  const message = dataset ? BROKEN_PATH_MESSAGE : "The address contains a broken % escape sequence.";
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} · Rootline</title></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem"><h1>${title}</h1><p>${message}</p><p><a href="/">Search for a dataset</a></p></body></html>`;
  return new NextResponse(html, { status: 400, headers: { ...headers, "Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'" } });
}

export const config = {
  // Everything but Next's static files (hashed, immutable, no HTML) and the icons.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt|og.png).*)"],
};
