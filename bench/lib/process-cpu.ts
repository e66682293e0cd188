/**
 * CPU seconds spent by processes, read from Linux's /proc (null elsewhere): what a crawl costs
 * per dataset, so the crawl benchmark can say whether it waited on the Hub or on the cores.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";

const TICKS_PER_SECOND = 100;

type Stat = { ppid: number; own: number; reaped: number };

/** utime+stime of the process, and cutime+cstime: its children that have exited and been waited for. */
function stat(pid: number): Stat | null {
  try {
    // The command name (field 2) may hold spaces and parentheses: the fields after the last ") " are fixed.
    const text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = text.slice(text.lastIndexOf(") ") + 2).split(" ");
    return { ppid: Number(fields[1]), own: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND, reaped: (Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND };
  } catch {
    return null;
  }
}

function children(pid: number): number[] {
  try {
    return fs
      .readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

export function procAvailable(): boolean {
  return fs.existsSync("/proc/self/stat");
}

/** CPU seconds of a process and every descendant, living or exited (`npm run worker` is tsx starting node). */
export function treeCpuSeconds(pid: number): number {
  const own = stat(pid);
  if (!own) return 0;
  return own.own + own.reaped + children(pid).reduce((sum, child) => sum + treeCpuSeconds(child), 0);
}

/**
 * CPU seconds of the local PostgreSQL server: every `postgres` process, plus what the postmaster
 * reaped from backends that have ended. Null when there is no local server to read (a remote one).
 */
export function postgresCpuSeconds(): number | null {
  let pids: number[];
  try {
    pids = execFileSync("pgrep", ["-x", "postgres"], { encoding: "utf8" }).trim().split("\n").filter(Boolean).map(Number);
  } catch {
    return null;
  }
  const all = new Set(pids);
  let total = 0;
  for (const pid of pids) {
    const s = stat(pid);
    if (!s) continue;
    total += s.own;
    if (!all.has(s.ppid)) total += s.reaped; // the postmaster
  }
  return total;
}
