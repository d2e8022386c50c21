import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One on-demand hourly price as a Price List read found it: where (region, OS) and when (read_at).
 * Today only Windows (licence included) is read at run time; bundled Linux prices are the project's own table.
 */
@Entity({ name: 'instance_price' })
export class InstancePriceEntity {
  @PrimaryColumn({ type: 'text' })
  region: string;

  @PrimaryColumn({ name: 'instance_type', type: 'text' })
  instanceType: string;

  /** `WINDOWS` or `LINUX`. */
  @PrimaryColumn({ name: 'operating_system', type: 'text' })
  operatingSystem: string;

  @Column({ name: 'usd_per_hour', type: 'double precision' })
  usdPerHour: number;

  /** Where the figure came from, e.g. the Price List filters used. */
  @Column({ type: 'text' })
  source: string;

  @Column({ name: 'read_at', type: 'timestamptz' })
  readAt: Date;

  @Column({ name: 'refresh_id', type: 'uuid', nullable: true })
  refreshId: string | null;
}

/**
 * That a region's products were read for an OS, and when: with it, a type without a price in that region is
 * one EC2 does not offer there (for Windows: it cannot be a Windows node there).
 */
@Entity({ name: 'price_list_read' })
export class PriceListReadEntity {
  @PrimaryColumn({ type: 'text' })
  region: string;

  @PrimaryColumn({ name: 'operating_system', type: 'text' })
  operatingSystem: string;

  @Column({ name: 'read_at', type: 'timestamptz' })
  readAt: Date;

  /** Products the read returned (before keeping one price per type). */
  @Column({ type: 'integer' })
  products: number;

  @Column({ name: 'refresh_id', type: 'uuid', nullable: true })
  refreshId: string | null;
}
