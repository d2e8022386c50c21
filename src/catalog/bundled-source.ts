import { Injectable } from '@nestjs/common';
import { readBundledSnapshot } from './bundled-catalog.js';
import { CatalogSource, type CatalogRead, type CatalogReadRequest } from './catalog-source.js';
import { readOfSnapshot } from './core/catalog-read.js';

/**
 * The table bundled with the service (src/catalog/snapshot, read by bundled-catalog.ts), as a
 * `CatalogSource`: what a first start loads, without AWS.
 */
@Injectable()
export class BundledSource extends CatalogSource {
  readonly kind = 'BUNDLED' as const;
  readonly live = false;

  defaultRegions(): null {
    return null;
  }

  read({ regions }: CatalogReadRequest): Promise<CatalogRead> {
    return Promise.resolve(readOfSnapshot(readBundledSnapshot(), regions));
  }
}
