import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { CatalogSource, type CatalogRead, type CatalogReadRequest } from '../catalog-source.js';
import { mapInstanceTypeRecord } from '../core/instance-type.mapper.js';

/**
 * The SDK client (and with it @aws-sdk/client-ec2, about 0.9 s of module loading, a fifth of
 * start-up) is loaded by the first read instead of at start: most replicas never refresh.
 */
const loadEc2CatalogSource = () => import('./ec2-catalog-source.js');

/** The catalog as the account's EC2 API describes it now (`Ec2CatalogSource`), as a `CatalogSource`. */
@Injectable()
export class Ec2Source extends CatalogSource {
  readonly kind = 'EC2' as const;
  readonly live = true;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    super();
  }

  defaultRegions(): string[] | null {
    return this.config.catalog.refreshRegions;
  }

  async read({ regions, logger }: CatalogReadRequest): Promise<CatalogRead> {
    const { Ec2CatalogSource } = await loadEc2CatalogSource();
    const source = new Ec2CatalogSource({
      concurrency: this.config.catalog.ec2Concurrency,
      maxAttempts: this.config.catalog.ec2MaxAttempts,
      requestTimeoutMs: this.config.catalog.ec2RequestTimeoutMs,
      logger,
    });
    const fetched = await source.fetchCatalog({ regions: regions ?? undefined });
    return {
      regions: fetched.regions,
      described: fetched.records.map(mapInstanceTypeRecord),
      offeringsByRegion: fetched.offeringsByRegion,
      requests: fetched.requestCount,
    };
  }
}
