"use client";

import Link from "next/link";
import { useEffect, useRef } from "react";

/**
 * What a route shows when rendering it failed (every route's error.tsx). Never the error's
 * message or stack: in production a server error reaches the browser as a generic message and
 * a digest, the id of the full error in the server's log, which is what a reader can report.
 */

export type PageErrorProps = {
  /** The thrown value (an Error with `digest` for server errors; anything for client ones). */
  error: unknown;
  /** Clears the boundary and renders its children again, without new server data. */
  reset: () => void;
  /** Next 16: refreshes the route's server data, then resets. Preferred when present. */
  retry?: () => void;
};

type Props = PageErrorProps & {
  /** What could not be shown, for the message: "this dataset's lineage". */
  what?: string;
};

/** The digest Next attaches to server errors, when it is there. */
export function errorDigest(error: unknown): string | null {
  if (typeof error !== "object" || error === null || !("digest" in error)) return null;
  const digest = (error as { digest?: unknown }).digest;
  return typeof digest === "string" && digest ? digest : null;
}

export function PageError({ error, reset, retry, what = "this page" }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  const digest = errorDigest(error);

  useEffect(() => {
    // Kept for whoever has the console open (development shows the real message there).
    console.error(error);
    heading.current?.focus();
  }, [error]);

  return (
    <article className="max-w-2xl space-y-4" data-testid="page-error">
      <h1 ref={heading} tabIndex={-1} className="text-2xl font-semibold focus:outline-none">
        Something went wrong
      </h1>
      <p className="text-slate-700">
        Rootline could not show {what}. Something failed on our side, not in your link, and trying again often helps.
      </p>
      {digest && (
        <p className="text-sm text-slate-700" data-testid="error-digest">
          If it keeps happening, report this error reference: <code className="break-all font-mono">{digest}</code>
        </p>
      )}
      <p className="flex flex-wrap items-center gap-4">
        <button type="button" className="btn" onClick={() => (retry ?? reset)()}>
          Try again
        </button>
        <Link href="/" className="text-blue-700 underline">
          Back to the start page
        </Link>
      </p>
    </article>
  );
}
