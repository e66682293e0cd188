import "server-only";
import { CLIENT_HEADER, isLoopbackIp, LOCAL_HEADER } from "@/lib/http/forwarding";

/**
 * The single-user install: with no accounts configured (ROOTLINE_AUTH_SECRET unset) the server
 * binds to 127.0.0.1 and whoever uses it on this machine is its admin. "On this machine" is
 * decided by the server from the socket (scripts/serve.ts stamps LOCAL_HEADER on every request,
 * replacing any copy a client sent), never from Host or forwarding headers alone. The Host must
 * also name this machine: a page on another site whose name was rebound to 127.0.0.1 reaches the
 * socket from the visitor's own browser, but its requests carry the attacker's host name.
 */

/** `127.0.0.1`, `::1`, `::ffff:127.0.0.1` (IPv4-mapped), with or without brackets: the server's own rule (lib/http/forwarding.ts). */
export function isLoopbackAddress(address: string): boolean {
  return isLoopbackIp(address.trim());
}

/** A Host header value (`name[:port]`, `[v6][:port]`) that names this machine. */
export function isLoopbackHost(host: string): boolean {
  const value = host.trim().toLowerCase();
  const name = value.startsWith("[") ? value.slice(0, value.indexOf("]") + 1) : value.replace(/:\d*$/, "");
  if (!name) return false;
  return name === "localhost" || isLoopbackAddress(name);
}

/** The server's stamp says the socket is this machine's, and the Host names this machine. */
export function isLocalRequest(headers: Headers): boolean {
  if (headers.get(LOCAL_HEADER) !== "1") return false;
  const host = headers.get("host");
  return host !== null && isLoopbackHost(host);
}

/** The client's address as the server decided it ("unknown" when not served by scripts/serve.ts). */
export function clientAddressOf(headers: Headers): string {
  return headers.get(CLIENT_HEADER)?.trim() || "unknown";
}
