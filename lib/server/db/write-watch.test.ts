import { describe, expect, it } from "vitest";
import { changesData } from "./write-watch";

describe("changesData", () => {
  it("tells reads from statements that can change rows", () => {
    for (const sql of ["SELECT 1", "  select * from edge", "WITH RECURSIVE walk AS (SELECT 1) SELECT * FROM walk", "SHOW server_version", "EXPLAIN SELECT 1"]) expect(changesData(sql), sql).toBe(false);
    for (const sql of ["INSERT INTO edge VALUES (1)", "update dataset set x = 1", "DELETE FROM edge", "WITH moved AS (UPDATE edge SET x = 1 RETURNING id) SELECT * FROM moved", "TRUNCATE edge", "CREATE TABLE t ()"]) {
      expect(changesData(sql), sql).toBe(true);
    }
  });
});
