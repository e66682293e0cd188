import fc from "fast-check";

/**
 * fast-check arbitraries for hostile input: strings, JSON texts, node keys, query strings
 * and request headers. No server imports, so unit tests can use them too.
 *
 * JSON bodies are built as trees of already-serialised leaves (`Json`), so a body can hold
 * what JSON.stringify never writes: numbers like 1e309 or -0, escaped lone surrogates and
 * NULs, duplicate and `__proto__` keys, and nesting deeper than any stack.
 */

/**
 * One fixed seed for every fuzz file, so a failure reproduces. To explore further, run with
 * FUZZ_SEED=<n> (another seed) and FUZZ_SCALE=<k> (k times the runs of every property).
 */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED) || 20261207;
const SCALE = Number(process.env.FUZZ_SCALE) > 0 ? Number(process.env.FUZZ_SCALE) : 1;

/** A property's number of runs, scaled by FUZZ_SCALE. */
export const fuzzRuns = (runs: number): number => Math.max(1, Math.round(runs * SCALE));

// ---------------------------------------------------------------------------------------
// Strings

/** Strings that have broken parsers, validators and databases before. */
export const SPECIAL_STRINGS: readonly string[] = [
  "",
  " ",
  "\t\n",
  "\u0000",
  "a\u0000b",
  "\u0001\u001f\u007f",
  "\ud800",
  "\udfff",
  "x\ud83d",
  "\udc00y",
  "\ud83e\uddee",
  "\u202e\u202d",
  "\ufeff",
  "\u00a0",
  "\u0301",
  "e\u0301",
  "ǅ",
  "ß",
  "İ",
  "Ⅻ",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "valueOf",
  "__defineGetter__",
  "null",
  "undefined",
  "true",
  "NaN",
  "Infinity",
  "-Infinity",
  "1e309",
  "-1e309",
  "-0",
  "0x10",
  "1_000",
  " 1",
  "1 ",
  "01",
  "1.",
  ".5",
  "1e-400",
  "9007199254740993",
  "2147483648",
  "-2147483649",
  "%",
  "%2",
  "%zz",
  "%00",
  "%2F",
  "%252F",
  "%C0%AF",
  "%ED%A0%80",
  "%E0%A4%A",
  "%FF%FE",
  "%_",
  "_%",
  "\\",
  "\\\\",
  "'",
  "\"",
  "`",
  "'; DROP TABLE dataset; --",
  "\" OR 1=1 --",
  "$1",
  "${jndi:ldap://x}",
  "{{7*7}}",
  "<script>alert(1)</script>",
  "../../etc/passwd",
  "..",
  ".",
  "/",
  "//",
  "a//b",
  "a/b/",
  "/a/b",
  "a/b/c",
  ":",
  "::",
  "corpus:",
  "github:",
  "web:",
  "arxiv:",
  "ftp:x/y",
  "https://huggingface.co/datasets/openai/gsm8k",
  "javascript:alert(1)",
  "data:text/html,x",
  "file:///etc/passwd",
  "http://127.0.0.1:5432/",
  "*",
  "?",
  "&",
  "=",
  "#",
  "a=b&c=d",
  "up=1&up=2",
];

/** Characters that trip up encoders, splitters and SQL. */
const NASTY_CHARS: readonly string[] = ["/", ":", "%", "\u0000", "\n", "\r", "\t", " ", "\\", "'", "\"", "&", "=", "?", "#", "\ud800", "\udfff", "\u202e", "\ufeff", "é", "😀", ".", "-", "_", "~", ","];

const nastyUnit = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_CHARS) },
  { weight: 4, arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }) },
);

/** Short strings mixing printable text with the characters above. */
export const nastyString = (maxLength = 24): fc.Arbitrary<string> => fc.string({ unit: nastyUnit, maxLength });

/** A long run of one character, or of a pattern (lengths around the usual limits). */
export const longString: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom("x", "a/", "%", "é", "😀", "\u0000", "9", " ", "ab-"),
    fc.constantFrom(121, 199, 200, 201, 299, 300, 301, 1000, 2001, 4096, 20_000),
  )
  .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length));

/** Any hostile string: special values, nasty mixes, any code points, long runs. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SPECIAL_STRINGS) },
  { weight: 4, arbitrary: nastyString() },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
  { weight: 1, arbitrary: longString },
);

/** Property names for objects: prototype-pollution names, near-misses of real fields, anything. */
export const hostileKeyName = (fields: readonly string[] = []): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom("__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty", "__lookupGetter__") },
    ...(fields.length
      ? [
          { weight: 3, arbitrary: fc.constantFrom(...fields) },
          { weight: 2, arbitrary: fc.constantFrom(...fields).map((f) => f.toUpperCase()) },
          { weight: 1, arbitrary: fc.constantFrom(...fields).map((f) => ` ${f}`) },
        ]
      : []),
    { weight: 3, arbitrary: hostileString },
  );

// ---------------------------------------------------------------------------------------
// JSON texts

export type Json = { kind: "raw"; text: string } | { kind: "array"; items: Json[] } | { kind: "object"; entries: [string, Json][] };

export const J = {
  raw: (text: string): Json => ({ kind: "raw", text }),
  str: (value: string): Json => ({ kind: "raw", text: JSON.stringify(value) }),
  num: (value: number | string): Json => ({ kind: "raw", text: String(value) }),
  arr: (items: Json[]): Json => ({ kind: "array", items }),
  obj: (entries: [string, Json][]): Json => ({ kind: "object", entries }),
  /** Any JSON-able value (strings, numbers, booleans, null, arrays, plain objects). */
  of: (value: unknown): Json => {
    if (Array.isArray(value)) return J.arr(value.map((v) => J.of(v)));
    if (value !== null && typeof value === "object") return J.obj(Object.entries(value).map(([k, v]) => [k, J.of(v)]));
    return J.raw(JSON.stringify(value) ?? "null");
  },
};

/** The JSON text of a tree (iterative, so very deep trees serialise too). */
export function jsonText(tree: Json): string {
  const out: string[] = [];
  const stack: (Json | string)[] = [tree];
  while (stack.length) {
    const next = stack.pop()!;
    if (typeof next === "string") out.push(next);
    else if (next.kind === "raw") out.push(next.text);
    else if (next.kind === "array") {
      out.push("[");
      const parts: (Json | string)[] = [];
      next.items.forEach((item, i) => parts.push(...(i ? [",", item] : [item])));
      stack.push("]", ...parts.reverse());
    } else {
      out.push("{");
      const parts: (Json | string)[] = [];
      next.entries.forEach(([key, value], i) => parts.push(...(i ? [","] : []), `${JSON.stringify(key)}:`, value));
      stack.push("}", ...parts.reverse());
    }
  }
  return out.join("");
}

/** Number texts, valid JSON or almost: overflow, underflow, -0, huge integers, fractions. */
export const NUMBER_TEXTS: readonly string[] = [
  "0",
  "-0",
  "1",
  "-1",
  "2",
  "3",
  "10",
  "0.5",
  "0.0",
  "1.0",
  "0.9999999999999999",
  "1.0000000000000002",
  "100",
  "1000000000",
  "1000000001",
  "2147483647",
  "2147483648",
  "9007199254740991",
  "9007199254740993",
  "123456789012345678901234567890",
  "1e308",
  "1e309",
  "-1e309",
  "1e-400",
  "5e-324",
  "1E2",
  "-1.5e3",
  "0.1e1",
  "1e1000000",
];

/** Texts that look like numbers to people but are not JSON (a 400 each). */
const NOT_QUITE_NUMBERS: readonly string[] = ["NaN", "Infinity", "-Infinity", "+1", "01", ".5", "1.", "0x10", "1_000", "--1"];

export const numberJson: fc.Arbitrary<Json> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NUMBER_TEXTS).map(J.raw) },
  { weight: 3, arbitrary: fc.integer({ min: -5, max: 10_000 }).map(J.num) },
  { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => J.raw(JSON.stringify(d))) },
  { weight: 1, arbitrary: fc.constantFrom(...NOT_QUITE_NUMBERS).map(J.raw) },
);

export const scalarJson: fc.Arbitrary<Json> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom("null", "true", "false").map(J.raw) },
  { weight: 2, arbitrary: numberJson },
  { weight: 4, arbitrary: hostileString.map(J.str) },
);

/** Any JSON tree of hostile leaves, a few levels deep, with hostile property names. */
export const anyJson = (fields: readonly string[] = []): fc.Arbitrary<Json> =>
  fc.letrec<{ value: Json }>((tie) => ({
    value: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      { weight: 5, arbitrary: scalarJson },
      { weight: 1, arbitrary: fc.array(tie("value"), { maxLength: 5 }).map(J.arr) },
      { weight: 1, arbitrary: fc.array(fc.tuple(hostileKeyName(fields), tie("value")), { maxLength: 5 }).map(J.obj) },
    ),
  })).value;

/** Arrays or objects nested far deeper than anyone writes by hand. */
export const deepJson: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom("[", '{"a":', '{"__proto__":', '{"key":[', '{"have":['), fc.constantFrom(50, 1000, 10_000, 100_000))
  .map(([open, depth]) => {
    const close = open === "[" ? "]" : open.endsWith("[") ? "]}" : "}";
    return `${open.repeat(depth)}null${close.repeat(depth)}`;
  });

/** A value that is wrong for almost any field: hostile strings and numbers, any JSON. */
export const hostileValue = (fields: readonly string[] = []): fc.Arbitrary<Json> =>
  fc.oneof({ weight: 2, arbitrary: hostileString.map(J.str) }, { weight: 2, arbitrary: numberJson }, { weight: 2, arbitrary: anyJson(fields) }, { weight: 1, arbitrary: fc.constantFrom("null", "true", "[]", "{}").map(J.raw) });

/**
 * An object shaped like a route's body, from each field's arbitrary of valid values: all
 * fields valid (optional ones present or not), one field wrong or missing, or chaos (any
 * field wrong, missing or given twice, junk and prototype-pollution fields added).
 */
export function objectBody(fields: Record<string, fc.Arbitrary<Json>>, optional: readonly string[] = []): fc.Arbitrary<Json> {
  const names = Object.keys(fields);
  const valid = fc.tuple(...names.map((name) => (optional.includes(name) ? fc.option(fields[name]!, { nil: undefined }) : fields[name]!.map((v): Json | undefined => v))));
  const entriesOf = (values: (Json | undefined)[]) => names.flatMap((name, i): [string, Json][] => (values[i] === undefined ? [] : [[name, values[i]!]]));
  const allValid = valid.map((values) => J.obj(entriesOf(values)));
  const oneBad = fc
    .tuple(valid, fc.nat(Math.max(0, names.length - 1)), fc.option(hostileValue(names), { freq: 5, nil: undefined }))
    .map(([values, at, bad]) => J.obj(entriesOf(values.map((v, i) => (i === at ? bad : v)))));
  const field = (name: string) =>
    fc.oneof(
      { weight: 6, arbitrary: fields[name]!.map((v): [string, Json][] => [[name, v]]) },
      { weight: 1, arbitrary: fc.constant<[string, Json][]>([]) },
      { weight: 2, arbitrary: hostileValue(names).map((v): [string, Json][] => [[name, v]]) },
      { weight: 1, arbitrary: fc.tuple(fields[name]!, hostileValue(names)).map(([a, b]): [string, Json][] => [[name, a], [name, b]]) },
    );
  const chaos = fc
    .tuple(fc.tuple(...names.map(field)), fc.array(fc.tuple(hostileKeyName(names), anyJson(names)), { maxLength: 2 }), fc.boolean())
    .map(([parts, junk, first]) => J.obj(first ? [...junk, ...parts.flat()] : [...parts.flat(), ...junk]));
  return fc.oneof({ weight: 5, arbitrary: allValid }, { weight: 3, arbitrary: oneBad }, { weight: 2, arbitrary: chaos });
}

// ---------------------------------------------------------------------------------------
// Node keys

const alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const lowerAlnum = "abcdefghijklmnopqrstuvwxyz0123456789";
const from = (chars: string, minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...chars.split("")), minLength, maxLength });

/** A Hub owner or name part: starts alphanumeric, then [A-Za-z0-9._-], no "..", no trailing ".". */
const hubPart = fc
  .tuple(from(alnum, 1, 1), from(`${alnum}._-`, 0, 20))
  .map(([head, tail]) => `${head}${tail}`.replace(/\.{2,}/g, ".").replace(/\.+$/, ""))
  .filter((part) => part.length > 0);

export const hubKeyArb: fc.Arbitrary<string> = fc.tuple(hubPart, hubPart).map(([owner, name]) => `${owner}/${name}`);
export const githubKeyArb: fc.Arbitrary<string> = fc
  .tuple(fc.tuple(from(alnum, 1, 1), from(`${alnum}-`, 0, 15)), from(`${alnum}._-`, 1, 20))
  .filter(([, repo]) => !/^\.+$/.test(repo))
  .map(([[head, tail], repo]) => `github:${head}${tail}/${repo}`);
export const arxivKeyArb: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99999 }), fc.boolean()).map(
    ([a, b, five]) => `arxiv:${String(a).padStart(4, "0")}.${String(b).padStart(five ? 5 : 4, "0").slice(-(five ? 5 : 4))}`,
  ),
  fc.tuple(fc.constantFrom("math", "hep-th", "cs", "math-ph"), fc.option(fc.constantFrom(".GT", ".AG", ".CL"), { nil: "" }), fc.integer({ min: 0, max: 9_999_999 })).map(
    ([archive, sub, n]) => `arxiv:${archive}${sub}/${String(n).padStart(7, "0")}`,
  ),
);
const label = fc.tuple(from(lowerAlnum, 1, 1), from(`${lowerAlnum}-`, 0, 8), from(lowerAlnum, 1, 1)).map(([a, b, c]) => `${a}${b}${c}`);
const webPathSegment = from(`${alnum}._~!$&'()*+,;=:@%-`, 1, 12);
export const webKeyArb: fc.Arbitrary<string> = fc
  .tuple(fc.array(label, { minLength: 2, maxLength: 4 }), fc.array(webPathSegment, { maxLength: 4 }))
  .map(([labels, path]) => `web:${labels.join(".")}${path.length ? `/${path.join("/")}` : ""}`);
export const corpusKeyArb: fc.Arbitrary<string> = fc
  .array(from(lowerAlnum, 1, 10), { minLength: 1, maxLength: 5 })
  .map((words) => `corpus:${words.join("-")}`);

/** A well-formed key of any scheme (what parseKey accepts). */
export const validKeyArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: hubKeyArb },
  { weight: 1, arbitrary: githubKeyArb },
  { weight: 1, arbitrary: arxivKeyArb },
  { weight: 1, arbitrary: webKeyArb },
  { weight: 1, arbitrary: corpusKeyArb },
);

/** Keys of a given list with their letters' case changed (keys compare case-insensitively). */
export const caseVariant = (keys: readonly string[]): fc.Arbitrary<string> =>
  fc.tuple(fc.constantFrom(...keys), fc.constantFrom("same", "lower", "upper", "mixed")).map(([key, how]) =>
    how === "lower" ? key.toLowerCase() : how === "upper" ? key.toUpperCase() : how === "mixed" ? [...key].map((c, i) => (i % 2 ? c.toUpperCase() : c)).join("") : key,
  );

/** A key-like string: known keys, new valid keys, almost-keys, anything. */
export const keyish = (known: readonly string[]): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: caseVariant(known) },
    { weight: 3, arbitrary: validKeyArb },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...known), nastyString(4)).map(([key, junk]) => `${key}${junk}`) },
    { weight: 1, arbitrary: fc.tuple(nastyString(4), fc.constantFrom(...known)).map(([junk, key]) => `${junk}${key}`) },
    { weight: 3, arbitrary: hostileString },
  );

/** Catch-all route segments: keys split at "/", extra segments, hostile ones, encoded ones. */
export const keySegments = (known: readonly string[], suffixes: readonly string[] = []): fc.Arbitrary<string[]> =>
  fc.oneof(
    { weight: 4, arbitrary: keyish(known).map((key) => key.split("/")) },
    { weight: 2, arbitrary: keyish(known).map((key) => key.split("/").map((s) => (s.length % 2 ? encodeURIComponent(s.toWellFormed()) : s))) },
    { weight: 2, arbitrary: fc.array(fc.oneof(hostileString, fc.constantFrom(...SPECIAL_STRINGS)), { maxLength: 5 }) },
    ...(suffixes.length
      ? [{ weight: 3, arbitrary: fc.tuple(keyish(known), fc.constantFrom(...suffixes, ...suffixes.map((s) => s.toUpperCase()), "similar/", "")).map(([key, suffix]) => [...key.split("/"), suffix]) }]
      : []),
    { weight: 1, arbitrary: fc.constant<string[]>([]) },
  );

// ---------------------------------------------------------------------------------------
// Query strings

/**
 * A query string (with its "?", or "") for a route taking `names`: known names with valid
 * or hostile values, repeated names, unknown names, or raw text with broken % sequences.
 */
export const queryString = (names: readonly string[], values: fc.Arbitrary<string> = hostileString): fc.Arbitrary<string> => {
  const name = fc.oneof({ weight: 5, arbitrary: names.length ? fc.constantFrom(...names) : hostileString }, { weight: 1, arbitrary: hostileString });
  const value = fc.oneof({ weight: 3, arbitrary: values }, { weight: 2, arbitrary: hostileString });
  const pairs = fc.array(fc.tuple(name, value), { maxLength: 5 }).map((list) => {
    const params = new URLSearchParams();
    for (const [n, v] of list) params.append(n, v);
    const text = params.toString();
    return text ? `?${text}` : "";
  });
  const raw = fc
    .array(fc.oneof(fc.constantFrom(...names, "=", "&", "%", "%zz", "%00", "%E0%A4%A", "+", "&&", "==", "%26", "%3D", "#x"), nastyString(6)), { minLength: 1, maxLength: 8 })
    .map((parts) => `?${parts.join("")}`);
  // Each known name at most once, with a value from `values`: what a careful client sends.
  const careful = names.length
    ? fc.uniqueArray(fc.tuple(fc.constantFrom(...names), values), { maxLength: 3, selector: ([n]) => n }).map((list) => (list.length ? `?${new URLSearchParams(list).toString()}` : ""))
    : fc.constant("");
  return fc.oneof({ weight: 4, arbitrary: careful }, { weight: 4, arbitrary: pairs }, { weight: 2, arbitrary: raw }, { weight: 1, arbitrary: fc.constant("") });
};

// ---------------------------------------------------------------------------------------
// Headers and bodies

/** A header value a Request accepts (bytes 0x20–0xFF, no CR, LF or NUL). */
export const headerValue: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c)), maxLength: 30 }),
  fc.constantFrom("", " ", "null", "undefined", "*", "http://", "https://", "%00", "\u00ff\u00fe"),
);

export const CONTENT_TYPES: readonly (string | null)[] = [
  null,
  "application/json",
  "application/json",
  "application/json",
  "application/json; charset=utf-8",
  "Application/JSON",
  " application/json ",
  "application/json;charset=latin1",
  "application/json-patch+json",
  "application/jsonx",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=----x",
  "text/plain",
  "text/plain;charset=UTF-8",
  "text/csv",
  "text/csv; header=present",
  "text/html",
  "application/xml",
  "*/*",
  "",
  "json",
];
export const contentType: fc.Arbitrary<string | null> = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...CONTENT_TYPES) }, { weight: 1, arbitrary: headerValue });

/** Origin and Sec-Fetch-Site as browsers and forgers send them (null: header absent). */
export const originHeader = (ownOrigin: string): fc.Arbitrary<string | null> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constant(null) },
    { weight: 3, arbitrary: fc.constant(ownOrigin) },
    { weight: 1, arbitrary: fc.constantFrom(`${ownOrigin}/`, ownOrigin.toUpperCase(), "null", "https://evil.example", "http://localhost:3001", "http://127.0.0.1:3000", "http://[::1]:3000", "garbage", "", "http://localhost:3000.evil.example") },
    { weight: 1, arbitrary: headerValue },
  );
export const secFetchSite: fc.Arbitrary<string | null> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(null) },
  { weight: 3, arbitrary: fc.constantFrom("same-origin", "none") },
  { weight: 2, arbitrary: fc.constantFrom("cross-site", "same-site", "Cross-Site", "SAME-SITE") },
  { weight: 1, arbitrary: headerValue },
);

/** Bytes that are not UTF-8: stray continuation bytes, overlongs, encoded surrogates, 0xFF. */
export const invalidUtf8: fc.Arbitrary<Uint8Array<ArrayBuffer>> = fc
  .tuple(
    fc.constantFrom([0xff], [0xc3, 0x28], [0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0xfe, 0xff], [0x00]),
    fc.constantFrom('{"key":"', '{"upstream":"', "[", "", '{"items":["'),
    fc.constantFrom('"}', '"]}', "]", "", '"'),
  )
  .map(([bad, before, after]) => new Uint8Array([...Buffer.from(before), ...bad, ...Buffer.from(after)]));

export type Body = { kind: "text"; text: string } | { kind: "bytes"; bytes: Uint8Array<ArrayBuffer> } | { kind: "none" };

/** A request body: mostly the route's own shape (`shaped`), else anything. */
export function bodyArb(shaped: fc.Arbitrary<Json>, fields: readonly string[], limitBytes: number, shapedWeight = 10): fc.Arbitrary<Body> {
  const text = (arb: fc.Arbitrary<string>) => arb.map((t): Body => ({ kind: "text", text: t }));
  return fc.oneof(
    { weight: shapedWeight, arbitrary: text(shaped.map(jsonText)) },
    { weight: 3, arbitrary: text(anyJson(fields).map(jsonText)) },
    { weight: 1, arbitrary: text(deepJson) },
    { weight: 1, arbitrary: text(hostileString) },
    { weight: 1, arbitrary: text(fc.constantFrom("", "{", "}", "[]", "{}", "null", '""', "0", '{"a":1,}', "{'a':1}", "\ufeff{}", "{}garbage", '{"__proto__":{"polluted":true}}')) },
    { weight: 1, arbitrary: invalidUtf8.map((bytes): Body => ({ kind: "bytes", bytes })) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(limitBytes - 64, limitBytes + 1, limitBytes * 2).map((size): Body => ({ kind: "text", text: `{"x":"${"a".repeat(Math.max(0, size - 8))}"}` })),
    },
    { weight: 1, arbitrary: fc.constant<Body>({ kind: "none" }) },
  );
}
