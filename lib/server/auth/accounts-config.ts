import "server-only";
import { randomUUID } from "node:crypto";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { CLIENT_HEADER } from "@/lib/http/forwarding";
import { getDb, type Db } from "@/lib/server/db/client";
import { AUTH } from "@/lib/limits";

/**
 * Accounts (better-auth, sessions and password hashes in the store through the one Prisma
 * client). They are on when ROOTLINE_AUTH_SECRET is set: then every write needs a signed-in
 * user with the right role, and the server may listen beyond 127.0.0.1. With it unset the
 * install is single-user (lib/server/auth/local.ts).
 *
 * Sign-up is closed: an admin creates accounts (`npm run db -- create-user`), unless
 * ROOTLINE_OPEN_SIGNUP=1 lets anyone make a viewer account. The client address better-auth
 * rate-limits sign-ins by is the one the server decided (CLIENT_HEADER), never a header a
 * client wrote.
 */
export const AUTH_SECRET_ENV = "ROOTLINE_AUTH_SECRET";

export function accountsEnabled(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  return Boolean(env[AUTH_SECRET_ENV]?.trim());
}

/** Why the configured secret cannot be used, or null when it can (the server refuses to start otherwise). */
export function authSecretProblem(env: Readonly<Record<string, string | undefined>> = process.env): string | null {
  const secret = env[AUTH_SECRET_ENV]?.trim();
  if (!secret) return null;
  return secret.length < AUTH.minSecretLength
    ? `${AUTH_SECRET_ENV} must be at least ${AUTH.minSecretLength} characters (e.g. the output of \`openssl rand -hex 32\`).`
    : null;
}

function createAuth(db: Db) {
  const problem = authSecretProblem();
  if (problem) throw new Error(problem);
  return betterAuth({
    appName: "Rootline",
    secret: process.env[AUTH_SECRET_ENV]!.trim(),
    baseURL: process.env.ROOTLINE_PUBLIC_URL || undefined,
    basePath: "/api/auth",
    // Same-origin, judged as every other write judges it (lib/http/write-route.ts): the page's
    // Origin must name the host the request was sent to. The server's own idea of its URL is
    // no help behind a proxy or on 0.0.0.0; ROOTLINE_PUBLIC_URL is trusted as well.
    trustedOrigins: (request) => {
      const host = request?.headers.get("host");
      return [process.env.ROOTLINE_PUBLIC_URL, ...(host ? [`http://${host}`, `https://${host}`] : [])];
    },
    database: prismaAdapter(db, { provider: "postgresql" }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: process.env.ROOTLINE_OPEN_SIGNUP !== "1",
      minPasswordLength: AUTH.minPasswordLength,
      maxPasswordLength: AUTH.maxPasswordLength,
    },
    user: {
      additionalFields: {
        // Never settable through sign-up or profile updates: only admins change roles.
        role: { type: "string", required: false, defaultValue: "VIEWER", input: false },
      },
    },
    session: { expiresIn: AUTH.sessionSeconds, updateAge: 24 * 60 * 60 },
    // better-auth's own default for sign-ins is 3 per 10 s; one rule for a minute is easier to state.
    rateLimit: { enabled: true, window: 60, max: 100, storage: "memory", customRules: { "/sign-in/email": { window: 60, max: AUTH.signInsPerMinute } } },
    advanced: {
      ipAddress: { ipAddressHeaders: [CLIENT_HEADER] },
      database: { generateId: () => randomUUID() },
    },
    telemetry: { enabled: false },
  });
}

export type Auth = ReturnType<typeof createAuth>;

const globalForAuth = globalThis as unknown as { __rootlineAuth?: { db: Db; auth: Auth } };

/** The better-auth instance for the current store (recreated if the store's client was). */
export function getAuth(): Auth {
  const db = getDb();
  const cached = globalForAuth.__rootlineAuth;
  if (cached && cached.db === db) return cached.auth;
  const auth = createAuth(db);
  globalForAuth.__rootlineAuth = { db, auth };
  return auth;
}
