"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

export function SignOutButton() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  async function signOut() {
    setPending(true);
    await fetch("/api/auth/sign-out", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" }).catch(() => null);
    setPending(false);
    router.refresh();
  }
  return (
    <button type="button" onClick={signOut} disabled={pending} className="text-blue-700 underline hover:text-blue-900" data-testid="sign-out">
      Sign out
    </button>
  );
}
