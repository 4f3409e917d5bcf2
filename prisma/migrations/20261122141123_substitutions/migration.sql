-- CreateEnum
CREATE TYPE "SubstitutionStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- CreateTable
CREATE TABLE "Substitution" (
    "id" SERIAL NOT NULL,
    "classId" INTEGER NOT NULL,
    "fromPersonId" INTEGER NOT NULL,
    "toPersonId" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "SubstitutionStatus" NOT NULL DEFAULT 'PENDING',
    "requestedById" INTEGER NOT NULL,
    "decidedById" INTEGER,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "Substitution_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Substitution_classId_status_idx" ON "Substitution"("classId", "status");
