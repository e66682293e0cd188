-- CreateEnum
CREATE TYPE "registry_origin" AS ENUM ('SEED', 'PERSON');

-- CreateTable
CREATE TABLE "eval_set" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "family" TEXT NOT NULL,
    "dataset_id" INTEGER NOT NULL,
    "eval_splits" "split"[],
    "items_from" TEXT,
    "items_to" TEXT,
    "note" TEXT,
    "origin" "registry_origin" NOT NULL DEFAULT 'SEED',

    CONSTRAINT "eval_set_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "item_holding" (
    "id" SERIAL NOT NULL,
    "dataset_id" INTEGER NOT NULL,
    "family" TEXT NOT NULL,
    "items_from" TEXT,
    "items_to" TEXT,
    "eval_splits" "split"[] DEFAULT ARRAY['ALL']::"split"[],
    "note" TEXT,
    "origin" "registry_origin" NOT NULL DEFAULT 'SEED',

    CONSTRAINT "item_holding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "overlap_measurement" (
    "id" SERIAL NOT NULL,
    "dataset_id" INTEGER NOT NULL,
    "eval_set_id" TEXT NOT NULL,
    "split" "split" NOT NULL,
    "overlap" DOUBLE PRECISION NOT NULL,
    "method" TEXT NOT NULL,
    "url" TEXT,
    "format" TEXT NOT NULL,
    "locator" TEXT,
    "matched" INTEGER,
    "samples" INTEGER,
    "fingerprint" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "overlap_measurement_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "eval_set_dataset_id_idx" ON "eval_set"("dataset_id");

-- CreateIndex
CREATE UNIQUE INDEX "item_holding_dataset_id_family_key" ON "item_holding"("dataset_id", "family");

-- CreateIndex
CREATE INDEX "overlap_measurement_dataset_id_idx" ON "overlap_measurement"("dataset_id");

-- CreateIndex
CREATE UNIQUE INDEX "overlap_measurement_fingerprint_key" ON "overlap_measurement"("fingerprint");

-- AddForeignKey
ALTER TABLE "eval_set" ADD CONSTRAINT "eval_set_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "item_holding" ADD CONSTRAINT "item_holding_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "overlap_measurement" ADD CONSTRAINT "overlap_measurement_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "overlap_measurement" ADD CONSTRAINT "overlap_measurement_eval_set_id_fkey" FOREIGN KEY ("eval_set_id") REFERENCES "eval_set"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Overlap is a fraction of the dataset's samples, and months are YYYY-MM.
ALTER TABLE "overlap_measurement" ADD CONSTRAINT "overlap_measurement_overlap_range" CHECK ("overlap" >= 0 AND "overlap" <= 1);
ALTER TABLE "eval_set" ADD CONSTRAINT "eval_set_items_months" CHECK (("items_from" IS NULL OR "items_from" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$') AND ("items_to" IS NULL OR "items_to" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'));
ALTER TABLE "item_holding" ADD CONSTRAINT "item_holding_items_months" CHECK (("items_from" IS NULL OR "items_from" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$') AND ("items_to" IS NULL OR "items_to" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'));
