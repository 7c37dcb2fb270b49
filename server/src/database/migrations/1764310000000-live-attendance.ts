import { MigrationInterface, QueryRunner } from 'typeorm';

/** Attendance per participant of a meeting, with the proxy each member gave. */
export class LiveAttendance1764310000000 implements MigrationInterface {
  name = 'LiveAttendance1764310000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "attendance_records" ("id" varchar PRIMARY KEY NOT NULL, "meetingId" varchar NOT NULL, "participantId" varchar NOT NULL, "status" varchar(20) NOT NULL DEFAULT ('unknown'), "reason" varchar(500), "source" varchar(20), "siteParticipantId" varchar, "checkedInAt" datetime, "proxyHolderParticipantId" varchar, "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_3ac6e25df278a1667c3ba4e3843" UNIQUE ("meetingId", "participantId"), CONSTRAINT "FK_a3bdef3a839e9ca6e8364006335" FOREIGN KEY ("meetingId") REFERENCES "meetings" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_ffff45ba9254570b15962f4c9c1" FOREIGN KEY ("participantId") REFERENCES "participants" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_904f5eafddfe4a822bd42dfd1d3" FOREIGN KEY ("siteParticipantId") REFERENCES "participants" ("id") ON DELETE SET NULL ON UPDATE NO ACTION, CONSTRAINT "FK_46c9b74876794d088233de17d4d" FOREIGN KEY ("proxyHolderParticipantId") REFERENCES "participants" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "attendance_records"`);
  }
}
