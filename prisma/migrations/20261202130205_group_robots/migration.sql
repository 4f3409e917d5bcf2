-- CreateTable
CREATE TABLE "GroupRobot" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "scopeKey" TEXT NOT NULL,
    "schoolId" INTEGER,
    "classId" INTEGER,
    "webhook" TEXT NOT NULL,
    "secret" TEXT,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "lastErrorAt" TIMESTAMP(3),

    CONSTRAINT "GroupRobot_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "GroupRobot_schoolId_idx" ON "GroupRobot"("schoolId");

-- CreateIndex
CREATE INDEX "GroupRobot_classId_idx" ON "GroupRobot"("classId");

-- CreateIndex
CREATE UNIQUE INDEX "GroupRobot_scopeKey_kind_key" ON "GroupRobot"("scopeKey", "kind");
