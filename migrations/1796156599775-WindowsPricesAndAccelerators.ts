import { MigrationInterface, QueryRunner } from 'typeorm';

export class WindowsPricesAndAccelerators1796156599775 implements MigrationInterface {
  name = 'WindowsPricesAndAccelerators1796156599775';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "instance_price" ("region" text NOT NULL, "instance_type" text NOT NULL, "operating_system" text NOT NULL, "usd_per_hour" double precision NOT NULL, "source" text NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE NOT NULL, "refresh_id" uuid, CONSTRAINT "PK_5225aba0815f24edad74d81aa22" PRIMARY KEY ("region", "instance_type", "operating_system"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "price_list_read" ("region" text NOT NULL, "operating_system" text NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE NOT NULL, "products" integer NOT NULL, "refresh_id" uuid, CONSTRAINT "PK_8007e6ee8ce598321ffaad53962" PRIMARY KEY ("region", "operating_system"))`,
    );
    await queryRunner.query(`ALTER TABLE "catalog_refresh" ADD "pricing_status" text`);
    await queryRunner.query(`ALTER TABLE "catalog_refresh" ADD "pricing_error" text`);
    await queryRunner.query(`ALTER TABLE "catalog_refresh" ADD "pricing_regions" text array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "catalog_refresh" ADD "pricing_requests" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "instance_type" ADD "accelerators" jsonb NOT NULL DEFAULT '[]'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "instance_type" DROP COLUMN "accelerators"`);
    await queryRunner.query(`ALTER TABLE "catalog_refresh" DROP COLUMN "pricing_requests"`);
    await queryRunner.query(`ALTER TABLE "catalog_refresh" DROP COLUMN "pricing_regions"`);
    await queryRunner.query(`ALTER TABLE "catalog_refresh" DROP COLUMN "pricing_error"`);
    await queryRunner.query(`ALTER TABLE "catalog_refresh" DROP COLUMN "pricing_status"`);
    await queryRunner.query(`DROP TABLE "price_list_read"`);
    await queryRunner.query(`DROP TABLE "instance_price"`);
  }
}
