import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Polls of the live session: the poll, who may vote in it (fixed at opening), one ballot per
 * represented member (unique; no choices or time for secret polls) and the counts per option.
 */
export class Polls1764330000000 implements MigrationInterface {
  name = 'Polls1764330000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "polls" ("id" varchar PRIMARY KEY NOT NULL, "meetingId" varchar NOT NULL, "agendaItemId" varchar, "question" varchar(500) NOT NULL, "kind" varchar(10) NOT NULL, "options" text NOT NULL, "maxChoices" integer NOT NULL DEFAULT (1), "status" varchar(10) NOT NULL, "openedAt" datetime NOT NULL, "closedAt" datetime, "openedByUserId" varchar, "eligibleCount" integer NOT NULL, CONSTRAINT "FK_970acae78a51ee50ef4f4bfd02d" FOREIGN KEY ("meetingId") REFERENCES "meetings" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_b91b286d731d285c915c81b6864" FOREIGN KEY ("agendaItemId") REFERENCES "agenda_items" ("id") ON DELETE SET NULL ON UPDATE NO ACTION, CONSTRAINT "FK_8f58be06ace661172feae89fa86" FOREIGN KEY ("openedByUserId") REFERENCES "users" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_a474e801bdfcd378954a27ed0d" ON "polls" ("meetingId", "openedAt") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_polls_one_open" ON "polls" ("meetingId") WHERE "status" = 'open'`,
    );
    await queryRunner.query(
      `CREATE TABLE "poll_eligible" ("pollId" varchar NOT NULL, "memberParticipantId" varchar NOT NULL, "castByParticipantId" varchar NOT NULL, CONSTRAINT "FK_e4197edc14c7ec1f32293ab288d" FOREIGN KEY ("pollId") REFERENCES "polls" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_f62daff2209b1d21aaf8f7d2376" FOREIGN KEY ("memberParticipantId") REFERENCES "participants" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_b5bcaa987e5f9ec01e461867baf" FOREIGN KEY ("castByParticipantId") REFERENCES "participants" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("pollId", "memberParticipantId"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_1570dcd00ac5f2810416763a8c" ON "poll_eligible" ("pollId", "castByParticipantId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "ballots" ("ballotId" varchar PRIMARY KEY NOT NULL, "pollId" varchar NOT NULL, "memberParticipantId" varchar NOT NULL, "castByParticipantId" varchar NOT NULL, "choices" text, "castAt" datetime, CONSTRAINT "UQ_ballots_one_per_member" UNIQUE ("pollId", "memberParticipantId"), CONSTRAINT "FK_d08fd2cabd0cb021d82b76a2f8c" FOREIGN KEY ("pollId") REFERENCES "polls" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_9ede991be885c63c1d1517b6e48" FOREIGN KEY ("memberParticipantId") REFERENCES "participants" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_1f7dfa8ccb66c6578dd6f976443" FOREIGN KEY ("castByParticipantId") REFERENCES "participants" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `CREATE TABLE "poll_tallies" ("pollId" varchar NOT NULL, "optionKey" varchar(40) NOT NULL, "count" integer NOT NULL DEFAULT (0), CONSTRAINT "FK_8570ce21ddea199f8f2fe1640ba" FOREIGN KEY ("pollId") REFERENCES "polls" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("pollId", "optionKey"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "poll_tallies"`);
    await queryRunner.query(`DROP TABLE "ballots"`);
    await queryRunner.query(`DROP INDEX "IDX_1570dcd00ac5f2810416763a8c"`);
    await queryRunner.query(`DROP TABLE "poll_eligible"`);
    await queryRunner.query(`DROP INDEX "IDX_polls_one_open"`);
    await queryRunner.query(`DROP INDEX "IDX_a474e801bdfcd378954a27ed0d"`);
    await queryRunner.query(`DROP TABLE "polls"`);
  }
}
