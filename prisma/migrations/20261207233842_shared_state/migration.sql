-- CreateTable
CREATE TABLE "PendingAck" (
    "id" SERIAL NOT NULL,
    "platform" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "chatTitle" TEXT NOT NULL,
    "entry" JSONB NOT NULL,
    "batch" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PendingAck_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AckChat" (
    "platform" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "holder" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "lastPostAt" TIMESTAMP(3),
    "confirmedDay" TEXT,
    "confirmedNames" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "AckChat_pkey" PRIMARY KEY ("platform","chatId")
);

-- CreateTable
CREATE TABLE "HeldState" (
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "size" INTEGER NOT NULL DEFAULT 0,
    "seq" SERIAL NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HeldState_pkey" PRIMARY KEY ("kind","key")
);

-- CreateIndex
CREATE INDEX "PendingAck_platform_chatId_id_idx" ON "PendingAck"("platform", "chatId", "id");

-- CreateIndex
CREATE INDEX "HeldState_kind_owner_idx" ON "HeldState"("kind", "owner");
