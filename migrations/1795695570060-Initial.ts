import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795695570060 implements MigrationInterface {
  name = 'Initial1795695570060';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "api_key" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "role" text NOT NULL, "prefix" text NOT NULL, "key_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, "last_used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_b1bd840641b8acbaad89c3d8d11" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "api_key_hash_idx" ON "api_key"  ("key_hash") `);
    await queryRunner.query(
      `CREATE TABLE "catalog_refresh" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "status" text NOT NULL, "trigger" text NOT NULL, "requested_by" text, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE, "error" text, "requested_regions" text array, "regions" text array NOT NULL DEFAULT '{}', "types_seen" integer NOT NULL DEFAULT '0', "catalog_size" integer, "ec2_requests" integer NOT NULL DEFAULT '0', "types_added" jsonb NOT NULL DEFAULT '[]', "types_removed" jsonb NOT NULL DEFAULT '[]', "types_changed" jsonb NOT NULL DEFAULT '[]', CONSTRAINT "PK_59414b6d2053f7e85dc9c00bcc4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "catalog_refresh_started_at_idx" ON "catalog_refresh"  ("started_at") `);
    await queryRunner.query(
      `CREATE TABLE "instance_type" ("name" text NOT NULL, "family" text NOT NULL, "size" text NOT NULL, "hypervisor" text, "bare_metal" boolean NOT NULL, "vcpus" integer NOT NULL, "memory_mib" integer NOT NULL, "architectures" text array NOT NULL, "current_generation" boolean NOT NULL, "burstable" boolean NOT NULL, "ipv4_addresses_per_interface" integer NOT NULL, "ipv6_addresses_per_interface" integer NOT NULL, "ipv6_supported" boolean NOT NULL, "max_network_interfaces" integer NOT NULL, "default_network_card_index" integer NOT NULL, "default_card_network_interfaces" integer NOT NULL, "maximum_network_cards" integer NOT NULL, "network_performance" text, "network_cards" jsonb NOT NULL, "regions" text array NOT NULL, "first_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_refresh_id" uuid, CONSTRAINT "PK_a7ed55eca5834332fd902bb4748" PRIMARY KEY ("name"))`,
    );
    await queryRunner.query(`CREATE INDEX "instance_type_family_idx" ON "instance_type"  ("family") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."instance_type_family_idx"`);
    await queryRunner.query(`DROP TABLE "instance_type"`);
    await queryRunner.query(`DROP INDEX "public"."catalog_refresh_started_at_idx"`);
    await queryRunner.query(`DROP TABLE "catalog_refresh"`);
    await queryRunner.query(`DROP INDEX "public"."api_key_hash_idx"`);
    await queryRunner.query(`DROP TABLE "api_key"`);
  }
}
