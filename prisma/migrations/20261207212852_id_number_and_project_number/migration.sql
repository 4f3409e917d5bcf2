-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "idNumberSealed" TEXT;

-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "number" TEXT;
