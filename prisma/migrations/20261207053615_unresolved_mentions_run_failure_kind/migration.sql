-- CreateEnum
CREATE TYPE "run_failure_kind" AS ENUM ('NOT_ON_HUB', 'HUB_UNREACHABLE');

-- CreateEnum
CREATE TYPE "unresolved_reason" AS ENUM ('NOT_ON_HUB');

-- AlterTable
ALTER TABLE "agent_run" ADD COLUMN     "failure_kind" "run_failure_kind";

-- CreateTable
CREATE TABLE "unresolved_mention" (
    "id" SERIAL NOT NULL,
    "dataset_id" INTEGER NOT NULL,
    "mention" TEXT NOT NULL,
    "mention_norm" TEXT NOT NULL,
    "reason" "unresolved_reason" NOT NULL,
    "relation" "relation" NOT NULL,
    "source" "evidence_source" NOT NULL,
    "url" TEXT,
    "quote" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "agent_run_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "unresolved_mention_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "unresolved_mention_mention_norm_idx" ON "unresolved_mention"("mention_norm");

-- CreateIndex
CREATE UNIQUE INDEX "unresolved_mention_dataset_id_fingerprint_key" ON "unresolved_mention"("dataset_id", "fingerprint");

-- AddForeignKey
ALTER TABLE "unresolved_mention" ADD CONSTRAINT "unresolved_mention_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;
