const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text as the store can hold it: PostgreSQL text cannot contain NUL (U+0000), and its JSON
 * refuses a lone UTF-16 surrogate; text from cards, imports and model output sometimes has
 * either. NUL is dropped and a lone surrogate becomes U+FFFD, as a UTF-8 decoder would make it:
 * nothing a person reads is lost.
 */
export function storableText<T extends string | null | undefined>(text: T): T {
  if (typeof text !== "string") return text;
  return text.replaceAll("\u0000", "").replace(LONE_SURROGATE, "\ufffd") as T;
}

/** The same for every string of an object's fields and string arrays (one level deep). */
export function storableFields<T extends object>(record: T): T {
  const out = { ...record } as Record<string, unknown>;
  for (const [name, value] of Object.entries(out)) {
    if (typeof value === "string") out[name] = storableText(value);
    else if (Array.isArray(value)) out[name] = value.map((item) => (typeof item === "string" ? storableText(item) : item));
  }
  return out as T;
}

/** Control characters other than tab, line feed and carriage return: never part of a field typed by a person. */
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
