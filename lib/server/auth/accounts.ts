import "server-only";
import { randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { ROLE_LABEL, type Role } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { AUTH } from "@/lib/limits";
import { getDb } from "@/lib/server/db/client";

/**
 * Accounts managed from the command line (`npm run db -- create-admin | create-user | set-role |
 * users`): the rows better-auth reads, written directly so an admin can prepare accounts before
 * the server has a secret. Passwords are stored as better-auth's scrypt hashes, under the
 * "credential" provider, exactly as its own sign-up would.
 */
export type AccountSummary = { id: string; email: string; name: string; role: Role; createdAt: Date };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function checkEmail(email: string): string {
  const value = email.trim().toLowerCase();
  if (!EMAIL.test(value) || value.length > 254) throw new AppError("bad_request:params", `"${email}" is not an email address.`);
  return value;
}

export function checkPassword(password: string): void {
  if (password.length < AUTH.minPasswordLength) throw new AppError("bad_request:params", `A password needs at least ${AUTH.minPasswordLength} characters.`);
  if (password.length > AUTH.maxPasswordLength) throw new AppError("bad_request:params", `A password may have at most ${AUTH.maxPasswordLength} characters.`);
}

export async function createAccount(input: { email: string; name?: string; password: string; role: Role }): Promise<AccountSummary> {
  const email = checkEmail(input.email);
  checkPassword(input.password);
  const name = input.name?.trim() || email.split("@")[0]!;
  const db = getDb();
  if (await db.user.findUnique({ where: { email } })) throw new AppError("conflict:exists", `There is an account for ${email} already; use set-role or set-password.`);
  const id = randomUUID();
  const hash = await hashPassword(input.password);
  const user = await db.$transaction(async (tx) => {
    const created = await tx.user.create({ data: { id, email, name, role: input.role, emailVerified: true } });
    await tx.account.create({ data: { id: randomUUID(), accountId: id, providerId: "credential", userId: id, password: hash } });
    return created;
  });
  return { id: user.id, email: user.email, name: user.name, role: user.role, createdAt: user.createdAt };
}

export async function setRole(input: { email: string; role: Role }): Promise<AccountSummary> {
  const email = checkEmail(input.email);
  const db = getDb();
  const user = await db.user.findUnique({ where: { email } });
  if (!user) throw new AppError("not_found:account", `There is no account for ${email}.`);
  if (user.role === "ADMIN" && input.role !== "ADMIN" && (await db.user.count({ where: { role: "ADMIN" } })) === 1) {
    throw new AppError("conflict:exists", `${email} is the only admin; make someone else an admin first.`);
  }
  const updated = await db.user.update({ where: { email }, data: { role: input.role } });
  return { id: updated.id, email: updated.email, name: updated.name, role: updated.role, createdAt: updated.createdAt };
}

/** A new password; every session of the account ends (a reset after a leak must lock the old holder out). */
export async function setPassword(input: { email: string; password: string }): Promise<void> {
  const email = checkEmail(input.email);
  checkPassword(input.password);
  const db = getDb();
  const user = await db.user.findUnique({ where: { email } });
  if (!user) throw new AppError("not_found:account", `There is no account for ${email}.`);
  const hash = await hashPassword(input.password);
  await db.$transaction(async (tx) => {
    const updated = await tx.account.updateMany({ where: { userId: user.id, providerId: "credential" }, data: { password: hash } });
    if (!updated.count) await tx.account.create({ data: { id: randomUUID(), accountId: user.id, providerId: "credential", userId: user.id, password: hash } });
    await tx.session.deleteMany({ where: { userId: user.id } });
  });
}

export async function listAccounts(): Promise<AccountSummary[]> {
  return getDb().user.findMany({ orderBy: { createdAt: "asc" }, select: { id: true, email: true, name: true, role: true, createdAt: true } });
}

export function describeAccount(a: AccountSummary): string {
  return `${a.email} (${a.name}) — ${ROLE_LABEL[a.role]}`;
}

/**
 * The first admin from the environment (ROOTLINE_ADMIN_EMAIL + ROOTLINE_ADMIN_PASSWORD), made
 * at boot when the store has no admin yet; never changes an existing account.
 */
export async function ensureAdminFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): Promise<AccountSummary | null> {
  const email = env.ROOTLINE_ADMIN_EMAIL?.trim();
  const password = env.ROOTLINE_ADMIN_PASSWORD;
  if (!email || !password) return null;
  const db = getDb();
  if ((await db.user.count({ where: { role: "ADMIN" } })) > 0) return null;
  if (await db.user.findUnique({ where: { email: email.toLowerCase() } })) return setRole({ email, role: "ADMIN" });
  return createAccount({ email, password, role: "ADMIN", name: env.ROOTLINE_ADMIN_NAME });
}
