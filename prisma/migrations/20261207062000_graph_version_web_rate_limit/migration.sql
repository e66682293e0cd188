-- CreateTable
CREATE TABLE "web_rate_limit" (
    "key" TEXT NOT NULL,
    "window_start" BIGINT NOT NULL,
    "hits" INTEGER NOT NULL,

    CONSTRAINT "web_rate_limit_pkey" PRIMARY KEY ("key")
);

-- The store-wide graph version (lib/server/db/graph-version.ts): a sequence, not a one-row
-- table, because nextval() takes no row lock, so concurrent writers (the workers of a crawl, a
-- review) never queue or deadlock on the counter. Every statement that changes what reads
-- show bumps it and notifies listeners. PostgreSQL delivers the notification only once the
-- writing transaction commits, which is when a reader can first see the change.
--
-- No semicolon may appear in this file but between statements: the PostgreSQL driver adapter
-- splits a migration on every one (the function body writes them as the escape \073).
CREATE SEQUENCE "graph_version_seq";

CREATE FUNCTION "bump_graph_version"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN PERFORM pg_notify(''rootline_graph_version'', nextval(''graph_version_seq'')::text)\073 RETURN NULL\073 END';

-- Tables whose rows a lineage, view or dataset answer shows. Runs, leases, sessions, audit
-- rows and rate-limit counters change all the time and show in none of them.
CREATE TRIGGER "dataset_bumps_graph_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "dataset" FOR EACH STATEMENT EXECUTE FUNCTION "bump_graph_version"();
CREATE TRIGGER "edge_bumps_graph_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "edge" FOR EACH STATEMENT EXECUTE FUNCTION "bump_graph_version"();
CREATE TRIGGER "evidence_bumps_graph_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "evidence" FOR EACH STATEMENT EXECUTE FUNCTION "bump_graph_version"();
CREATE TRIGGER "benchmark_bumps_graph_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "benchmark" FOR EACH STATEMENT EXECUTE FUNCTION "bump_graph_version"();
CREATE TRIGGER "dataset_licence_bumps_graph_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "dataset_licence" FOR EACH STATEMENT EXECUTE FUNCTION "bump_graph_version"();
CREATE TRIGGER "eval_set_bumps_graph_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "eval_set" FOR EACH STATEMENT EXECUTE FUNCTION "bump_graph_version"();
CREATE TRIGGER "item_holding_bumps_graph_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "item_holding" FOR EACH STATEMENT EXECUTE FUNCTION "bump_graph_version"();
CREATE TRIGGER "overlap_measurement_bumps_graph_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "overlap_measurement" FOR EACH STATEMENT EXECUTE FUNCTION "bump_graph_version"();
CREATE TRIGGER "alias_bumps_graph_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "alias" FOR EACH STATEMENT EXECUTE FUNCTION "bump_graph_version"();
CREATE TRIGGER "decontamination_bumps_graph_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "decontamination" FOR EACH STATEMENT EXECUTE FUNCTION "bump_graph_version"();
CREATE TRIGGER "unresolved_mention_bumps_graph_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "unresolved_mention" FOR EACH STATEMENT EXECUTE FUNCTION "bump_graph_version"();
CREATE TRIGGER "edge_review_bumps_graph_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "edge_review" FOR EACH STATEMENT EXECUTE FUNCTION "bump_graph_version"();
CREATE TRIGGER "app_meta_bumps_graph_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "app_meta" FOR EACH STATEMENT EXECUTE FUNCTION "bump_graph_version"();
