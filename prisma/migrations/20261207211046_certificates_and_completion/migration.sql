-- AlterTable
ALTER TABLE "TrainingClass" ADD COLUMN     "completedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "Certificate" (
    "id" SERIAL NOT NULL,
    "serial" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "personId" INTEGER NOT NULL,
    "classId" INTEGER NOT NULL,
    "data" JSONB NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "revokedReason" TEXT,
    "revokedById" INTEGER,

    CONSTRAINT "Certificate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClassCompletion" (
    "id" SERIAL NOT NULL,
    "classId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "completed" BOOLEAN NOT NULL,
    "reasons" TEXT[],
    "decidedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ClassCompletion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_serial_key" ON "Certificate"("serial");

-- CreateIndex
CREATE INDEX "Certificate_personId_classId_kind_idx" ON "Certificate"("personId", "classId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "ClassCompletion_classId_personId_key" ON "ClassCompletion"("classId", "personId");
