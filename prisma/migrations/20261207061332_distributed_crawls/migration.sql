-- AlterTable
ALTER TABLE "agent_run" ADD COLUMN     "budget_used" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "crawl_item" (
    "id" SERIAL NOT NULL,
    "run_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "key_norm" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'QUEUED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "worker" TEXT,
    "from_store" BOOLEAN NOT NULL DEFAULT false,
    "counts" JSONB NOT NULL DEFAULT '{}',
    "error" TEXT,
    "not_before" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),
    "heartbeat_at" TIMESTAMP(3),

    CONSTRAINT "crawl_item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "trace_lease" (
    "key_norm" TEXT NOT NULL,
    "run_id" TEXT,
    "holder" TEXT NOT NULL,
    "heartbeat_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "trace_lease_pkey" PRIMARY KEY ("key_norm")
);

-- CreateTable
CREATE TABLE "hub_rate_limit" (
    "name" TEXT NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "updated_at" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "hub_rate_limit_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "crawl_item_run_id_state_idx" ON "crawl_item"("run_id", "state");

-- CreateIndex
CREATE INDEX "crawl_item_state_heartbeat_at_idx" ON "crawl_item"("state", "heartbeat_at");

-- CreateIndex
CREATE UNIQUE INDEX "crawl_item_run_id_key_norm_key" ON "crawl_item"("run_id", "key_norm");

-- AddForeignKey
ALTER TABLE "crawl_item" ADD CONSTRAINT "crawl_item_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "agent_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;
