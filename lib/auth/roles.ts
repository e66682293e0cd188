/**
 * Roles, lowest first. Each role may do what the ones below it may: reading and freezing views
 * is open to everyone, signed in or not.
 *   VIEWER    signs in; what a visitor may do, under their name (freezes count against them, not their address)
 *   REVIEWER  also reviews edges (accept, reject, reopen, edit relation or split), adds edges by hand, starts traces
 *   ADMIN     also deletes snapshots and manages accounts (imports and crawls run from the command line)
 */
export const ROLES = ["VIEWER", "REVIEWER", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** `role` is `min` or above it; no role (a visitor) is below every role. */
export function roleAtLeast(role: Role | null | undefined, min: Role): boolean {
  return role != null && ROLES.indexOf(role) >= ROLES.indexOf(min);
}

/** "reviewer" → "REVIEWER"; null when it names no role. */
export function parseRole(value: string): Role | null {
  const upper = value.trim().toUpperCase();
  return isRole(upper) ? upper : null;
}

export const ROLE_LABEL: Record<Role, string> = { VIEWER: "viewer", REVIEWER: "reviewer", ADMIN: "admin" };

/** Who the current request acts as, as pages and components see it (no secrets). */
export type Viewer = {
  /** "user": a signed-in account; "local": the single-user install on this machine; "visitor": anyone else. */
  kind: "user" | "local" | "visitor";
  name: string;
  role: Role | null;
  /** Whether this server has accounts (ROOTLINE_AUTH_SECRET set); decides whether to offer signing in. */
  accounts: boolean;
};

export function can(viewer: Pick<Viewer, "role"> | null | undefined, min: Role): boolean {
  return roleAtLeast(viewer?.role, min);
}
