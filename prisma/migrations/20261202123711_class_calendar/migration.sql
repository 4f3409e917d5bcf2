-- AlterTable
ALTER TABLE "TrainingClass" ADD COLUMN     "endsOn" DATE,
ADD COLUMN     "startsOn" DATE,
ADD COLUMN     "venue" TEXT,
ADD COLUMN     "venueLatitude" DOUBLE PRECISION,
ADD COLUMN     "venueLongitude" DOUBLE PRECISION,
ADD COLUMN     "venueRadiusMeters" INTEGER;

-- AlterTable
ALTER TABLE "TrainingSession" ADD COLUMN     "lecturer" TEXT,
ADD COLUMN     "place" TEXT;
