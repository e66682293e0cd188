import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { assertPublicHost, nonPublicKind, parseIPv4, parseIPv6, type LookupAll } from "./addresses";

/*
 * Outbound requests reach public addresses only (the configured endpoints excepted). Hostile
 * hosts come in every spelling a resolver accepts: each row is one, with what it really is.
 */
const HOSTILE: [string, string][] = [
  ["127.0.0.1", "loopback"],
  ["127.255.255.254", "loopback"],
  ["2130706433", "loopback"], // 127.0.0.1 as one decimal number
  ["0x7f000001", "loopback"],
  ["0x7f.1", "loopback"],
  ["0177.0.0.1", "loopback"], // octal
  ["0177.0.0.01", "loopback"],
  ["127.1", "loopback"],
  ["127.0.1", "loopback"],
  ["127.0.0.1.", "loopback"], // trailing dot
  ["0", "unspecified"],
  ["0.0.0.0", "unspecified"],
  ["0x0", "unspecified"],
  ["10.0.0.1", "private"],
  ["012.0.0.1", "private"], // octal 10.0.0.1
  ["167772161", "private"], // 10.0.0.1
  ["172.16.0.1", "private"],
  ["172.31.255.255", "private"],
  ["192.168.1.1", "private"],
  ["0xc0.0xa8.1.1", "private"],
  ["100.64.0.1", "carrier-grade NAT"],
  ["100.127.255.255", "carrier-grade NAT"],
  ["169.254.169.254", "link-local"], // cloud metadata
  ["0xa9.0xfe.0xa9.0xfe", "link-local"],
  ["2852039166", "link-local"], // 169.254.169.254
  ["224.0.0.1", "multicast"],
  ["255.255.255.255", "reserved"],
  ["192.0.2.10", "reserved"],
  ["198.18.0.1", "reserved"],
  ["::1", "loopback"],
  ["[::1]", "loopback"],
  ["0:0:0:0:0:0:0:1", "loopback"],
  ["::", "unspecified"],
  ["[::]", "unspecified"],
  ["::ffff:127.0.0.1", "loopback"],
  ["[::ffff:7f00:1]", "loopback"],
  ["::ffff:10.1.2.3", "private"],
  ["::ffff:169.254.169.254", "link-local"],
  ["::ffff:0:192.168.0.1", "private"], // IPv4-translated
  ["::127.0.0.1", "loopback"], // IPv4-compatible (deprecated)
  ["64:ff9b::a9fe:a9fe", "link-local"], // NAT64 of 169.254.169.254
  ["2002:7f00:1::", "loopback"], // 6to4 of 127.0.0.1
  ["2002:c0a8:101::1", "private"],
  ["fe80::1", "link-local"],
  ["[fe80::1%25eth0]", "link-local"],
  ["fe80::1%eth0", "link-local"],
  ["febf::1", "link-local"],
  ["fc00::1", "unique-local"],
  ["fd12:3456:789a::1", "unique-local"],
  ["fec0::1", "private"], // site-local
  ["ff02::1", "multicast"],
  ["2001:db8::1", "reserved"],
  ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "reserved"], // Teredo
];

const PUBLIC = ["8.8.8.8", "1.1.1.1", "172.32.0.1", "172.15.255.255", "100.128.0.1", "100.63.255.255", "169.255.0.1", "11.0.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8", "2002:808:808::1", "64:ff9b::808:808", "huggingface.co", "0x7f.example"];

const fakeDns =
  (answers: Record<string, string[]>): LookupAll =>
  async (hostname) => {
    const list = answers[hostname];
    if (!list) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return list.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("non-public addresses", () => {
  it.each(HOSTILE)("%s is %s", (host, kind) => {
    expect(nonPublicKind(host)).toBe(kind);
  });

  it.each(PUBLIC)("%s is public (or a name)", (host) => {
    expect(nonPublicKind(host)).toBeNull();
  });

  it("reads IPv4 hosts as resolvers do, and refuses what is not one", () => {
    expect(parseIPv4("2130706433")).toBe(0x7f000001);
    expect(parseIPv4("0x7f.1")).toBe(0x7f000001);
    expect(parseIPv4("1.2.3.4")).toBe(0x01020304);
    expect(parseIPv4("1.2.3.256")).toBeNull();
    expect(parseIPv4("1.2.65536")).toBeNull();
    expect(parseIPv4("4294967296")).toBeNull();
    expect(parseIPv4("08.1.1.1")).toBeNull();
    expect(parseIPv4("1.2.3.4.5")).toBeNull();
    expect(parseIPv4("example.com")).toBeNull();
    expect(parseIPv6("::ffff:1.2.3.4")).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 1, 2, 3, 4]);
    expect(parseIPv6("1::")).toEqual([0, 1, ...Array(14).fill(0)]);
    expect(parseIPv6("1:2:3:4:5:6:7:8:9")).toBeNull();
  });

  it("agrees with the URL parser's reading of the same hosts", () => {
    for (const host of ["2130706433", "0x7f.1", "0177.0.0.1", "127.1", "[::ffff:127.0.0.1]", "[0:0:0:0:0:ffff:7f00:1]"]) {
      expect(nonPublicKind(new URL(`http://${host}/`).hostname), host).toBe("loopback");
    }
  });
});

describe("assertPublicHost", () => {
  const none = { exemptHosts: [] as string[] };

  it("refuses a literal non-public address without asking the resolver", async () => {
    const lookup = fakeDns({});
    for (const [host, kind] of HOSTILE) {
      const error = await refusal(assertPublicHost(host, { ...none, lookup }));
      expect([error.code, error.message]).toEqual(["forbidden", expect.stringContaining(`it is a ${kind} address`)]);
    }
  });

  it("resolves a name and refuses it when any of its addresses is not public (rebinding-style answers too)", async () => {
    const lookup = fakeDns({
      "localhost": ["127.0.0.1", "::1"],
      "metadata.example": ["169.254.169.254"],
      "mixed.example": ["93.184.216.34", "10.0.0.5"],
      "mapped.example": ["::ffff:192.168.0.10"],
      "ula.example": ["fd00::5"],
      "good.example": ["93.184.216.34", "2606:2800:220:1::248"],
    });
    for (const [host, kind] of [["localhost", "loopback"], ["metadata.example", "link-local"], ["mixed.example", "private"], ["mapped.example", "private"], ["ula.example", "unique-local"], ["LOCALHOST.", "loopback"]]) {
      const error = await refusal(assertPublicHost(host!, { ...none, lookup: async (h) => lookup(h.toLowerCase()) }));
      expect([error.code, error.message], host).toEqual(["forbidden", expect.stringContaining(`it resolves to a ${kind} address`)]);
    }
    await expect(assertPublicHost("good.example", { ...none, lookup })).resolves.toBeUndefined();
    await expect(assertPublicHost("8.8.8.8", { ...none, lookup })).resolves.toBeUndefined();
    await expect(assertPublicHost("nowhere.example", { ...none, lookup })).rejects.toThrow(/ENOTFOUND/);
  });

  it("lets the configured endpoints' own hosts be local (a mirror, the tests' fake Hub), and nothing else", async () => {
    const lookup = fakeDns({ "hub.internal": ["10.1.1.1"], "other.internal": ["10.1.1.2"] });
    const options = { exemptHosts: ["127.0.0.1", "hub.internal", "[::1]"], lookup };
    await expect(assertPublicHost("127.0.0.1", options)).resolves.toBeUndefined();
    await expect(assertPublicHost("HUB.internal.", options)).resolves.toBeUndefined();
    await expect(assertPublicHost("[::1]", options)).resolves.toBeUndefined();
    expect((await refusal(assertPublicHost("127.0.0.2", options))).code).toBe("forbidden");
    expect((await refusal(assertPublicHost("other.internal", options))).code).toBe("forbidden");
    expect((await refusal(assertPublicHost("0.0.0.0", options))).code).toBe("forbidden");
  });
});
