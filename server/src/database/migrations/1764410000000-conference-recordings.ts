import { MigrationInterface, QueryRunner } from 'typeorm';

/** Server-side recordings of a meeting's video bridge (the file lives under DATA_DIR/recordings). */
export class ConferenceRecordings1764410000000 implements MigrationInterface {
  name = 'ConferenceRecordings1764410000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "conference_recordings" ("id" varchar PRIMARY KEY NOT NULL, "meetingId" varchar NOT NULL, "status" varchar(12) NOT NULL, "startedAt" datetime NOT NULL, "endedAt" datetime, "startedById" varchar, "durationMs" integer, "fileBytes" integer, "sha256" varchar(64), "path" varchar, "failureReason" text, CONSTRAINT "FK_b2a32bb497dbe02a9185caf40dd" FOREIGN KEY ("meetingId") REFERENCES "meetings" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_5b59c2a613febe31d7578fa644a" FOREIGN KEY ("startedById") REFERENCES "users" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_b2a32bb497dbe02a9185caf40d" ON "conference_recordings" ("meetingId") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_b2a32bb497dbe02a9185caf40d"`);
    await queryRunner.query(`DROP TABLE "conference_recordings"`);
  }
}
