import { MigrationInterface, QueryRunner } from 'typeorm';

/** The live session's meeting-wide state and version. */
export class LiveSession1764300000000 implements MigrationInterface {
  name = 'LiveSession1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "live_states" ("meetingId" varchar PRIMARY KEY NOT NULL, "version" integer NOT NULL DEFAULT (0), "currentAgendaItemId" varchar, "presenterUserId" varchar, "presenterPosition" text, "quorumRule" text, "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_0fb3ac88f3243aa02e61ac198d0" FOREIGN KEY ("meetingId") REFERENCES "meetings" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "live_states"`);
  }
}
