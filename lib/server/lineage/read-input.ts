import "server-only";
import fs from "node:fs/promises";
import { AppError } from "@/lib/errors";

const REASONS: Record<string, string> = { EISDIR: "it is a folder, not a file", EACCES: "permission denied", EPERM: "permission denied", ELOOP: "too many symbolic links" };

/**
 * An import's input file as text, or null when it does not exist. Anything else that stops it
 * being read (a folder of that name, no permission) is the caller's input to fix: a 400-style
 * AppError naming the file, never a raw system error.
 */
export async function readInputFile(file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    if (code === "ENOENT") return null;
    throw new AppError("bad_request:import", `${file} cannot be read: ${REASONS[code] ?? (error as Error).message}.`);
  }
}
