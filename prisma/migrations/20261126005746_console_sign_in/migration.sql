-- CreateTable
CREATE TABLE "ConsoleLoginCode" (
    "id" SERIAL NOT NULL,
    "personId" INTEGER NOT NULL,
    "codeHash" TEXT NOT NULL,
    "linkHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ConsoleLoginCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsoleSession" (
    "id" SERIAL NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "personId" INTEGER,
    "csrfToken" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConsoleSession_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ConsoleLoginCode_linkHash_key" ON "ConsoleLoginCode"("linkHash");

-- CreateIndex
CREATE INDEX "ConsoleLoginCode_personId_idx" ON "ConsoleLoginCode"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "ConsoleSession_tokenHash_key" ON "ConsoleSession"("tokenHash");
