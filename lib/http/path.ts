/**
 * Next decodes dynamic route segments itself and answers a bare 500 when one holds a broken
 * `%` escape (`/datasets/a/%E0%A4%A`), before any of our code runs. The proxy uses this to
 * turn such paths into a 400 first.
 */
export function hasBrokenEscape(pathname: string): boolean {
  for (const segment of pathname.split("/")) {
    try {
      decodeURIComponent(segment);
    } catch {
      return true;
    }
  }
  return false;
}

export const BROKEN_PATH_MESSAGE = "The address contains a broken % escape sequence. Use owner/name for Hub datasets, or github:, arxiv:, web:, corpus: keys.";
