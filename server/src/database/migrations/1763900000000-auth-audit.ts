import { MigrationInterface, QueryRunner } from 'typeorm';

/** Login sessions and the append-only audit log (triggers refuse UPDATE and DELETE). */
export class AuthAudit1763900000000 implements MigrationInterface {
  name = 'AuthAudit1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_log" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "at" datetime NOT NULL DEFAULT (datetime('now')), "action" varchar(40) NOT NULL, "actorId" varchar, "actorName" varchar(200), "meetingId" varchar, "subjectId" varchar, "ip" varchar(64), "details" text)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_ba27cef5b8b2b1a756e06ebcc5" ON "audit_log" ("at") `);
    await queryRunner.query(`CREATE INDEX "IDX_951e6339a77994dfbad976b35c" ON "audit_log" ("action") `);
    await queryRunner.query(`CREATE INDEX "IDX_cb6aa6f6fd56f08eafb6031622" ON "audit_log" ("actorId") `);
    await queryRunner.query(`CREATE INDEX "IDX_c7c291dff786675e24a9d74129" ON "audit_log" ("meetingId") `);
    await queryRunner.query(
      `CREATE TRIGGER "audit_log_no_update" BEFORE UPDATE ON "audit_log" BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "audit_log_no_delete" BEFORE DELETE ON "audit_log" BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
    );
    await queryRunner.query(
      `CREATE TABLE "sessions" ("tokenHash" varchar(64) PRIMARY KEY NOT NULL, "userId" varchar NOT NULL, "expiresAt" datetime NOT NULL, "absoluteExpiresAt" datetime NOT NULL, "ip" varchar(64), "userAgent" varchar(300), "createdAt" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_57de40bc620f456c7311aa3a1e6" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_57de40bc620f456c7311aa3a1e" ON "sessions" ("userId") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_57de40bc620f456c7311aa3a1e"`);
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`DROP TRIGGER "audit_log_no_delete"`);
    await queryRunner.query(`DROP TRIGGER "audit_log_no_update"`);
    await queryRunner.query(`DROP INDEX "IDX_c7c291dff786675e24a9d74129"`);
    await queryRunner.query(`DROP INDEX "IDX_cb6aa6f6fd56f08eafb6031622"`);
    await queryRunner.query(`DROP INDEX "IDX_951e6339a77994dfbad976b35c"`);
    await queryRunner.query(`DROP INDEX "IDX_ba27cef5b8b2b1a756e06ebcc5"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
  }
}
