import { describe, expect, it } from "vitest";
import { webProcesses } from "./web-processes";

const PG = "postgresql://u@h/db";

describe("how many web processes npm start runs", () => {
  it("is one per core on PostgreSQL and exactly one on the embedded store", () => {
    expect(webProcesses({ DATABASE_URL: PG }, 4).count).toBe(4);
    expect(webProcesses({}, 4).count).toBe(1);
  });

  it("follows ROOTLINE_WEB_PROCESSES on PostgreSQL, never above one on the embedded store (with a warning)", () => {
    expect(webProcesses({ DATABASE_URL: PG, ROOTLINE_WEB_PROCESSES: "3" }, 2).count).toBe(3);
    expect(webProcesses({ DATABASE_URL: PG, ROOTLINE_WEB_PROCESSES: "1" }, 8).count).toBe(1);
    const embedded = webProcesses({ ROOTLINE_WEB_PROCESSES: "4" }, 8);
    expect(embedded.count).toBe(1);
    expect(embedded.warning).toMatch(/embedded/);
  });

  it("refuses a value that is not a whole number of processes", () => {
    for (const bad of ["0", "-1", "two", "1.5", "1000"]) expect(() => webProcesses({ DATABASE_URL: PG, ROOTLINE_WEB_PROCESSES: bad })).toThrow(/ROOTLINE_WEB_PROCESSES/);
  });
});
