-- CreateEnum
CREATE TYPE "licence_source" AS ENUM ('HUB', 'DPI', 'SEED', 'PERSON');

-- AlterEnum
ALTER TYPE "edge_origin" ADD VALUE 'DPI';

-- CreateTable
CREATE TABLE "dataset_licence" (
    "id" SERIAL NOT NULL,
    "dataset_id" INTEGER NOT NULL,
    "licence_id" TEXT NOT NULL,
    "raw" TEXT NOT NULL,
    "source" "licence_source" NOT NULL,
    "url" TEXT,
    "locator" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "dataset_licence_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "dataset_licence_licence_id_idx" ON "dataset_licence"("licence_id");

-- CreateIndex
CREATE UNIQUE INDEX "dataset_licence_dataset_id_licence_id_source_key" ON "dataset_licence"("dataset_id", "licence_id", "source");

-- AddForeignKey
ALTER TABLE "dataset_licence" ADD CONSTRAINT "dataset_licence_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;
