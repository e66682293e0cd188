/**
 * The quotable pieces of a card or paper text for rules mode. Prose lines are joined into
 * paragraphs before they are cut into sentences, because text taken from PDFs breaks lines
 * mid-sentence ("…training queries of\nthe GSM8K and MATH datasets…") and a cue on one line
 * governs the names on the next. List items and table rows stay whole; configuration lines
 * of a collection ("config_name: …", "path: …/train-*") become their own pieces, and so do
 * HTML comments: a reader of the rendered card never sees them, so they describe nothing, but
 * the names in them are reported (an injected instruction hides there). Every quote is a
 * verbatim slice of the input.
 */

export type SegmentKind = "list" | "text" | "config" | "comment";
export type Segment = { quote: string; kind: SegmentKind; heading: string; lead: string; identifiers?: string[] };

const SOURCE_HEADING = /\b(sources?|source datasets?|subsets?|mixture|composition|built from|derived from|data(set)? (sources|composition)|components?|constituents?)\b/i;
const SOURCE_LEAD = /\b(sources?|source datasets|subsets|mixture|built from|derived from|consists of|composed of|includes?|including)\b\s*:?\s*$/i;
const TABLE_SOURCE_HEADER = /\b(source|dataset|subset|origin)s?\b/i;

// A sentence ends at . ! ? before a capital, bracket or quote, but not after "et al." or "e.g.".
const SENTENCE_END = /(?<!\b(?:al|e\.g|i\.e|etc|vs|cf|Fig|Eq|No|Sec|approx)\.)(?<=[.!?])\s+(?=[A-Z[(*`"“])/g;

/** Configuration and data-directory names in a card's YAML (collections name them after their sources). */
const CONFIG_NAME = [/^\s*(?:-\s+)?config_name:\s*['"]?([\w.-]+)/g, /\bpath:\s*['"]?([\w.-]+)\/\S*/g, /['"]dataset_name['"]\s*:\s*['"]([\w.-]+)['"]/g];

export function configIdentifiers(line: string): string[] {
  return CONFIG_NAME.flatMap((re) => [...line.matchAll(re)].map((m) => m[1]!));
}

function sentences(text: string, offset: number): { quote: string; start: number }[] {
  const out: { quote: string; start: number }[] = [];
  let last = 0;
  const push = (end: number) => {
    const raw = text.slice(last, end);
    const lead = raw.length - raw.trimStart().length;
    if (raw.trim()) out.push({ quote: raw.trim(), start: offset + last + lead });
  };
  for (const m of text.matchAll(SENTENCE_END)) {
    push(m.index!);
    last = m.index! + m[0].length;
  }
  push(text.length);
  return out;
}

export function segments(body: string): Segment[] {
  const out: Segment[] = [];
  let heading = "";
  let fenced = false;
  let lead = "";
  let tableIsSources = false;
  let para: { start: number; end: number } | null = null;

  const flush = () => {
    if (!para) return;
    const text = body.slice(para.start, para.end);
    for (const s of sentences(text, para.start)) out.push({ quote: s.quote, kind: "text", heading, lead: "" });
    lead = text.trim();
    para = null;
  };

  let offset = 0;
  let comment: { start: number } | null = null;
  for (const line of body.split("\n")) {
    const lineStart = offset;
    offset += line.length + 1;
    const trimmed = line.trim();
    if (!comment && /^(```|~~~)/.test(trimmed)) {
      flush();
      fenced = !fenced;
      continue;
    }
    let from = 0;
    if (!fenced && !comment && trimmed.startsWith("<!--")) {
      flush();
      from = line.indexOf("<!--") + 4;
      comment = { start: lineStart + from - 4 };
    }
    if (comment) {
      const close = line.indexOf("-->", from);
      // An unclosed comment hides the rest of the card, as it does when rendered.
      if (close < 0 && offset < body.length) continue;
      const end = close < 0 ? lineStart + line.length : lineStart + close + 3;
      out.push({ quote: body.slice(comment.start, end).trim(), kind: "comment", heading, lead: "" });
      comment = null;
      continue;
    }
    // Code and BibTeX blocks name cited works, not sources.
    if (fenced || /^@\w+\s*\{/.test(trimmed)) {
      flush();
      continue;
    }
    if (!trimmed) {
      flush();
      // "Our dataset consists of:" introduces the list after it, blank line or not.
      if (!/:\s*$/.test(lead)) lead = "";
      continue;
    }
    const h = /^#{1,6}\s+(.*)$/.exec(trimmed) ?? /^\*\*(.+?):?\*\*:?$/.exec(trimmed);
    if (h) {
      flush();
      heading = h[1]!;
      lead = "";
      tableIsSources = false;
      continue;
    }
    const identifiers = configIdentifiers(trimmed);
    if (identifiers.length) {
      flush();
      out.push({ quote: trimmed, kind: "config", heading, lead, identifiers });
      continue;
    }
    if (trimmed.startsWith("|")) {
      flush();
      if (/^\|[\s:|-]+\|?$/.test(trimmed)) continue;
      if (!tableIsSources && TABLE_SOURCE_HEADER.test(trimmed) && !/[/]/.test(trimmed)) {
        tableIsSources = true;
        continue;
      }
      out.push({ quote: trimmed, kind: tableIsSources || SOURCE_HEADING.test(heading) ? "list" : "text", heading, lead });
      continue;
    }
    if (/^([-*+•]|\d+[.)])\s+/.test(trimmed)) {
      flush();
      out.push({ quote: trimmed, kind: SOURCE_HEADING.test(heading) || SOURCE_LEAD.test(lead) ? "list" : "text", heading, lead });
      continue;
    }
    const start = lineStart + line.indexOf(trimmed[0]!);
    const end = start + trimmed.length;
    if (para) para.end = end;
    else para = { start, end };
  }
  flush();
  return out;
}
