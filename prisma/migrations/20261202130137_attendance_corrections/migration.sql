-- CreateEnum
CREATE TYPE "LeaveKind" AS ENUM ('LEAVE', 'MAKEUP');

-- AlterTable
ALTER TABLE "CheckIn" ADD COLUMN     "correctedAt" TIMESTAMP(3),
ADD COLUMN     "correctedById" INTEGER,
ADD COLUMN     "remark" TEXT;

-- AlterTable
ALTER TABLE "LeaveRequest" ADD COLUMN     "attachments" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "kind" "LeaveKind" NOT NULL DEFAULT 'LEAVE';
