import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  getBundledLinuxPrices,
  type InstancePrice,
  type PriceTable,
  type WindowsOfferings,
  type WindowsPriceListFact,
} from '../capacity/core/index.js';
import { SOURCE } from '../common/core/sources.js';
import { CatalogRepository } from './catalog.repository.js';
import type { InstancePriceEntity, PriceListReadEntity } from './instance-price.entity.js';

interface RegionPrices {
  readAt: string;
  prices: Map<string, InstancePrice>;
}

/**
 * The prices and Windows availability the catalog has read, in memory (answers never read SQL per request).
 * Windows: only from AWS Price List reads (a region read with no product for a type means EC2 does not offer
 * Windows on it there). Linux: Price List reads when there are any, else the bundled us-east-1 table.
 * Replaced whole on each reload, never mutated.
 */
@Injectable()
export class PriceViewService {
  private windows = new Map<string, RegionPrices>();
  private linux = new Map<string, RegionPrices>();
  /** Identifies the prices in service (a hash of what was installed): HTTP caching tags answers with it. */
  version = 'bundled';

  constructor(private readonly repository: CatalogRepository) {}

  async reload(): Promise<void> {
    const [rows, reads] = await Promise.all([this.repository.loadPrices(), this.repository.loadPriceListReads()]);
    this.install(rows, reads);
  }

  install(rows: readonly InstancePriceEntity[], reads: readonly PriceListReadEntity[]): void {
    const build = (os: 'WINDOWS' | 'LINUX') => {
      const out = new Map<string, RegionPrices>();
      for (const r of reads) if (r.operatingSystem === os) out.set(r.region, { readAt: r.readAt.toISOString(), prices: new Map() });
      for (const row of rows) {
        if (row.operatingSystem !== os) continue;
        const region = out.get(row.region);
        if (!region) continue;
        region.prices.set(
          row.instanceType,
          Object.freeze({
            instanceType: row.instanceType,
            region: row.region,
            os,
            usdPerHour: row.usdPerHour,
            source: row.source,
            readAt: row.readAt.toISOString(),
          }),
        );
      }
      return out;
    };
    this.windows = build('WINDOWS');
    this.linux = build('LINUX');
    const hash = createHash('sha1');
    for (const r of reads) hash.update(`${r.operatingSystem}\t${r.region}\t${r.readAt.toISOString()}\n`);
    for (const row of rows) {
      hash.update(
        `${row.operatingSystem}\t${row.region}\t${row.instanceType}\t${row.usdPerHour}\t${row.source}\t${row.readAt.toISOString()}\n`,
      );
    }
    this.version = hash.digest('base64url');
  }

  /** Regions whose Windows products a refresh has read, with when. */
  windowsRegionsRead(): Array<{ region: string; readAt: string; types: number }> {
    return [...this.windows].map(([region, r]) => ({ region, readAt: r.readAt, types: r.prices.size }));
  }

  windowsOfferings(region: string): WindowsOfferings | undefined {
    const r = this.windows.get(region);
    return r ? { region, readAt: r.readAt, offered: new Set(r.prices.keys()) } : undefined;
  }

  windowsPriceListFact(region: string, instanceType: string): WindowsPriceListFact | undefined {
    const r = this.windows.get(region);
    return r ? { region, readAt: r.readAt, offered: r.prices.has(instanceType) } : undefined;
  }

  windowsPrices(region: string): PriceTable | undefined {
    return this.windows.get(region)?.prices;
  }

  linuxPrices(region: string): PriceTable | undefined {
    return this.linux.get(region)?.prices ?? getBundledLinuxPrices(region);
  }
}

/** The source text stored with Windows prices read from the Price List. */
export const WINDOWS_PRICE_SOURCE = `${SOURCE.AWS_PRICE_LIST}, on-demand`;
