import fc from "fast-check";
import { anyJson, hostileString, hostileValue, J, jsonText, nastyString, type Json } from "./arbitraries";

/**
 * Hostile lines and files for the importers: real records (from the fixtures) with fields
 * set to hostile values, dropped, added or renamed; lines cut short, wrapped, replaced; files
 * with BOMs, CRLF, blank lines, invalid UTF-8 and NULs.
 */

type Record_ = Record<string, unknown>;

/** Names as they appear in sources, including the URL shapes key functions choke on. */
export const sourceName: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "openai/gsm8k",
      "OpenAI/GSM8K",
      "GSM8K",
      "Stack Exchange",
      "meta-math/MetaMathQA",
      "https://huggingface.co/datasets/openai/gsm8k",
      "https://huggingface.co/datasets/%E0/x",
      "https://huggingface.co/datasets/a/%zz",
      "https://github.com/nlpxucan/WizardLM.git",
      "https://github.com/a/%zz",
      "http://arxiv.org/abs/2309.12284v2",
      "https://arxiv.org/pdf/%zz",
      "example.com/100%",
      "www.example.org/a%2",
      "data.mendeley.com/datasets/834vsxnb99/3",
      "corpus:stack-exchange",
      "github:a/b",
      "arxiv:2309.12284",
      "web:example.org",
      "!!!",
      "   ",
      "a/b/c",
      "HARP(Human Annotated Reasoning Problems)",
    ),
  },
  { weight: 2, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom("https://", "http://", "www.", "https://github.com/", "https://huggingface.co/datasets/", ""), nastyString(12), fc.constantFrom("/", "/%", "%", "/x%2", "")).map(([a, b, c]) => `${a}${b}${c}`) },
);

/** A value for a field: hostile, a source name, or a valid value from `valid`. */
function fieldValue(valid: fc.Arbitrary<Json>, names: readonly string[]): fc.Arbitrary<Json | undefined> {
  return fc.oneof(
    { weight: 3, arbitrary: valid },
    { weight: 2, arbitrary: hostileValue(names) },
    { weight: 2, arbitrary: sourceName.map(J.str) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

/**
 * A JSON line: one of `bases`, with up to `maxEdits` fields changed (to `valid[field]` values,
 * hostile values, names, or dropped) and perhaps a junk field; `inner` names fields holding a
 * JSON text of their own (ODA's meta_info), edited the same way.
 */
export function editedRecord(
  bases: readonly Record_[],
  valid: Record<string, fc.Arbitrary<Json>> = {},
  options: { inner?: Record<string, readonly Record_[]>; maxEdits?: number; validOnly?: boolean } = {},
): fc.Arbitrary<Json> {
  const fields = [...new Set(bases.flatMap((b) => Object.keys(b)))];
  // validOnly: only fields with valid values given, set to one of them (a well-formed record with other facts).
  const editable = options.validOnly ? fields.filter((f) => valid[f]) : fields;
  const edit = fc.tuple(fc.constantFrom(...(editable.length ? editable : fields)), fc.constant(null)).chain(([field]) =>
    (options.validOnly && valid[field] ? valid[field]! : fieldValue(valid[field] ?? hostileValue(fields), fields)).map((value): [string, Json | undefined] => [field, value]),
  );
  const junk = options.validOnly ? fc.constant(null) : fc.option(fc.tuple(fc.constantFrom("__proto__", "constructor", "extra", "toString"), anyJson()), { freq: 6 });
  const innerEdits = Object.entries(options.inner ?? {}).map(([field, innerBases]) =>
    fc.oneof(
      { weight: 4, arbitrary: editedRecord(innerBases, valid, { maxEdits: 2, validOnly: options.validOnly }).map((inner): [string, Json] => [field, J.str(jsonText(inner))]) },
      { weight: options.validOnly ? 0 : 1, arbitrary: editedRecord(innerBases, valid, { maxEdits: 2 }).map((inner): [string, Json] => [field, inner]) },
    ),
  );
  return fc
    .tuple(fc.constantFrom(...bases), fc.tuple(...innerEdits), fc.array(edit, { maxLength: options.maxEdits ?? 3 }), junk)
    .map(([base, inners, edits, extra]) => {
      const entries = new Map<string, Json>(Object.entries(base).map(([k, v]) => [k, J.of(v)]));
      for (const [field, value] of inners) entries.set(field, value);
      for (const [field, value] of edits) {
        if (value === undefined) entries.delete(field);
        else entries.set(field, value);
      }
      const list = [...entries];
      if (extra) list.push(extra);
      return J.obj(list);
    });
}

/** A line of a JSON-lines file: mostly an edited record, else broken JSON or anything. */
export function jsonLine(record: fc.Arbitrary<Json>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 12, arbitrary: record.map(jsonText) },
    { weight: 1, arbitrary: fc.tuple(record.map(jsonText), fc.nat()).map(([text, at]) => text.slice(0, at % Math.max(1, text.length))) },
    { weight: 1, arbitrary: record.map((r) => `[${jsonText(r)}]`) },
    { weight: 1, arbitrary: anyJson().map(jsonText) },
    { weight: 1, arbitrary: hostileString.map((s) => s.replace(/[\r\n]/g, " ")) },
    { weight: 1, arbitrary: fc.constantFrom("", "   ", "null", "{}", "[]", "\"x\"", "{\"a\":", "\u0000", "\ufeff{}") },
  );
}

/** A file's text from lines: LF or CRLF, a BOM or not, a trailing newline or not. */
export function fileText(line: fc.Arbitrary<string>, maxLines = 12): fc.Arbitrary<string> {
  return fc
    .tuple(fc.array(line, { maxLength: maxLines }), fc.constantFrom("\n", "\r\n", "\n\n", "\r"), fc.boolean(), fc.boolean())
    .map(([lines, eol, bom, trailing]) => `${bom ? "\ufeff" : ""}${lines.join(eol)}${trailing ? eol : ""}`);
}

/** Bytes of a file: its UTF-8 text, or that text with invalid UTF-8 or NULs spliced in. */
export function fileBytes(text: fc.Arbitrary<string>): fc.Arbitrary<Buffer> {
  return fc.oneof(
    { weight: 6, arbitrary: text.map((t) => Buffer.from(t, "utf8")) },
    {
      weight: 1,
      arbitrary: fc.tuple(text, fc.nat(), fc.constantFrom([0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0x00], [0x80, 0x80], [0x1f, 0x8b, 0x08])).map(([t, at, bad]) => {
        const bytes = Buffer.from(t, "utf8");
        const cut = at % (bytes.length + 1);
        return Buffer.concat([bytes.subarray(0, cut), Buffer.from(bad), bytes.subarray(cut)]);
      }),
    },
  );
}
