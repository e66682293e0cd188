"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

/** Email and password, posted to better-auth; on success back to where the person came from. */
export function SignInForm({ next }: { next: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const response = await fetch("/api/auth/sign-in/email", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") }),
      });
      if (response.ok) {
        router.push(next);
        router.refresh();
        return;
      }
      const body = (await response.json().catch(() => null)) as { message?: string; error?: { message?: string } } | null;
      setError(
        response.status === 429
          ? "Too many attempts; wait a minute and try again."
          : response.status === 401
            ? "That email and password do not match an account."
            : (body?.message ?? body?.error?.message ?? `Signing in failed (${response.status}).`),
      );
    } catch {
      setError("The server did not answer. Try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="max-w-sm space-y-3" data-testid="sign-in-form" noValidate>
      <label className="block text-sm">
        Email
        <input name="email" type="email" autoComplete="username" required className="mt-1 block w-full rounded border border-slate-300 px-2 py-1" />
      </label>
      <label className="block text-sm">
        Password
        <input name="password" type="password" autoComplete="current-password" required className="mt-1 block w-full rounded border border-slate-300 px-2 py-1" />
      </label>
      {error && (
        <p role="alert" className="text-sm text-red-900" data-testid="sign-in-error">
          {error}
        </p>
      )}
      <button type="submit" className="btn" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
