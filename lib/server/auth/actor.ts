import "server-only";
import { headers as nextHeaders } from "next/headers";
import { cache } from "react";
import { isRole, ROLE_LABEL, roleAtLeast, type Role, type Viewer } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { accountsEnabled, getAuth } from "./accounts-config";
import { clientAddressOf, isLocalRequest } from "./local";

/** Who a request acts as, decided once per request from the session cookie or the socket. */
export type Actor = {
  kind: Viewer["kind"];
  userId: string | null;
  name: string;
  role: Role | null;
  /** The client's address as the server decided it (for rate limits and the audit trail). */
  client: string;
  accounts: boolean;
};

export const LOCAL_ACTOR_NAME = "local";

export async function actorFrom(headers: Headers): Promise<Actor> {
  const client = clientAddressOf(headers);
  if (accountsEnabled()) {
    const session = await getAuth().api.getSession({ headers });
    if (!session) return { kind: "visitor", userId: null, name: "visitor", role: null, client, accounts: true };
    const role = (session.user as { role?: unknown }).role;
    return { kind: "user", userId: session.user.id, name: session.user.name || session.user.email, role: isRole(role) ? role : "VIEWER", client, accounts: true };
  }
  if (isLocalRequest(headers)) return { kind: "local", userId: null, name: LOCAL_ACTOR_NAME, role: "ADMIN", client, accounts: false };
  return { kind: "visitor", userId: null, name: "visitor", role: null, client, accounts: false };
}

/**
 * The actor of the request being rendered (pages and layouts). Memoised per request: the layout
 * and the page both ask, and with accounts on each answer is a session lookup.
 */
export const currentActor = cache(async (): Promise<Actor> => actorFrom(await nextHeaders()));

/** What a page may show about who is looking (no ids, no address). */
export function viewerOf(actor: Actor): Viewer {
  return { kind: actor.kind, name: actor.name, role: actor.role, accounts: actor.accounts };
}

/**
 * Refuses an actor below `min`: 401 when signing in would help, 403 when it would not (a
 * signed-in user with a lower role, or anyone but this machine on a single-user install).
 * `what` completes "… to <what>".
 */
export function requireRole(actor: Actor, min: Role, what: string): void {
  if (roleAtLeast(actor.role, min)) return;
  if (actor.accounts && actor.kind === "visitor") throw new AppError("unauthorized", `Sign in to ${what}.`);
  if (actor.accounts) {
    throw new AppError("forbidden", `Your account is a ${ROLE_LABEL[actor.role ?? "VIEWER"]}; to ${what} it needs the ${ROLE_LABEL[min]} role. Ask an admin.`);
  }
  throw new AppError(
    "forbidden",
    `This Rootline is a single-user install: only the machine it runs on may ${what} (open it at http://localhost:PORT there). ` +
      `To let a team ${what}, turn on accounts (README, "Running it for a team").`,
  );
}
