-- AlterTable
ALTER TABLE "TrainingClass" ADD COLUMN     "hoursPerLog" DECIMAL(5,2) NOT NULL DEFAULT 0,
ADD COLUMN     "logCategory" TEXT NOT NULL DEFAULT '个人自修',
ADD COLUMN     "logsPerWeek" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "LearningLog" (
    "id" SERIAL NOT NULL,
    "personId" INTEGER NOT NULL,
    "classId" INTEGER,
    "text" TEXT NOT NULL,
    "attachments" JSONB NOT NULL DEFAULT '[]',
    "weekOf" TIMESTAMP(3) NOT NULL,
    "credited" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LearningLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LearningLog_personId_weekOf_idx" ON "LearningLog"("personId", "weekOf");

-- CreateIndex
CREATE INDEX "LearningLog_classId_weekOf_idx" ON "LearningLog"("classId", "weekOf");
