import Link from "next/link";
import { ROLE_LABEL, type Viewer } from "@/lib/auth/roles";
import { SignOutButton } from "./SignOutButton";

/** Who is looking, in the header: the account and its role, a sign-in link, or the local install. */
export function AccountMenu({ viewer }: { viewer: Viewer }) {
  if (viewer.kind === "local") {
    return (
      <span className="text-sm text-slate-600" data-testid="account-local" title="No accounts are configured: whoever uses Rootline on this machine may change the graph.">
        Local install (admin)
      </span>
    );
  }
  if (!viewer.accounts) return null;
  if (viewer.kind === "visitor") {
    return (
      <Link href="/sign-in" className="text-sm text-blue-700 underline hover:text-blue-900" data-testid="sign-in-link">
        Sign in
      </Link>
    );
  }
  return (
    <span className="flex items-center gap-2 text-sm text-slate-700" data-testid="account-user">
      <span>
        {viewer.name} <span className="text-slate-500">({viewer.role ? ROLE_LABEL[viewer.role] : "viewer"})</span>
      </span>
      <SignOutButton />
    </span>
  );
}
