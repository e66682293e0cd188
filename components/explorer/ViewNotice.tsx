"use client";

import { useState } from "react";

/** The URL parameters the page ignored (or other view notices), until dismissed. */
export function ViewNotice({ notices }: { notices: string[] }) {
  const [dismissed, setDismissed] = useState(0);
  // A notice that arrives after dismissing shows again.
  if (!notices.length || dismissed >= notices.length) return null;
  return (
    <div data-testid="view-notice" role="status" className="flex items-start gap-3 rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
      <div className="min-w-0 flex-1">
        <p className="font-medium">Parts of this link were not used:</p>
        <ul className="list-disc pl-5">
          {notices.map((notice, i) => (
            <li key={i} className="break-words">
              {notice}
            </li>
          ))}
        </ul>
      </div>
      <button type="button" onClick={() => setDismissed(notices.length)} className="btn btn-small">
        Dismiss<span className="sr-only"> the notice</span>
      </button>
    </div>
  );
}
