import { AppError } from "@/lib/errors";

export { MAX_BODY_BYTES } from "@/lib/limits";

/**
 * A request's JSON body, read at most `limit` bytes far: a larger body is refused with 413
 * before it is buffered whole (Content-Length is checked first, then the stream is counted,
 * since a client can omit or lie about the header). Malformed JSON is a 400 showing `example`.
 */
export async function readJsonBody(request: Request, limit: number, example: string): Promise<unknown> {
  const text = await readTextBody(request, limit);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("bad_request:body", `The body must be JSON, e.g. ${example}.`);
  }
}

/**
 * Refuse (415) a request whose Content-Type is not JSON before reading its body: a form or
 * text/plain post is not what a JSON route takes, whatever the bytes happen to be.
 */
export function requireJsonContentType(request: Request, example: string): void {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "application/json") return;
  const got = type ? `Content-Type ${type.length > 60 ? `${type.slice(0, 57)}…` : type}` : "no Content-Type";
  throw new AppError("unsupported_media_type", `Send the body as JSON with Content-Type: application/json (got ${got}), e.g. ${example}.`);
}

/** A request's body as text, at most `limit` bytes (413 beyond, before it is buffered whole). */
export async function readTextBody(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const reader = request.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => {});
        throw tooLarge(limit);
      }
      chunks.push(value);
    }
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

function tooLarge(limit: number): AppError {
  return new AppError("too_large", `The body is larger than ${Math.round(limit / 1024)} KiB.`);
}
