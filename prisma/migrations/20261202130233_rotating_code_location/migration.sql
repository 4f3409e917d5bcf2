-- AlterTable
ALTER TABLE "CheckIn" ADD COLUMN     "distanceMeters" INTEGER;

-- AlterTable
ALTER TABLE "TrainingSession" ADD COLUMN     "codeSecret" TEXT,
ADD COLUMN     "codeStepSeconds" INTEGER,
ADD COLUMN     "requireLocation" BOOLEAN NOT NULL DEFAULT false;
