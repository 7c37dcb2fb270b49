import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Documents get versions (each with its processing state), named readers, access flags, per-page
 * text for search, read receipts and private annotations. Documents stored before this migration
 * become version 1 in state `processing`: the processing queue finds their file at the old place
 * (`<meetingId>/<documentId>.pdf`) on the next boot and ingests it.
 */
export class Documents1764000000000 implements MigrationInterface {
  name = 'Documents1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_a987517c10fad1e0329ff19a48"`);
    await queryRunner.query(`ALTER TABLE "documents" RENAME TO "old_documents"`);
    await queryRunner.query(
      `CREATE TABLE "documents" ("id" varchar PRIMARY KEY NOT NULL, "meetingId" varchar NOT NULL, "agendaItemId" varchar, "title" varchar(300) NOT NULL, "fileName" varchar(255) NOT NULL, "sizeBytes" integer NOT NULL, "pageCount" integer NOT NULL DEFAULT (0), "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "visibility" varchar(10) NOT NULL DEFAULT ('all'), "confidential" boolean NOT NULL DEFAULT (0), "currentVersion" integer, "latestVersion" integer NOT NULL DEFAULT (0), "createdById" varchar, "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_8b6706255c95107dd1b84b26b7b" FOREIGN KEY ("agendaItemId") REFERENCES "agenda_items" ("id") ON DELETE SET NULL ON UPDATE NO ACTION, CONSTRAINT "FK_a987517c10fad1e0329ff19a485" FOREIGN KEY ("meetingId") REFERENCES "meetings" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_129be5647f7217471286e249c34" FOREIGN KEY ("createdById") REFERENCES "users" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_a987517c10fad1e0329ff19a48" ON "documents" ("meetingId") `);
    await queryRunner.query(
      `CREATE TABLE "document_versions" ("id" varchar PRIMARY KEY NOT NULL, "documentId" varchar NOT NULL, "number" integer NOT NULL, "status" varchar(12) NOT NULL, "stage" varchar(16) NOT NULL, "progress" integer NOT NULL DEFAULT (0), "failureReason" varchar(32), "failureMessage" varchar(500), "sourceKind" varchar(8) NOT NULL, "mimeType" varchar(100) NOT NULL, "fileName" varchar(255) NOT NULL, "sizeBytes" integer NOT NULL, "sha256" varchar(64) NOT NULL, "pageCount" integer, "pdfSizeBytes" integer, "pdfSha256" varchar(64), "uploadedById" varchar, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "readyAt" datetime, CONSTRAINT "UQ_df2908111db96b22cd6abd7b529" UNIQUE ("documentId", "number"), CONSTRAINT "FK_4ea14bf55da75a8c3997e745a28" FOREIGN KEY ("documentId") REFERENCES "documents" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_3dfffbb1a9580587901d2469e7f" FOREIGN KEY ("uploadedById") REFERENCES "users" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_ab517e08fd5246f56324d29ba9" ON "document_versions" ("status") `);
    await queryRunner.query(
      `INSERT INTO "documents" ("id", "meetingId", "agendaItemId", "title", "fileName", "sizeBytes", "pageCount", "createdAt", "latestVersion", "updatedAt") SELECT "id", "meetingId", "agendaItemId", "title", "fileName", "sizeBytes", "pageCount", "createdAt", 1, "createdAt" FROM "old_documents"`,
    );
    await queryRunner.query(
      `INSERT INTO "document_versions" ("id", "documentId", "number", "status", "stage", "progress", "sourceKind", "mimeType", "fileName", "sizeBytes", "sha256", "createdAt") SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-a' || substr(h, 18, 3) || '-' || substr(h, 21, 12)), "id", 1, 'processing', 'queued', 0, 'pdf', "mimeType", "fileName", "sizeBytes", "sha256", "createdAt" FROM (SELECT hex(randomblob(16)) AS h, * FROM "old_documents")`,
    );
    await queryRunner.query(`DROP TABLE "old_documents"`);
    await queryRunner.query(
      `CREATE TABLE "document_readers" ("documentId" varchar NOT NULL, "userId" varchar NOT NULL, CONSTRAINT "FK_d28c017fae6ff3d6f5c67715682" FOREIGN KEY ("documentId") REFERENCES "documents" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_ffb45d0c649066afc2387bef4df" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("documentId", "userId"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "document_pages" ("versionId" varchar NOT NULL, "page" integer NOT NULL, "text" text NOT NULL, "folded" text NOT NULL, CONSTRAINT "FK_f502e8ae02194f0a1ac080cfce4" FOREIGN KEY ("versionId") REFERENCES "document_versions" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("versionId", "page"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "document_read_receipts" ("id" varchar PRIMARY KEY NOT NULL, "documentId" varchar NOT NULL, "versionId" varchar NOT NULL, "version" integer NOT NULL, "userId" varchar NOT NULL, "firstOpenedAt" datetime NOT NULL, "lastOpenedAt" datetime NOT NULL, "openCount" integer NOT NULL DEFAULT (1), CONSTRAINT "UQ_2ebff64142fbb1a8637ace06253" UNIQUE ("versionId", "userId"), CONSTRAINT "FK_b924f57113e83103d960a09feb0" FOREIGN KEY ("documentId") REFERENCES "documents" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_c4b2425ac56ef21edee6f1408e4" FOREIGN KEY ("versionId") REFERENCES "document_versions" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_5e732fa7d3ae24a49c7f333547f" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_b924f57113e83103d960a09feb" ON "document_read_receipts" ("documentId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "document_annotations" ("id" varchar PRIMARY KEY NOT NULL, "documentId" varchar NOT NULL, "authorId" varchar NOT NULL, "kind" varchar(10) NOT NULL, "version" integer NOT NULL, "page" integer NOT NULL, "text" text, "rects" text NOT NULL, "color" varchar(7) NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_08359652bad8a9a317051eeb822" FOREIGN KEY ("documentId") REFERENCES "documents" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_39c2cbcc2ebca588f4bc078045e" FOREIGN KEY ("authorId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_fa19ad28b0d6be8a600309ce20" ON "document_annotations" ("documentId", "authorId") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_fa19ad28b0d6be8a600309ce20"`);
    await queryRunner.query(`DROP TABLE "document_annotations"`);
    await queryRunner.query(`DROP INDEX "IDX_b924f57113e83103d960a09feb"`);
    await queryRunner.query(`DROP TABLE "document_read_receipts"`);
    await queryRunner.query(`DROP TABLE "document_pages"`);
    await queryRunner.query(`DROP TABLE "document_readers"`);
    await queryRunner.query(`DROP INDEX "IDX_a987517c10fad1e0329ff19a48"`);
    await queryRunner.query(`ALTER TABLE "documents" RENAME TO "new_documents"`);
    await queryRunner.query(
      `CREATE TABLE "documents" ("id" varchar PRIMARY KEY NOT NULL, "meetingId" varchar NOT NULL, "agendaItemId" varchar, "title" varchar(300) NOT NULL, "fileName" varchar(255) NOT NULL, "mimeType" varchar(100) NOT NULL, "sizeBytes" integer NOT NULL, "pageCount" integer NOT NULL DEFAULT (0), "sha256" varchar(64) NOT NULL, "storageKey" varchar(300) NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_a987517c10fad1e0329ff19a485" FOREIGN KEY ("meetingId") REFERENCES "meetings" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_8b6706255c95107dd1b84b26b7b" FOREIGN KEY ("agendaItemId") REFERENCES "agenda_items" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
    );
    // The served PDF of the current version becomes the document's one file.
    await queryRunner.query(
      `INSERT INTO "documents" ("id", "meetingId", "agendaItemId", "title", "fileName", "mimeType", "sizeBytes", "pageCount", "sha256", "storageKey", "createdAt") SELECT d."id", d."meetingId", d."agendaItemId", d."title", d."fileName", 'application/pdf', coalesce(v."pdfSizeBytes", d."sizeBytes"), d."pageCount", coalesce(v."pdfSha256", ''), d."meetingId" || '/' || d."id" || '/v' || coalesce(d."currentVersion", 1) || '/document.pdf', d."createdAt" FROM "new_documents" d LEFT JOIN "document_versions" v ON v."documentId" = d."id" AND v."number" = d."currentVersion"`,
    );
    await queryRunner.query(`DROP INDEX "IDX_ab517e08fd5246f56324d29ba9"`);
    await queryRunner.query(`DROP TABLE "document_versions"`);
    await queryRunner.query(`DROP TABLE "new_documents"`);
    await queryRunner.query(`CREATE INDEX "IDX_a987517c10fad1e0329ff19a48" ON "documents" ("meetingId")`);
  }
}
