-- AlterTable
ALTER TABLE "Broadcast" ADD COLUMN     "attachments" JSONB NOT NULL DEFAULT '[]';
