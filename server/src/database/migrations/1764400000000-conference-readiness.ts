import { MigrationInterface, QueryRunner } from 'typeorm';

/** The last pre-meeting test call of each participant (video bridge readiness): one row per participant. */
export class ConferenceReadiness1764400000000 implements MigrationInterface {
  name = 'ConferenceReadiness1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "conference_readiness" ("participantId" varchar PRIMARY KEY NOT NULL, "meetingId" varchar NOT NULL, "report" text NOT NULL, "testedAt" datetime NOT NULL, CONSTRAINT "FK_aaf80973c3a167abc7b21c3f2c7" FOREIGN KEY ("participantId") REFERENCES "participants" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_998f44e3628ec6d8fee3bef9f40" FOREIGN KEY ("meetingId") REFERENCES "meetings" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_998f44e3628ec6d8fee3bef9f4" ON "conference_readiness" ("meetingId") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_998f44e3628ec6d8fee3bef9f4"`);
    await queryRunner.query(`DROP TABLE "conference_readiness"`);
  }
}
