-- CreateEnum
CREATE TYPE "SurveyStatus" AS ENUM ('OPEN', 'CLOSED');

-- CreateTable
CREATE TABLE "Survey" (
    "id" SERIAL NOT NULL,
    "classId" INTEGER NOT NULL,
    "items" TEXT[],
    "status" "SurveyStatus" NOT NULL DEFAULT 'OPEN',
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "closesAt" TIMESTAMP(3) NOT NULL,
    "chasedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "rate" DECIMAL(5,2),
    "flagged" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Survey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyResponse" (
    "id" SERIAL NOT NULL,
    "surveyId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "scores" INTEGER[],
    "comment" TEXT NOT NULL DEFAULT '',
    "answeredAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SurveyResponse_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Survey_classId_status_idx" ON "Survey"("classId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyResponse_surveyId_personId_key" ON "SurveyResponse"("surveyId", "personId");

-- AddForeignKey
ALTER TABLE "SurveyResponse" ADD CONSTRAINT "SurveyResponse_surveyId_fkey" FOREIGN KEY ("surveyId") REFERENCES "Survey"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
