import { MigrationInterface, QueryRunner } from 'typeorm';

/** Participants the chair removed from a live meeting's video bridge: one row per meeting and participant. */
export class ConferenceRemovals1764420000000 implements MigrationInterface {
  name = 'ConferenceRemovals1764420000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "conference_removals" ("id" varchar PRIMARY KEY NOT NULL, "meetingId" varchar NOT NULL, "participantId" varchar NOT NULL, "removedById" varchar, "removedAt" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_6611bc3600422189890511fa8ec" UNIQUE ("meetingId", "participantId"), CONSTRAINT "FK_40907b4591e322ede42c14e91df" FOREIGN KEY ("meetingId") REFERENCES "meetings" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_0652a2a4d30f2bf974897141640" FOREIGN KEY ("participantId") REFERENCES "participants" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_9dff2539dc9d706d79a11cb6a68" FOREIGN KEY ("removedById") REFERENCES "users" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "conference_removals"`);
  }
}
