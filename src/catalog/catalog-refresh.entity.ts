import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

import { stringEnum, type EnumValue } from '../common/core/string-enum.js';

export const RefreshStatus = stringEnum('RUNNING', 'SUCCEEDED', 'FAILED');
export type RefreshStatus = EnumValue<typeof RefreshStatus>;
/** The Price List part of a refresh: read, failed (previous prices kept), or not attempted. */
export const PricingStatus = stringEnum('SUCCEEDED', 'FAILED', 'SKIPPED');
export type PricingStatus = EnumValue<typeof PricingStatus>;
/** What started a run: a user or bot (`MANUAL`), the cron schedule, or the first start's snapshot load. */
export type RefreshTrigger = 'MANUAL' | 'SCHEDULE' | 'BUNDLED_SNAPSHOT';

import type { TypeChangeRecord } from './core/catalog-diff.js';
import type { CatalogSourceKind } from './core/catalog-read.js';

export type { FieldChangeRecord, TypeChangeRecord } from './core/catalog-diff.js';

/** One catalog refresh run, kept as history: its outcome, its counts and its diff. */
@Entity({ name: 'catalog_refresh' })
@Index('catalog_refresh_started_at_idx', ['startedAt'])
export class CatalogRefreshEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  status: RefreshStatus;

  @Column({ type: 'text' })
  trigger: RefreshTrigger;

  /** Where the run read the catalog: the EC2 API, or the bundled table (a first start's load). */
  @Column({ type: 'text' })
  source: CatalogSourceKind;

  @Column({ name: 'requested_by', type: 'text', nullable: true })
  requestedBy: string | null;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** Regions asked for (null = every enabled region). */
  @Column({ name: 'requested_regions', type: 'text', array: true, nullable: true })
  requestedRegions: string[] | null;

  /** Regions whose offerings this run read. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  regions: string[];

  @Column({ name: 'types_seen', type: 'integer', default: 0 })
  typesSeen: number;

  @Column({ name: 'catalog_size', type: 'integer', nullable: true })
  catalogSize: number | null;

  @Column({ name: 'ec2_requests', type: 'integer', default: 0 })
  ec2Requests: number;

  @Column({ name: 'types_added', type: 'jsonb', default: () => "'[]'" })
  typesAdded: string[];

  @Column({ name: 'types_removed', type: 'jsonb', default: () => "'[]'" })
  typesRemoved: string[];

  @Column({ name: 'types_changed', type: 'jsonb', default: () => "'[]'" })
  typesChanged: TypeChangeRecord[];

  /** The Price List read (Windows prices and availability); null while running or for bundled loads. */
  @Column({ name: 'pricing_status', type: 'text', nullable: true })
  pricingStatus: PricingStatus | null;

  /** Why the Price List read failed (the previous prices stay in service); null otherwise. */
  @Column({ name: 'pricing_error', type: 'text', nullable: true })
  pricingError: string | null;

  /** Regions whose Windows products were read. */
  @Column({ name: 'pricing_regions', type: 'text', array: true, default: () => "'{}'" })
  pricingRegions: string[];

  @Column({ name: 'pricing_requests', type: 'integer', default: 0 })
  pricingRequests: number;
}
