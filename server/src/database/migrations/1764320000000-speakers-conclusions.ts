import { MigrationInterface, QueryRunner } from 'typeorm';

/** Requests to speak, speaking slots (one open per meeting) and agenda item conclusions. */
export class SpeakersConclusions1764320000000 implements MigrationInterface {
  name = 'SpeakersConclusions1764320000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "speaker_requests" ("id" varchar PRIMARY KEY NOT NULL, "meetingId" varchar NOT NULL, "participantId" varchar NOT NULL, "kind" varchar(20) NOT NULL, "agendaItemId" varchar, "position" integer NOT NULL, "status" varchar(20) NOT NULL DEFAULT ('waiting'), "requestedAt" datetime NOT NULL, CONSTRAINT "FK_38863e35755baeeb8477d633148" FOREIGN KEY ("meetingId") REFERENCES "meetings" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_a2240de0d6477013ed0b6ed4d3c" FOREIGN KEY ("participantId") REFERENCES "participants" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_3fbed6e84fa08d8413bae61f72e" FOREIGN KEY ("agendaItemId") REFERENCES "agenda_items" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_e7e08b1ba75ac04b9aead5ac37" ON "speaker_requests" ("meetingId", "status", "position") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_speaker_requests_one_waiting" ON "speaker_requests" ("meetingId", "participantId") WHERE "status" = 'waiting'`,
    );
    await queryRunner.query(
      `CREATE TABLE "speaking_slots" ("id" varchar PRIMARY KEY NOT NULL, "meetingId" varchar NOT NULL, "participantId" varchar NOT NULL, "requestId" varchar, "kind" varchar(20) NOT NULL, "agendaItemId" varchar, "startedAt" datetime NOT NULL, "limitSeconds" integer, "endsAt" datetime, "endedAt" datetime, "endedBy" varchar(20), CONSTRAINT "FK_39ee9f61a860f808873f69d102e" FOREIGN KEY ("meetingId") REFERENCES "meetings" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_4bd67eb53c6862788544b2eaf92" FOREIGN KEY ("participantId") REFERENCES "participants" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_132def279ff12be4486c08ae03c" FOREIGN KEY ("requestId") REFERENCES "speaker_requests" ("id") ON DELETE SET NULL ON UPDATE NO ACTION, CONSTRAINT "FK_e540c0d67fdd549cf3469ee6d74" FOREIGN KEY ("agendaItemId") REFERENCES "agenda_items" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_f607010d09738ef5c1e19dd94f" ON "speaking_slots" ("meetingId", "startedAt") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_speaking_slots_one_open" ON "speaking_slots" ("meetingId") WHERE "endedAt" IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "conclusions" ("id" varchar PRIMARY KEY NOT NULL, "meetingId" varchar NOT NULL, "agendaItemId" varchar NOT NULL, "text" text NOT NULL, "updatedAt" datetime NOT NULL, "updatedByUserId" varchar NOT NULL, CONSTRAINT "UQ_583f27b66707b5ade3be3c9d5d7" UNIQUE ("agendaItemId"), CONSTRAINT "FK_62fbe8949c610977ee703b2d757" FOREIGN KEY ("meetingId") REFERENCES "meetings" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_583f27b66707b5ade3be3c9d5d7" FOREIGN KEY ("agendaItemId") REFERENCES "agenda_items" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_debc3434db16bcc7b2febebd00a" FOREIGN KEY ("updatedByUserId") REFERENCES "users" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "conclusions"`);
    await queryRunner.query(`DROP INDEX "IDX_speaking_slots_one_open"`);
    await queryRunner.query(`DROP INDEX "IDX_f607010d09738ef5c1e19dd94f"`);
    await queryRunner.query(`DROP TABLE "speaking_slots"`);
    await queryRunner.query(`DROP INDEX "IDX_speaker_requests_one_waiting"`);
    await queryRunner.query(`DROP INDEX "IDX_e7e08b1ba75ac04b9aead5ac37"`);
    await queryRunner.query(`DROP TABLE "speaker_requests"`);
  }
}
