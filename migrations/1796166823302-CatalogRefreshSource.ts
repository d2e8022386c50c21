import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each refresh run records its source: EC2 (the EC2 API) or BUNDLED (the bundled table, loaded at
 * first start). Runs recorded before are EC2 refreshes, except the bundled loads (trigger
 * BUNDLED_SNAPSHOT). No default afterwards: every run names its source.
 */
export class CatalogRefreshSource1796166823302 implements MigrationInterface {
  name = 'CatalogRefreshSource1796166823302';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "catalog_refresh" ADD "source" text NOT NULL DEFAULT 'EC2'`);
    await queryRunner.query(`UPDATE "catalog_refresh" SET "source" = 'BUNDLED' WHERE "trigger" = 'BUNDLED_SNAPSHOT'`);
    await queryRunner.query(`ALTER TABLE "catalog_refresh" ALTER COLUMN "source" DROP DEFAULT`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "catalog_refresh" DROP COLUMN "source"`);
  }
}
