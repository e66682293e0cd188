/** The accounts the accounts-mode e2e server is made with (e2e/prepare-accounts-server.ts). */
export const ACCOUNTS_PORT = "3101";
export const ACCOUNTS_URL = `http://127.0.0.1:${ACCOUNTS_PORT}`;
/** 40 characters: long enough for ROOTLINE_AUTH_SECRET; only ever used by this throwaway server. */
export const ACCOUNTS_SECRET = "e2e-accounts-secret-not-for-production!!";

export const ACCOUNTS = [
  { email: "viewer@rootline.test", name: "Vera Viewer", role: "viewer", password: "viewer-pass-123" },
  { email: "reviewer@rootline.test", name: "Rafa Reviewer", role: "reviewer", password: "reviewer-pass-123" },
  { email: "admin@rootline.test", name: "Ada Admin", role: "admin", password: "admin-pass-123" },
] as const;

export function account(role: (typeof ACCOUNTS)[number]["role"]) {
  return ACCOUNTS.find((a) => a.role === role)!;
}
