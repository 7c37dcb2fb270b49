import { MigrationInterface, QueryRunner } from 'typeorm';

/** Organisation units, users, meetings, participants, agenda items and documents. */
export class Initial1763800000000 implements MigrationInterface {
  name = 'Initial1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "organisation_units" ("id" varchar PRIMARY KEY NOT NULL, "name" varchar(200) NOT NULL, "kind" varchar(20) NOT NULL, "parentId" varchar, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_6a582fdbdada002f5c43bb6e636" FOREIGN KEY ("parentId") REFERENCES "organisation_units" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `CREATE TABLE "users" ("id" varchar PRIMARY KEY NOT NULL, "username" varchar(100) NOT NULL, "displayName" varchar(200) NOT NULL, "passwordHash" varchar(255) NOT NULL, "role" varchar(20) NOT NULL, "email" varchar(200), "unitId" varchar NOT NULL, "active" boolean NOT NULL DEFAULT (1), "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_573707d34e5b3252f03b728b3f5" FOREIGN KEY ("unitId") REFERENCES "organisation_units" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `CREATE TABLE "participants" ("id" varchar PRIMARY KEY NOT NULL, "meetingId" varchar NOT NULL, "userId" varchar NOT NULL, "meetingRole" varchar(20) NOT NULL, "votingMember" boolean NOT NULL DEFAULT (1), "createdAt" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_85625e4e0006e92fae02206d4b9" UNIQUE ("meetingId", "userId"), CONSTRAINT "FK_d5b48d4108573aa9dba5318c8fd" FOREIGN KEY ("meetingId") REFERENCES "meetings" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_5fc9cddc801b973cd9edcdda42a" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `CREATE TABLE "meetings" ("id" varchar PRIMARY KEY NOT NULL, "title" varchar(300) NOT NULL, "startsAt" datetime NOT NULL, "endsAt" datetime NOT NULL, "place" varchar(300) NOT NULL, "mode" varchar(20) NOT NULL, "status" varchar(20) NOT NULL DEFAULT ('draft'), "cancelReason" text, "organiserId" varchar NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_150d7698dd40bc8f9ae7288b425" FOREIGN KEY ("organiserId") REFERENCES "organisation_units" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `CREATE TABLE "agenda_items" ("id" varchar PRIMARY KEY NOT NULL, "meetingId" varchar NOT NULL, "position" integer NOT NULL, "title" varchar(300) NOT NULL, "presenter" varchar(200), "plannedMinutes" integer NOT NULL DEFAULT (15), "description" text, CONSTRAINT "UQ_5dc4c8ac1c5af796161afea476e" UNIQUE ("meetingId", "position"), CONSTRAINT "FK_1ca4905077ea055490798c7b133" FOREIGN KEY ("meetingId") REFERENCES "meetings" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `CREATE TABLE "documents" ("id" varchar PRIMARY KEY NOT NULL, "meetingId" varchar NOT NULL, "agendaItemId" varchar, "title" varchar(300) NOT NULL, "fileName" varchar(255) NOT NULL, "mimeType" varchar(100) NOT NULL, "sizeBytes" integer NOT NULL, "pageCount" integer NOT NULL DEFAULT (0), "sha256" varchar(64) NOT NULL, "storageKey" varchar(300) NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_a987517c10fad1e0329ff19a485" FOREIGN KEY ("meetingId") REFERENCES "meetings" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_8b6706255c95107dd1b84b26b7b" FOREIGN KEY ("agendaItemId") REFERENCES "agenda_items" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_fe0bb3f6520ee0469504521e71" ON "users" ("username")`);
    await queryRunner.query(`CREATE INDEX "IDX_5fc9cddc801b973cd9edcdda42" ON "participants" ("userId")`);
    await queryRunner.query(`CREATE INDEX "IDX_466bdba9be3d1109b5e5882b73" ON "meetings" ("startsAt")`);
    await queryRunner.query(`CREATE INDEX "IDX_a987517c10fad1e0329ff19a48" ON "documents" ("meetingId")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_fe0bb3f6520ee0469504521e71"`);
    await queryRunner.query(`DROP INDEX "IDX_5fc9cddc801b973cd9edcdda42"`);
    await queryRunner.query(`DROP INDEX "IDX_466bdba9be3d1109b5e5882b73"`);
    await queryRunner.query(`DROP INDEX "IDX_a987517c10fad1e0329ff19a48"`);
    await queryRunner.query(`DROP TABLE "documents"`);
    await queryRunner.query(`DROP TABLE "agenda_items"`);
    await queryRunner.query(`DROP TABLE "meetings"`);
    await queryRunner.query(`DROP TABLE "participants"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP TABLE "organisation_units"`);
  }
}
