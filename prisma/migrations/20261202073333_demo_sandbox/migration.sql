-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "sandbox" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "TrainingClass" ADD COLUMN     "sandbox" BOOLEAN NOT NULL DEFAULT false;

-- The personas and class of the demo before it had rooms: confine them too (on a deployment where
-- the open demo was used, its tutor may hold grants in real classes, which the flag neutralises).
UPDATE "Person" SET "sandbox" = true WHERE "id" IN (
  SELECT "personId" FROM "Identity" WHERE "platform" = 'playground' AND "platformUserId" IN ('demo-tutor', 'demo-1', 'demo-2', 'demo-3', 'demo-4', 'demo-5', 'demo-6'));
UPDATE "TrainingClass" SET "sandbox" = true WHERE "id" IN (
  SELECT "classId" FROM "GroupChat" WHERE "platform" = 'playground' AND "chatId" = 'demo-group' AND "classId" IS NOT NULL);

-- What the open demo could hand out: its console sessions and codes, and grants outside its class.
DELETE FROM "ConsoleSession" WHERE "personId" IN (SELECT "id" FROM "Person" WHERE "sandbox");
DELETE FROM "ConsoleLoginCode" WHERE "personId" IN (SELECT "id" FROM "Person" WHERE "sandbox");
DELETE FROM "RoleGrant" WHERE "personId" IN (SELECT "id" FROM "Person" WHERE "sandbox")
  AND ("classId" IS NULL OR "classId" NOT IN (SELECT "id" FROM "TrainingClass" WHERE "sandbox"));
