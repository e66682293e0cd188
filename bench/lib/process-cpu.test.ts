import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { postgresCpuSeconds, procAvailable, treeCpuSeconds } from "./process-cpu";

// Spins until the process itself has used `ms` of CPU: an amount of work, not of time.
const burn = (ms: number) => `const s = process.cpuUsage(); while ((process.cpuUsage(s).user + process.cpuUsage(s).system) / 1000 < ${ms}) {}`;

describe.runIf(procAvailable())("CPU seconds from /proc", () => {
  it("counts a process's own CPU and that of children that have ended", () => {
    const before = treeCpuSeconds(process.pid);
    // Runs in a child that is waited for: its CPU lands in this process's reaped children.
    const child = spawnSync(process.execPath, ["-e", burn(400)]);
    expect(child.status).toBe(0);
    expect(treeCpuSeconds(process.pid) - before).toBeGreaterThanOrEqual(0.35);
  });

  it("reads 0 for a process that is not there, and a number or null for the PostgreSQL server", () => {
    expect(treeCpuSeconds(2 ** 22 + 12345)).toBe(0);
    const pg = postgresCpuSeconds();
    expect(pg === null || (Number.isFinite(pg) && pg >= 0)).toBe(true);
  });
});
