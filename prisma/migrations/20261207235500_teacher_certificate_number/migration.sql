-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "teacherCertSealed" TEXT;
