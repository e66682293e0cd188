-- CreateEnum
CREATE TYPE "key_scheme" AS ENUM ('HUB', 'GITHUB', 'ARXIV', 'WEB', 'CORPUS');

-- CreateEnum
CREATE TYPE "node_kind" AS ENUM ('DATASET', 'BENCHMARK', 'EXTERNAL');

-- CreateEnum
CREATE TYPE "domain" AS ENUM ('MATH', 'CODE', 'SCIENCE', 'GENERAL', 'MEDICAL', 'MULTILINGUAL');

-- CreateEnum
CREATE TYPE "hub_presence" AS ENUM ('UNKNOWN', 'EXISTS', 'MISSING');

-- CreateEnum
CREATE TYPE "generation_method" AS ENUM ('HUMAN', 'SYNTHETIC', 'MIXED');

-- CreateEnum
CREATE TYPE "crawl_state" AS ENUM ('UNTRACED', 'QUEUED', 'RUNNING', 'TRACED', 'TERMINAL', 'FAILED');

-- CreateEnum
CREATE TYPE "terminal_reason" AS ENUM ('NO_SOURCES_FOUND', 'SOURCES_NOT_ON_HUB', 'CREATED_BEFORE_CUTOFF', 'NOT_ON_HUB', 'PRIMARY_SOURCE', 'DEPTH_LIMIT', 'OTHER');

-- CreateEnum
CREATE TYPE "relation" AS ENUM ('DIRECT_INCLUSION', 'STRUCTURED_FUSION', 'SYNTHETIC_GENERATION', 'SEMANTIC_EVOLUTION', 'COT_DISTILLATION');

-- CreateEnum
CREATE TYPE "split" AS ENUM ('TRAIN', 'TEST', 'VALIDATION', 'ALL', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "review_status" AS ENUM ('PROPOSED', 'ACCEPTED', 'REJECTED');

-- CreateEnum
CREATE TYPE "edge_origin" AS ENUM ('SEED', 'IMPORT', 'AGENT', 'PERSON');

-- CreateEnum
CREATE TYPE "evidence_source" AS ENUM ('CARD', 'PAPER', 'GITHUB', 'BLOG', 'WEBSITE', 'IMPORT');

-- CreateEnum
CREATE TYPE "alias_origin" AS ENUM ('SEED', 'IMPORT', 'AGENT', 'PERSON');

-- CreateEnum
CREATE TYPE "run_state" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED');

-- CreateTable
CREATE TABLE "dataset" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "key_norm" TEXT NOT NULL,
    "scheme" "key_scheme" NOT NULL,
    "display_name" TEXT NOT NULL,
    "kind" "node_kind" NOT NULL DEFAULT 'DATASET',
    "domains" "domain"[] DEFAULT ARRAY[]::"domain"[],
    "generation" "generation_method",
    "hub_presence" "hub_presence" NOT NULL DEFAULT 'UNKNOWN',
    "hub_downloads" INTEGER,
    "hub_likes" INTEGER,
    "hub_created_at" TIMESTAMP(3),
    "release_month" TEXT,
    "license" TEXT,
    "size_category" TEXT,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "paper_url" TEXT,
    "homepage_url" TEXT,
    "card_revision" TEXT,
    "crawl_state" "crawl_state" NOT NULL DEFAULT 'UNTRACED',
    "crawl_queued_at" TIMESTAMP(3),
    "crawl_started_at" TIMESTAMP(3),
    "crawled_at" TIMESTAMP(3),
    "terminal_reason" "terminal_reason",
    "terminal_detail" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "dataset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "edge" (
    "id" SERIAL NOT NULL,
    "upstream_id" INTEGER NOT NULL,
    "downstream_id" INTEGER NOT NULL,
    "relation" "relation" NOT NULL,
    "confidence" DOUBLE PRECISION NOT NULL,
    "split" "split" NOT NULL DEFAULT 'UNKNOWN',
    "status" "review_status" NOT NULL DEFAULT 'PROPOSED',
    "origin" "edge_origin" NOT NULL,
    "agent_run_id" TEXT,
    "actor" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "edge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "evidence" (
    "id" SERIAL NOT NULL,
    "edge_id" INTEGER NOT NULL,
    "source" "evidence_source" NOT NULL,
    "url" TEXT,
    "quote" TEXT,
    "fingerprint" TEXT NOT NULL,
    "locator" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "benchmark" (
    "dataset_id" INTEGER NOT NULL,
    "family" TEXT NOT NULL,
    "eval_splits" "split"[],
    "note" TEXT,

    CONSTRAINT "benchmark_pkey" PRIMARY KEY ("dataset_id")
);

-- CreateTable
CREATE TABLE "alias" (
    "id" SERIAL NOT NULL,
    "alias" TEXT NOT NULL,
    "alias_norm" TEXT NOT NULL,
    "dataset_id" INTEGER NOT NULL,
    "origin" "alias_origin" NOT NULL DEFAULT 'SEED',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alias_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agent_run" (
    "id" TEXT NOT NULL,
    "dataset_id" INTEGER,
    "target_key" TEXT NOT NULL,
    "state" "run_state" NOT NULL DEFAULT 'QUEUED',
    "model" TEXT NOT NULL,
    "depth" INTEGER NOT NULL,
    "node_budget" INTEGER NOT NULL,
    "steps" JSONB NOT NULL DEFAULT '[]',
    "counts" JSONB NOT NULL DEFAULT '{}',
    "error" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "agent_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "snapshot" (
    "id" TEXT NOT NULL,
    "root_key" TEXT NOT NULL,
    "view" JSONB NOT NULL,
    "graph" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "snapshot_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "dataset_key_key" ON "dataset"("key");

-- CreateIndex
CREATE UNIQUE INDEX "dataset_key_norm_key" ON "dataset"("key_norm");

-- CreateIndex
CREATE INDEX "dataset_kind_idx" ON "dataset"("kind");

-- CreateIndex
CREATE INDEX "edge_downstream_id_idx" ON "edge"("downstream_id");

-- CreateIndex
CREATE UNIQUE INDEX "edge_upstream_id_downstream_id_key" ON "edge"("upstream_id", "downstream_id");

-- CreateIndex
CREATE UNIQUE INDEX "evidence_edge_id_fingerprint_key" ON "evidence"("edge_id", "fingerprint");

-- CreateIndex
CREATE UNIQUE INDEX "alias_alias_norm_key" ON "alias"("alias_norm");

-- CreateIndex
CREATE INDEX "alias_dataset_id_idx" ON "alias"("dataset_id");

-- CreateIndex
CREATE INDEX "agent_run_target_key_state_idx" ON "agent_run"("target_key", "state");

-- AddForeignKey
ALTER TABLE "edge" ADD CONSTRAINT "edge_upstream_id_fkey" FOREIGN KEY ("upstream_id") REFERENCES "dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "edge" ADD CONSTRAINT "edge_downstream_id_fkey" FOREIGN KEY ("downstream_id") REFERENCES "dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "edge" ADD CONSTRAINT "edge_agent_run_id_fkey" FOREIGN KEY ("agent_run_id") REFERENCES "agent_run"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_edge_id_fkey" FOREIGN KEY ("edge_id") REFERENCES "edge"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "benchmark" ADD CONSTRAINT "benchmark_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alias" ADD CONSTRAINT "alias_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_run" ADD CONSTRAINT "agent_run_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "dataset"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Invariants Prisma's schema language cannot express.
ALTER TABLE "edge" ADD CONSTRAINT "edge_confidence_range" CHECK ("confidence" >= 0 AND "confidence" <= 1);
ALTER TABLE "edge" ADD CONSTRAINT "edge_not_self_loop" CHECK ("upstream_id" <> "downstream_id");
ALTER TABLE "dataset" ADD CONSTRAINT "dataset_key_norm_is_lower" CHECK ("key_norm" = lower("key"));
