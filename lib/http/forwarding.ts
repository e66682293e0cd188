import { BlockList, isIP } from "node:net";

/**
 * Whose forwarding headers to believe. Rate limits and the "is this request local?" check read
 * the client's address from X-Forwarded-For, which any client can write; only the server sees
 * the socket. So the server (scripts/serve.ts) rewrites the headers before the app reads them:
 * the address becomes the socket's, unless ROOTLINE_TRUST_PROXY names the proxies in front —
 * a hop count ("1": one proxy, e.g. nginx on this machine) or a list of addresses and CIDR
 * ranges ("10.0.0.0/8, 127.0.0.1") — in which case the address is the first one, counting from
 * the socket back along X-Forwarded-For, that is not a trusted proxy.
 */

export type TrustProxy = { kind: "none" } | { kind: "hops"; hops: number } | { kind: "list"; list: BlockList; text: string };

export function parseTrustProxy(raw: string | undefined): TrustProxy {
  const text = raw?.trim() ?? "";
  if (!text || text === "0" || text.toLowerCase() === "false") return { kind: "none" };
  if (/^\d+$/.test(text)) return { kind: "hops", hops: Math.min(Number(text), 32) };
  const list = new BlockList();
  for (const part of text.split(",").map((p) => p.trim()).filter(Boolean)) {
    const [address, bits] = part.split("/");
    const family = isIP(address ?? "");
    if (!family) throw new Error(`ROOTLINE_TRUST_PROXY: "${part}" is neither an address nor a CIDR range (e.g. 10.0.0.0/8, 127.0.0.1, or a hop count like 1).`);
    const type = family === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(address!, type);
    else {
      const prefix = Number(bits);
      if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32)) throw new Error(`ROOTLINE_TRUST_PROXY: "${part}" has a bad prefix length.`);
      list.addSubnet(address!, prefix, type);
    }
  }
  return { kind: "list", list, text };
}

/** "::ffff:127.0.0.1" → "127.0.0.1"; brackets and ports dropped. */
function plainAddress(value: string): string {
  let v = value.trim();
  if (v.startsWith("[")) v = v.slice(1, v.indexOf("]"));
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(v)) v = v.slice(0, v.lastIndexOf(":"));
  return v.toLowerCase().startsWith("::ffff:") && isIP(v.slice(7)) === 4 ? v.slice(7) : v;
}

function trusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 6 ? "ipv6" : "ipv4");
}

/** The client's address, from the socket's and the X-Forwarded-For chain as `trust` allows. */
export function clientAddress(socketAddress: string, forwardedFor: string | undefined, trust: TrustProxy): string {
  const socket = plainAddress(socketAddress);
  if (trust.kind === "none") return socket;
  const chain = (forwardedFor ?? "").split(",").map(plainAddress).filter((a) => isIP(a) !== 0);
  // Nearest first: the socket, then each hop X-Forwarded-For recorded, from the right.
  const hops = [socket, ...chain.reverse()];
  if (trust.kind === "hops") return hops[Math.min(trust.hops, hops.length - 1)]!;
  return hops.find((a) => !trusted(trust.list, a)) ?? hops.at(-1)!;
}

const FORWARDING_HEADERS = ["x-forwarded-for", "x-real-ip", "forwarded", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port"];

/**
 * Headers only the server writes (any copy a client sends is replaced): the client's address as
 * decided above, and whether the request comes from this machine itself, judged from the socket.
 */
export const CLIENT_HEADER = "x-rootline-client";
export const LOCAL_HEADER = "x-rootline-local";

/** 127.0.0.0/8 and ::1 (plain or IPv4-mapped). */
export function isLoopbackIp(address: string): boolean {
  const ip = plainAddress(address);
  if (ip === "::1" || ip === "0:0:0:0:0:0:0:1") return true;
  return isIP(ip) === 4 && ip.startsWith("127.");
}

/**
 * Rewrites a request's forwarding headers in place: X-Forwarded-For becomes the one client
 * address `clientAddress` decides; the other forwarding headers are kept only when they came
 * through a trusted proxy (the socket is one), and dropped otherwise. Then stamps
 * CLIENT_HEADER and LOCAL_HEADER. "Local" needs a loopback client and no forwarding headers
 * from an untrusted hop: a proxy on this machine that was not declared in ROOTLINE_TRUST_PROXY
 * connects from loopback but speaks for someone else, so its requests are not local.
 */
export function applyForwarding(headers: Record<string, string | string[] | undefined>, socketAddress: string, trust: TrustProxy): void {
  const forwardedFor = [headers["x-forwarded-for"]].flat().filter(Boolean).join(",");
  const client = clientAddress(socketAddress, forwardedFor || undefined, trust);
  const viaProxy = trust.kind === "hops" ? trust.hops > 0 : trust.kind === "list" && trusted(trust.list, plainAddress(socketAddress));
  const untrustedForwarding = !viaProxy && FORWARDING_HEADERS.some((name) => headers[name] !== undefined);
  for (const name of FORWARDING_HEADERS) if (!viaProxy || name === "x-forwarded-for" || name === "x-real-ip" || name === "forwarded") delete headers[name];
  headers["x-forwarded-for"] = client;
  headers[CLIENT_HEADER] = client;
  headers[LOCAL_HEADER] = isLoopbackIp(client) && !untrustedForwarding ? "1" : "0";
}
