import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where pdf.js finds page 1 in each version's served PDF (the "fast-open" hint). A plain ADD
 * COLUMN instead of TypeORM's rebuild of the table: nothing to copy, no cascade to fear.
 */
export class DocumentFastOpen1764200000000 implements MigrationInterface {
  name = 'DocumentFastOpen1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "document_versions" ADD COLUMN "fastOpen" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "document_versions" DROP COLUMN "fastOpen"`);
  }
}
