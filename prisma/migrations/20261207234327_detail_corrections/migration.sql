-- CreateTable
CREATE TABLE "DetailCorrection" (
    "id" SERIAL NOT NULL,
    "personId" INTEGER NOT NULL,
    "name" TEXT,
    "schoolName" TEXT,
    "schoolRegionId" INTEGER,
    "subject" TEXT,
    "stage" TEXT,
    "before" JSONB NOT NULL,
    "proposedById" INTEGER,
    "className" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" INTEGER,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "DetailCorrection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DetailCorrection_status_personId_idx" ON "DetailCorrection"("status", "personId");

-- AddForeignKey
ALTER TABLE "DetailCorrection" ADD CONSTRAINT "DetailCorrection_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;
