import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { MAX_KEY_LENGTH } from "@/lib/limits";
import { arxivKeyArb, corpusKeyArb, FUZZ_SEED, fuzzRuns, githubKeyArb, hostileString, hubKeyArb, nastyString, SPECIAL_STRINGS, validKeyArb, webKeyArb } from "@/test-support/server/fuzz/arbitraries";
import { keyFromRoute, keySuffixFromRoute } from "@/lib/validation/key";
import { displayNameFor, externalUrl, formatKey, isValidKey, keyFromName, keyFromPathSegments, keyFromUrl, keyToPath, normalizeKey, parseKey } from "./keys";

// Property-based tests of lib/keys.ts: generated well-formed keys of every scheme round-trip
// through parseKey/formatKey and the route path helpers; arbitrary strings never make a key
// function throw, and whatever a function calls a key is one.

const RUNS = 2000;
const options = { seed: FUZZ_SEED, numRuns: RUNS };
let checked = 0;

/** Anything a person, a file or an attacker might hand the key functions. */
const anyString = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 60 }) },
  { weight: 2, arbitrary: validKeyArb.chain((key) => fc.tuple(fc.nat(key.length), nastyString(3)).map(([at, junk]) => key.slice(0, at) + junk + key.slice(at))) },
  { weight: 1, arbitrary: fc.constantFrom(...SPECIAL_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom("a", "/", ":", ".", "-", "_", "%", "A", "1"), maxLength: 12 }) },
);

afterAll(() => console.log(`[keys.fuzz] ${checked} generated inputs checked`));

function property<T>(arb: fc.Arbitrary<T>, predicate: (value: T) => void, runs = RUNS) {
  fc.assert(
    fc.property(arb, (value) => {
      checked += 1;
      predicate(value);
    }),
    { ...options, numRuns: fuzzRuns(runs) },
  );
}

describe("generated valid keys", () => {
  it.each([
    ["Hub", hubKeyArb, "HUB"],
    ["GitHub", githubKeyArb, "GITHUB"],
    ["arXiv", arxivKeyArb, "ARXIV"],
    ["web", webKeyArb, "WEB"],
    ["corpus", corpusKeyArb, "CORPUS"],
  ] as const)("%s keys parse to their scheme and format back to themselves", (_name, arb, scheme) => {
    property(arb, (key) => {
      const parsed = parseKey(key);
      expect(parsed, key).not.toBeNull();
      expect(parsed!.scheme).toBe(scheme);
      expect(formatKey(parsed!)).toBe(key);
      expect(isValidKey(key)).toBe(true);
    }, 500);
  });

  it("round-trip through keyToPath and keyFromPathSegments (still-encoded segments)", () => {
    property(validKeyArb, (key) => {
      const path = keyToPath(key);
      expect(path.split("/").every((s) => s.length > 0 && !/[\s?#]/.test(s)), path).toBe(true);
      expect(keyFromPathSegments(path.split("/"))).toBe(key);
    });
  });

  it("round-trip through keyFromRoute as Next hands the segments over (decoded), in any case", () => {
    property(fc.tuple(validKeyArb, fc.constantFrom("same", "lower", "upper")), ([key, how]) => {
      // Old-style arXiv ids name their subject class in capitals (math.GT/0309136) and the
      // pattern demands them, so another casing of such a key is no key at all (see the report).
      if (how !== "same" && /^arxiv:[a-z-]+\.[A-Z]{2}\//.test(key)) return;
      const given = how === "lower" ? key.toLowerCase() : how === "upper" ? key.toUpperCase() : key;
      const routed = keyFromRoute(given.split("/"));
      expect(normalizeKey(routed)).toBe(normalizeKey(key));
      if (how === "same") expect(routed).toBe(key);
    });
  });

  it("are never mistaken for a key with a route suffix, and a suffix after them is found", () => {
    property(fc.tuple(validKeyArb, fc.constantFrom("contamination", "analysis", "redundancy", "similar", "licences")), ([key, suffix]) => {
      expect(keySuffixFromRoute(key.split("/"))).toBeNull();
      const withSuffix = [...key.split("/"), suffix];
      // A Hub key plus a suffix can itself be no key (three segments), so the suffix form applies.
      if (!parseKey(withSuffix.join("/"))) expect(keySuffixFromRoute(withSuffix)).toEqual({ key, suffix });
    });
  });

  it("normalise idempotently, and keys equal up to case normalise alike", () => {
    property(validKeyArb, (key) => {
      const norm = normalizeKey(key);
      expect(normalizeKey(norm)).toBe(norm);
      expect(normalizeKey(key.toUpperCase())).toBe(norm);
      expect(norm.length).toBe(key.length);
    });
  });

  it("keep their identity through keyFromName, and give a display name and (but for corpus keys) an external URL", () => {
    property(validKeyArb, (key) => {
      const parsed = parseKey(key)!;
      // A Hub id whose owner looks like a host name (a.b/c) reads as a web address first.
      if (!(parsed.scheme === "HUB" && /^(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(parsed.owner))) expect(keyFromName(key)?.key).toBe(key);
      else expect([key, `web:${key.toLowerCase().replace(/^www\./, "").split("/")[0]}/${parsed.name}`]).toContain(keyFromName(key)?.key);
      expect(displayNameFor(parsed).length).toBeGreaterThan(0);
      const url = externalUrl(key);
      if (parsed.scheme === "CORPUS") expect(url).toBeNull();
      // A web host whose last label is a number (web:aa.77) is no URL host (WHATWG reads it as IPv4); see the report.
      else if (!(parsed.scheme === "WEB" && /\.(\d+|0x[0-9a-f]*)$/i.test(parsed.host))) expect(() => new URL(url!)).not.toThrow();
    });
  });
});

describe("found by fuzzing", () => {
  it.each(["https://github.com/a/%zz", "https://huggingface.co/datasets/%E0/x", "a.a/%", "example.com/100%"])("keyFromName(%j) gives a key or null, never throws", (name) => {
    const made = keyFromName(name);
    if (made) expect(parseKey(made.key)).not.toBeNull();
  });
});

describe("arbitrary strings", () => {
  it("never make a key function throw", () => {
    property(anyString, (input) => {
      parseKey(input);
      isValidKey(input);
      normalizeKey(input);
      // keyFromName is used on names from import files and model output: null, never a throw.
      keyFromName(input);
      keyFromPathSegments(input.split("/"));
      keyFromPathSegments([input]);
      // keyToPath encodes with encodeURIComponent, which throws on a lone surrogate; keys never hold one.
      if (input.isWellFormed()) keyToPath(input);
    }, 4000);
  });

  it("parse only to keys that format back to the same string, within the length limit", () => {
    property(anyString, (input) => {
      const parsed = parseKey(input);
      if (!parsed) return;
      expect(formatKey(parsed)).toBe(input);
      expect(input.length).toBeLessThanOrEqual(MAX_KEY_LENGTH);
      expect(input).not.toMatch(/[\u0000-\u001f\u007f\s]/);
    }, 4000);
  });

  it("turned into keys by keyFromName, keyFromUrl and keyFromPathSegments give valid keys", () => {
    property(anyString, (input) => {
      // keyFromUrl throws URIError on a malformed %-escape (lib/lineage-io/dpi.ts guards it); keyFromName must not.
      let fromUrl: ReturnType<typeof keyFromUrl> = null;
      try {
        fromUrl = keyFromUrl(input);
      } catch (error) {
        expect(error).toBeInstanceOf(URIError);
      }
      for (const made of [keyFromName(input), fromUrl]) {
        if (!made) continue;
        expect(parseKey(made.key), `${JSON.stringify(input)} → ${made.key}`).not.toBeNull();
        expect(parseKey(made.key)!.scheme).toBe(made.scheme);
      }
      const routed = keyFromPathSegments(input.split("/"));
      if (routed) expect(parseKey(routed)).not.toBeNull();
    }, 4000);
  });

  it("given to keyFromRoute give a key or an AppError bad_request:key, nothing else", () => {
    property(fc.array(anyString, { maxLength: 4 }), (segments) => {
      let key: string;
      try {
        key = keyFromRoute(segments);
      } catch (error) {
        expect((error as { code?: string }).code, String(error)).toBe("bad_request:key");
        expect((error as Error).message.length).toBeLessThan(400);
        return;
      }
      expect(parseKey(key) ?? parseKey(normalizeKey(key)), `${JSON.stringify(segments)} → ${key}`).not.toBeNull();
    }, 4000);
  });
});
