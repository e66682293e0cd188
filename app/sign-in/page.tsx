import type { Metadata } from "next";
import Link from "next/link";
import { SignInForm } from "@/components/account/SignInForm";
import { currentActor } from "@/lib/server/auth/actor";

export const metadata: Metadata = { title: "Sign in · Rootline", robots: { index: false } };

/** Only a path on this site: an absolute or protocol-relative `next` would make this an open redirect. */
function safeNext(value: string | string[] | undefined): string {
  const next = Array.isArray(value) ? value[0] : value;
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [actor, params] = await Promise.all([currentActor(), searchParams]);
  const next = safeNext(params.next);
  if (!actor.accounts) {
    return (
      <article className="max-w-2xl space-y-3">
        <h1 className="text-2xl font-semibold">No accounts here</h1>
        <p>
          This Rootline is a single-user install: whoever uses it on the machine it runs on may change the graph, and nobody else can.
          To share it with a team, turn on accounts (README, &ldquo;Running it for a team&rdquo;).
        </p>
        <p>
          <Link href="/" className="text-blue-700 underline">
            Back to the start
          </Link>
        </p>
      </article>
    );
  }
  return (
    <article className="max-w-2xl space-y-4">
      <h1 className="text-2xl font-semibold">Sign in</h1>
      {actor.kind === "user" ? (
        <p data-testid="signed-in-as">
          You are signed in as {actor.name}.{" "}
          <Link href={next} className="text-blue-700 underline">
            Continue
          </Link>
        </p>
      ) : (
        <>
          <p className="text-sm text-slate-700">Reading is open to everyone; reviewing edges, adding edges and starting traces need an account. Ask an admin for one.</p>
          <SignInForm next={next} />
        </>
      )}
    </article>
  );
}
