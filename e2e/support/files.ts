/** Small format checks for exported files: enough to prove a file parses, no dependencies. */

export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Open and close tags pair up (comments, CDATA, processing instructions and doctype skipped). Throws on the first mismatch. */
export function assertBalancedXml(text: string): { elements: Map<string, number> } {
  const body = text.replace(/<!--[\s\S]*?-->/g, "").replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, "").replace(/<\?[\s\S]*?\?>/g, "").replace(/<!DOCTYPE[^>]*>/gi, "");
  const stack: string[] = [];
  const elements = new Map<string, number>();
  const tag = /<(\/?)([A-Za-z_][\w:.-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g;
  for (let m = tag.exec(body); m; m = tag.exec(body)) {
    const [, closing, name, , selfClosing] = m as unknown as [string, string, string, string, string];
    if (closing) {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open ?? "nothing"}> at offset ${m.index}`);
    } else {
      elements.set(name, (elements.get(name) ?? 0) + 1);
      if (!selfClosing) stack.push(name);
    }
  }
  if (stack.length) throw new Error(`unclosed elements: ${stack.join(" > ")}`);
  if (/<(?![\/!?A-Za-z_])/.test(body)) throw new Error("a bare '<' outside a tag");
  return { elements };
}

/** RFC 4180 records (quoted fields may hold commas, quotes and newlines). Throws on an unterminated quote. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (quoted) throw new Error("unterminated quoted field");
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
