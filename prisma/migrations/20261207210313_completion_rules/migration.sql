-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "completionRules" JSONB;

-- AlterTable
ALTER TABLE "TrainingClass" ADD COLUMN     "completionRules" JSONB;
