import { isAppError } from "@/lib/errors";

/** The AppError code a promise rejects with, so tests can assert on codes in one line. */
export async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return isAppError(error) ? error.code : `not an AppError: ${String(error)}`;
  }
  return "no error";
}
