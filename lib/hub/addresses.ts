/**
 * Outbound requests never reach this machine or the network it sits in: a host that is, or
 * resolves to, a loopback, private, link-local, carrier-grade NAT, unique-local, unspecified,
 * multicast or otherwise reserved address is refused — unless it is one of the endpoints the
 * operator configured (HF_ENDPOINT: a local mirror or the tests' fake Hub). Hosts are read the
 * way resolvers read them, so 2130706433, 0x7f.1, 0177.0.0.1 and ::ffff:127.0.0.1 are all
 * 127.0.0.1; names are resolved (every address) and each answer is checked.
 */
import { lookup as dnsLookup } from "node:dns/promises";
import { isIPv6 } from "node:net";
import { AppError } from "@/lib/errors";

export type AddressKind = "loopback" | "private" | "link-local" | "carrier-grade NAT" | "unique-local" | "unspecified" | "multicast" | "reserved";

export type LookupAll = (hostname: string) => Promise<{ address: string; family: number }[]>;

const systemLookup: LookupAll = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** One IPv4 part as inet_aton reads it: 0x hex, leading-zero octal, else decimal; null if not a number. */
function ipv4Part(part: string): number | null {
  if (/^0x[0-9a-f]*$/i.test(part)) return part.length === 2 ? 0 : parseInt(part.slice(2), 16);
  if (/^0[0-7]+$/.test(part)) return parseInt(part.slice(1), 8);
  if (/^(0|[1-9][0-9]*)$/.test(part)) return Number(part);
  return null;
}

/** The 32-bit value of an IPv4 host in any form a resolver accepts (127.1, 2130706433, 0x7f.0.0.1 …), else null. */
export function parseIPv4(host: string): number | null {
  const parts = host.replace(/\.$/, "").split(".");
  if (parts.length < 1 || parts.length > 4 || parts.some((p) => p === "")) return null;
  const values = parts.map(ipv4Part);
  if (values.some((v) => v === null || !Number.isSafeInteger(v))) return null;
  const nums = values as number[];
  const last = nums.pop()!;
  if (nums.some((v) => v > 255) || last >= 256 ** (4 - nums.length)) return null;
  return nums.reduce((acc, v, i) => acc + v * 256 ** (3 - i), 0) + last;
}

/** The 16 bytes of an IPv6 literal (brackets and a zone id allowed), else null. */
export function parseIPv6(host: string): number[] | null {
  const text = host.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  if (!isIPv6(text)) return null;
  let head = text;
  const tail: number[] = [];
  const v4 = text.match(/^(.*:)(\d+\.\d+\.\d+\.\d+)$/);
  if (v4) {
    head = v4[1]!.endsWith("::") ? v4[1]! : v4[1]!.slice(0, -1);
    const n = parseIPv4(v4[2]!)!;
    tail.push(n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255);
  }
  const groups = (s: string) => (s ? s.split(":").map((g) => parseInt(g, 16)) : []);
  const [left, right] = head.includes("::") ? head.split("::") : [head, undefined];
  const leftGroups = groups(left!);
  const rightGroups = right === undefined ? [] : groups(right);
  const missing = 8 - tail.length / 2 - leftGroups.length - rightGroups.length;
  const all = [...leftGroups, ...Array<number>(right === undefined ? 0 : missing).fill(0), ...rightGroups];
  const bytes = all.flatMap((g) => [g >> 8, g & 255]).concat(tail);
  return bytes.length === 16 ? bytes : null;
}

function inV4(n: number, base: string, bits: number): boolean {
  const b = parseIPv4(base)!;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return ((n & mask) >>> 0) === ((b & mask) >>> 0);
}

const V4_RANGES: [string, number, AddressKind][] = [
  ["0.0.0.0", 8, "unspecified"],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "carrier-grade NAT"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link-local"],
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "reserved"],
  ["192.0.2.0", 24, "reserved"],
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "reserved"],
  ["198.51.100.0", 24, "reserved"],
  ["203.0.113.0", 24, "reserved"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved"],
];

function kindOfV4(n: number): AddressKind | null {
  return V4_RANGES.find(([base, bits]) => inV4(n, base, bits))?.[2] ?? null;
}

const v4At = (b: number[], i: number) => ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;
const zero = (b: number[], from: number, to: number) => b.slice(from, to).every((x) => x === 0);

function kindOfV6(b: number[]): AddressKind | null {
  if (zero(b, 0, 16)) return "unspecified";
  if (zero(b, 0, 15) && b[15] === 1) return "loopback";
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-translated and the old IPv4-compatible form (::a.b.c.d): the IPv4 address decides.
  if (zero(b, 0, 10) && ((b[10] === 0xff && b[11] === 0xff) || (b[10] === 0 && b[11] === 0))) return kindOfV4(v4At(b, 12));
  if (zero(b, 0, 8) && b[8] === 0xff && b[9] === 0xff && zero(b, 10, 12)) return kindOfV4(v4At(b, 12)); // IPv4-translated
  // NAT64 (64:ff9b::/96) carries an IPv4 address; 6to4 (2002::/16) one in bits 16-47.
  if (b[0] === 0 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b) return zero(b, 4, 12) ? kindOfV4(v4At(b, 12)) : "reserved";
  if (b[0] === 0x20 && b[1] === 0x02) return kindOfV4(v4At(b, 2));
  if (b[0] === 0x20 && b[1] === 0x01 && (zero(b, 2, 4) || (b[2] === 0x0d && b[3] === 0xb8))) return "reserved"; // Teredo, documentation
  if (b[0] === 0x01 && zero(b, 1, 8)) return "reserved"; // discard-only 100::/64
  if ((b[0]! & 0xfe) === 0xfc) return "unique-local";
  if (b[0] === 0xfe && (b[1]! & 0xc0) === 0x80) return "link-local";
  if (b[0] === 0xfe && (b[1]! & 0xc0) === 0xc0) return "private"; // site-local, deprecated
  if (b[0] === 0xff) return "multicast";
  return null;
}

/** What kind of non-public address this literal is; null for a public address or a host name. */
export function nonPublicKind(address: string): AddressKind | null {
  const v4 = parseIPv4(address);
  if (v4 !== null) return kindOfV4(v4);
  const v6 = parseIPv6(address);
  return v6 ? kindOfV6(v6) : null;
}

/** A host (URL.hostname form) as compared with the exempt endpoints: lowercase, no brackets, no trailing dot. */
export function bareHost(hostname: string): string {
  return hostname.toLowerCase().replace(/^\[|\]$/g, "").replace(/\.$/, "");
}

export type OutboundCheckOptions = {
  /** Host names (no port) of the configured endpoints, which may be on this machine or network. */
  exemptHosts: readonly string[];
  lookup?: LookupAll;
};

/**
 * Refuses (AppError "forbidden") a host that is, or resolves to, a non-public address. A name
 * that does not resolve rejects with the resolver's error (a network failure, retried as one).
 */
export async function assertPublicHost(hostname: string, options: OutboundCheckOptions): Promise<void> {
  const host = bareHost(hostname);
  if (options.exemptHosts.some((h) => bareHost(h) === host)) return;
  const refuse = (kind: AddressKind, how: string) => new AppError("forbidden", `Outbound request to ${hostname} refused: ${how} a ${kind} address, and only public addresses may be reached`);
  const literal = nonPublicKind(host);
  if (literal) throw refuse(literal, "it is");
  if (parseIPv4(host) !== null || parseIPv6(host)) return;
  const answers = await (options.lookup ?? systemLookup)(host);
  if (!answers.length) throw new AppError("unavailable", `${hostname} has no address`);
  for (const { address } of answers) {
    const kind = nonPublicKind(address);
    if (kind) throw refuse(kind, "it resolves to");
  }
}
