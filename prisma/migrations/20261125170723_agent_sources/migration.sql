-- AlterTable
ALTER TABLE "agent_run" ADD COLUMN     "seeds" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "source_text" (
    "id" SERIAL NOT NULL,
    "url" TEXT NOT NULL,
    "revision" TEXT NOT NULL DEFAULT '',
    "kind" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "text" TEXT,
    "fetched_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "source_text_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "source_text_url_revision_key" ON "source_text"("url", "revision");

-- CreateIndex
CREATE INDEX "agent_run_created_at_idx" ON "agent_run"("created_at");
