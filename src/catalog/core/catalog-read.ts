import { stringEnum, type EnumValue } from '../../common/core/string-enum.js';
import type { RefreshedData } from './catalog-diff.js';
import type { CatalogSnapshot } from './snapshot.js';

/** Where a refresh reads the catalog: the EC2 API of the account, or the table bundled with the service. */
export const CatalogSourceKind = stringEnum('EC2', 'BUNDLED');
export type CatalogSourceKind = EnumValue<typeof CatalogSourceKind>;

/**
 * What a catalog source read in one refresh: the facts of every type it describes and, for each
 * region read, the types offered there. The refresh merges it into the catalog (`mergeRefresh`)
 * the same way whatever the source.
 */
export interface CatalogRead extends RefreshedData {
  /** The regions read, sorted. */
  regions: string[];
  /** API calls the read made (0 for the bundled table). */
  requests: number;
}

/**
 * The bundled table as a read of `regions` (default: every region it covers). Types are described
 * when offered in a region read, or, reading every region, when offered nowhere (as EC2 describes
 * types whatever their offerings), so that merged into an empty catalog the read is the table.
 */
export function readOfSnapshot(snapshot: CatalogSnapshot, regions: readonly string[] | null = null): CatalogRead {
  const read = regions ? [...new Set(regions)].sort() : snapshot.regions;
  const offeringsByRegion: Record<string, string[]> = Object.fromEntries(read.map((r) => [r, [] as string[]]));
  const described: CatalogRead['described'][number][] = [];
  for (const { regions: offeredIn, ...facts } of snapshot.types) {
    const here = offeredIn.filter((r) => r in offeringsByRegion);
    for (const region of here) offeringsByRegion[region].push(facts.name);
    if (here.length > 0 || (regions === null && offeredIn.length === 0)) described.push(facts);
  }
  return { regions: [...read], described, offeringsByRegion, requests: 0 };
}
