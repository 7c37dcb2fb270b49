import { MigrationInterface, QueryRunner } from 'typeorm';

/** In-app notifications, reminders already sent, and meeting archive jobs. */
export class MeetingsManagement1764100000000 implements MigrationInterface {
  name = 'MeetingsManagement1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notifications" ("id" varchar PRIMARY KEY NOT NULL, "userId" varchar NOT NULL, "kind" varchar(40) NOT NULL, "meetingId" varchar, "title" varchar(300) NOT NULL, "body" text NOT NULL, "readAt" datetime, "createdAt" datetime NOT NULL, CONSTRAINT "FK_692a909ee0fa9383e7859f9b406" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_62144a44ba0f52796a0a9a7538d" FOREIGN KEY ("meetingId") REFERENCES "meetings" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_21e65af2f4f242d4c85a92aff4" ON "notifications" ("userId", "createdAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "reminder_deliveries" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "meetingId" varchar NOT NULL, "userId" varchar NOT NULL, "minutesBefore" integer NOT NULL, "startsAt" datetime NOT NULL, "sentAt" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_a2dafb3bdc2e2d9c7f3afeb82ce" UNIQUE ("meetingId", "userId", "minutesBefore", "startsAt"), CONSTRAINT "FK_9d43ec377ad4b6281223e0d7acf" FOREIGN KEY ("meetingId") REFERENCES "meetings" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_55e2b4352a080291f687b59d60e" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `CREATE TABLE "archive_jobs" ("id" varchar PRIMARY KEY NOT NULL, "meetingId" varchar NOT NULL, "requestedById" varchar, "status" varchar(20) NOT NULL, "sizeBytes" integer, "sha256" varchar(64), "error" text, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "finishedAt" datetime, CONSTRAINT "FK_502dd95635c35c02ec5280d08c8" FOREIGN KEY ("meetingId") REFERENCES "meetings" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_502dd95635c35c02ec5280d08c" ON "archive_jobs" ("meetingId") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_502dd95635c35c02ec5280d08c"`);
    await queryRunner.query(`DROP TABLE "archive_jobs"`);
    await queryRunner.query(`DROP TABLE "reminder_deliveries"`);
    await queryRunner.query(`DROP INDEX "IDX_21e65af2f4f242d4c85a92aff4"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
  }
}
