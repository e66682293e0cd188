import { toNextJsHandler } from "better-auth/next-js";
import { AppError, errorResponse } from "@/lib/errors";
import { accountsEnabled, getAuth } from "@/lib/server/auth/accounts-config";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * better-auth's endpoints (/api/auth/sign-in/email, /api/auth/sign-out, /api/auth/get-session, …).
 * On a single-user install (no ROOTLINE_AUTH_SECRET) there are no accounts: 404 with a message.
 */
function handler(method: "GET" | "POST") {
  return async (request: Request): Promise<Response> => {
    if (!accountsEnabled()) {
      return errorResponse(new AppError("not_found:route", "This Rootline has no accounts (single-user install); see README, \"Running it for a team\"."));
    }
    return toNextJsHandler(getAuth())[method](request);
  };
}

export const GET = handler("GET");
export const POST = handler("POST");
