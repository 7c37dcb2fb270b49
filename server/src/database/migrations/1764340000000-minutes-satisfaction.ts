import { MigrationInterface, QueryRunner } from 'typeorm';

/** Minutes of a meeting (one per meeting, versioned for optimistic concurrency) and participants' ratings. */
export class MinutesSatisfaction1764340000000 implements MigrationInterface {
  name = 'MinutesSatisfaction1764340000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "meeting_minutes" ("id" varchar PRIMARY KEY NOT NULL, "meetingId" varchar NOT NULL, "body" text NOT NULL, "status" varchar(10) NOT NULL DEFAULT ('draft'), "version" integer NOT NULL DEFAULT (1), "generatedAt" datetime NOT NULL, "updatedAt" datetime NOT NULL, "updatedByUserId" varchar, "finalizedAt" datetime, CONSTRAINT "REL_48e1f14df4d2dbd92a40826467" UNIQUE ("meetingId"), CONSTRAINT "FK_48e1f14df4d2dbd92a40826467b" FOREIGN KEY ("meetingId") REFERENCES "meetings" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_aeb44934894b17e50bf1d271d08" FOREIGN KEY ("updatedByUserId") REFERENCES "users" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `CREATE TABLE "meeting_ratings" ("id" varchar PRIMARY KEY NOT NULL, "meetingId" varchar NOT NULL, "userId" varchar NOT NULL, "score" integer NOT NULL, "comment" text, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL, CONSTRAINT "UQ_5f42e463d2dc015b1b195617e8f" UNIQUE ("meetingId", "userId"), CONSTRAINT "CHK_c5d2fa3e540b54bf7f9e40e8c0" CHECK ("score" BETWEEN 1 AND 5), CONSTRAINT "FK_be90fecc4f3d4c121326795cb9f" FOREIGN KEY ("meetingId") REFERENCES "meetings" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_1064873297a23fbfaa457d78f85" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "meeting_ratings"`);
    await queryRunner.query(`DROP TABLE "meeting_minutes"`);
  }
}
