import { NextResponse, type NextRequest } from "next/server";
import { BROKEN_PATH_MESSAGE, hasBrokenEscape } from "@/lib/http/path";
import { RAW_QUERY_HEADER } from "@/lib/http/raw-query";

/** Turns paths Next would answer with a bare 500 (broken % escapes) into a helpful 400. */
export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (!hasBrokenEscape(pathname)) return passRawQuery(request);
  const headers = { "Cache-Control": "no-store" };
  if (pathname.startsWith("/api/")) {
    return NextResponse.json({ error: { code: "bad_request:key", message: BROKEN_PATH_MESSAGE } }, { status: 400, headers });
  }
  const dataset = pathname.startsWith("/datasets/");
  const title = dataset ? "That is not a dataset key" : "That address is broken";
  const message = dataset ? BROKEN_PATH_MESSAGE : "The address contains a broken % escape sequence.";
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} · Rootline</title></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem"><h1>${title}</h1><p>${message}</p><p><a href="/">Search for a dataset</a></p></body></html>`;
  return new NextResponse(html, { status: 400, headers: { ...headers, "Content-Type": "text/html; charset=utf-8" } });
}

function passRawQuery(request: NextRequest) {
  if (!request.nextUrl.pathname.startsWith("/datasets/")) return NextResponse.next();
  const headers = new Headers(request.headers);
  headers.set(RAW_QUERY_HEADER, request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Every route whose path carries a key or an id: a broken escape there must be a 400, not Next's 500.
  matcher: ["/api/:path*", "/datasets/:path*", "/s/:path*", "/runs/:path*"],
};
