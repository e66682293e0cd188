/** Display formatting shared by server and client components (fixed locale: no hydration drift). */

const INTEGER = new Intl.NumberFormat("en-US");

export function formatCount(value: number | null | undefined): string {
  return value == null ? "—" : INTEGER.format(value);
}

/** "2023-09-21" from an ISO timestamp, or the release month when only that is known. */
export function formatDate(iso: string | null | undefined, month?: string | null): string {
  if (iso && /^\d{4}-\d{2}-\d{2}/.test(iso)) return iso.slice(0, 10);
  return month || "—";
}

export function formatConfidence(value: number): string {
  return `${Math.round(value * 100)}%`;
}
