-- CreateTable
CREATE TABLE "decontamination" (
    "id" SERIAL NOT NULL,
    "dataset_id" INTEGER NOT NULL,
    "target_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "source" "evidence_source" NOT NULL,
    "url" TEXT,
    "quote" TEXT,
    "fingerprint" TEXT NOT NULL,
    "origin" "edge_origin" NOT NULL,
    "agent_run_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "decontamination_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "decontamination_target_id_idx" ON "decontamination"("target_id");

-- CreateIndex
CREATE UNIQUE INDEX "decontamination_dataset_id_target_id_fingerprint_key" ON "decontamination"("dataset_id", "target_id", "fingerprint");

-- AddForeignKey
ALTER TABLE "decontamination" ADD CONSTRAINT "decontamination_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decontamination" ADD CONSTRAINT "decontamination_target_id_fkey" FOREIGN KEY ("target_id") REFERENCES "dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;
