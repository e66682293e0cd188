-- AlterTable
ALTER TABLE "agent_run" ADD COLUMN     "heartbeat_at" TIMESTAMP(3);
