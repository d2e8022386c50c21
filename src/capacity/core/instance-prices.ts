import { SOURCE } from '../../common/core/sources.js';
import { BUNDLED_LINUX_PRICES_SOURCE, BUNDLED_LINUX_PRICES_TSV } from './bundled-linux-prices.generated.js';
import { type NodeOs } from './capacity.types.js';

export { BUNDLED_LINUX_PRICES_SOURCE };

/**
 * An hourly on-demand price as read, never an estimate: it always says where (region, OS, source)
 * and when (readAt) it was read.
 */
export interface InstancePrice {
  instanceType: string;
  region: string;
  os: NodeOs;
  usdPerHour: number;
  /** Where the figure was read: the AWS Price List, or the bundled Karpenter table. */
  source: string;
  /** ISO date or time of the read (the bundled table: the day it was generated upstream). */
  readAt: string;
}

/** Prices of one OS in one region, by instance type. */
export type PriceTable = ReadonlyMap<string, InstancePrice>;

const BUNDLED: ReadonlyMap<string, PriceTable> = (() => {
  const byRegion = new Map<string, Map<string, InstancePrice>>();
  for (const line of BUNDLED_LINUX_PRICES_TSV.split('\n')) {
    const [region, instanceType, usd] = line.split('\t');
    let table = byRegion.get(region);
    if (!table) byRegion.set(region, (table = new Map()));
    table.set(
      instanceType,
      Object.freeze({
        instanceType,
        region,
        os: 'LINUX' as const,
        usdPerHour: Number(usd),
        source: `${SOURCE.KARPENTER_PRICING} (bundled, on-demand Linux)`,
        readAt: BUNDLED_LINUX_PRICES_SOURCE.generated,
      }),
    );
  }
  return byRegion;
})();

/** The bundled on-demand Linux prices of a region (us-east-1 only), or undefined. */
export function getBundledLinuxPrices(region: string): PriceTable | undefined {
  return BUNDLED.get(region);
}
