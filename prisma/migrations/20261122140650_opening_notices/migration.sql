-- CreateTable
CREATE TABLE "OpeningNotice" (
    "id" SERIAL NOT NULL,
    "classId" INTEGER NOT NULL,
    "authorId" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OpeningNotice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NoticeRecipient" (
    "id" SERIAL NOT NULL,
    "noticeId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "schoolId" INTEGER,
    "confirmedAt" TIMESTAMP(3),
    "remindedAt" TIMESTAMP(3),

    CONSTRAINT "NoticeRecipient_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OpeningNotice_classId_idx" ON "OpeningNotice"("classId");

-- CreateIndex
CREATE INDEX "NoticeRecipient_personId_confirmedAt_idx" ON "NoticeRecipient"("personId", "confirmedAt");

-- CreateIndex
CREATE UNIQUE INDEX "NoticeRecipient_noticeId_personId_key" ON "NoticeRecipient"("noticeId", "personId");

-- AddForeignKey
ALTER TABLE "NoticeRecipient" ADD CONSTRAINT "NoticeRecipient_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "OpeningNotice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
