"use client";

import { useEffect, useRef, useState } from "react";

export type FreezeResult = { ok: true; id: string; url: string } | { ok: false; error: { code: string; message: string } };

type Props = {
  /** Absent in a snapshot: a frozen view is frozen already. */
  onFreeze?: () => Promise<FreezeResult>;
};

/** Copy a link to a text field's user: the clipboard when allowed, else a selected read-only field. */
async function copyText(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

function CopyField({ value, label }: { value: string; label: string }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, [value]);
  return (
    <label className="flex basis-full flex-col gap-0.5">
      <span className="text-xs font-medium text-slate-700">{label} (press Ctrl+C or ⌘C to copy)</span>
      <input ref={ref} readOnly value={value} onFocus={(e) => e.currentTarget.select()} className="field w-full font-mono text-xs" />
    </label>
  );
}

/** Share (copy the permalink) and Freeze (store a snapshot, show its short link). */
export function ShareControls({ onFreeze }: Props) {
  const [message, setMessage] = useState("");
  const [manual, setManual] = useState<{ value: string; label: string } | null>(null);
  const [freezing, setFreezing] = useState(false);
  const [frozen, setFrozen] = useState<{ id: string; href: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function copy(value: string, label: string, done: string) {
    if (await copyText(value)) {
      setManual(null);
      setMessage(done);
    } else {
      setManual({ value, label });
      setMessage("Copying was not allowed: the link is selected below.");
    }
  }

  async function freeze() {
    if (!onFreeze) return;
    setFreezing(true);
    setError(null);
    setMessage("Freezing the view…");
    try {
      const result = await onFreeze();
      if (result.ok) {
        setFrozen({ id: result.id, href: `/s/${encodeURIComponent(result.id)}` });
        setMessage("Snapshot saved.");
      } else {
        setError(result.error.message);
        setMessage("");
      }
    } catch {
      setError("The snapshot could not be saved. Try again.");
      setMessage("");
    } finally {
      setFreezing(false);
    }
  }

  return (
    <>
      <button type="button" data-testid="share-button" onClick={() => copy(window.location.href, "Link to this view", "Link copied")} className="btn">
        Share
      </button>
      {onFreeze && (
        <button type="button" data-testid="freeze-button" onClick={freeze} disabled={freezing} className="btn" title="Store this exact view under a short link that never changes">
          {freezing ? "Freezing…" : "Freeze"}
        </button>
      )}
      <span role="status" className="self-center text-xs text-slate-700">
        {message}
      </span>
      {frozen && (
        <span className="flex basis-full flex-wrap items-center gap-2 text-sm">
          Frozen view:
          <a data-testid="freeze-link" href={frozen.href} className="font-mono text-blue-700 underline hover:text-blue-900">
            {frozen.href}
          </a>
          <button type="button" onClick={() => copy(new URL(frozen.href, window.location.origin).href, "Snapshot link", "Snapshot link copied")} className="btn btn-small">
            Copy<span className="sr-only"> the snapshot link</span>
          </button>
        </span>
      )}
      {error && (
        <p role="alert" className="basis-full text-sm text-red-800">
          {error}
        </p>
      )}
      {manual && <CopyField value={manual.value} label={manual.label} />}
    </>
  );
}
