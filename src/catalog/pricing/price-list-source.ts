import { PricingClient, paginateGetProducts, type Filter, type PricingClientConfig } from '@aws-sdk/client-pricing';

/**
 * Windows on-demand prices and availability per region from the AWS Price List API (`pricing:GetProducts`,
 * service AmazonEC2), through the real SDK. The only place that talks to the Price List; the SDK resolves the
 * endpoint itself (AWS_ENDPOINT_URL_PRICING, else the public endpoint of `region`).
 *
 * A Windows licence-included, shared-tenancy, on-demand product: operatingSystem=Windows, preInstalledSw=NA,
 * tenancy=Shared, capacitystatus=Used, licenseModel=No License required, regionCode=<region>. A type with no
 * such product in a region cannot run Windows there (aws/karpenter-provider-aws#7985 found the refused types so).
 */
export const WINDOWS_PRODUCT_FILTERS: ReadonlyArray<readonly [string, string]> = [
  ['operatingSystem', 'Windows'],
  ['preInstalledSw', 'NA'],
  ['tenancy', 'Shared'],
  ['capacitystatus', 'Used'],
  ['licenseModel', 'No License required'],
];

export interface PriceListSourceOptions {
  /** Region of the Price List endpoint (it serves every region's prices). Default us-east-1. */
  region?: string;
  maxAttempts?: number;
  /** Per-request timeout in ms (a silent connection counts as failed, then retried). Default 30 000. */
  requestTimeoutMs?: number;
  /** Regions read at once. Default 2. */
  concurrency?: number;
  /** Tests and special wiring only; the service uses the SDK's default chain. */
  credentials?: PricingClientConfig['credentials'];
}

export interface RegionWindowsPrices {
  region: string;
  /** Instance type -> USD per hour (the lowest positive on-demand price among its matching products). */
  usdPerHour: Map<string, number>;
  /** Products read (pages of the answer summed). */
  products: number;
}

export interface WindowsPriceList {
  regions: RegionWindowsPrices[];
  /** GetProducts calls made (one per page). */
  requestCount: number;
}

/** Any failed read: which region and why. */
export class PriceListFetchError extends Error {
  constructor(
    message: string,
    readonly region: string,
    readonly requestCount: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PriceListFetchError';
  }
}

interface PriceListProduct {
  product?: { attributes?: Record<string, string | undefined> };
  terms?: {
    OnDemand?: Record<string, { priceDimensions?: Record<string, { unit?: string; pricePerUnit?: Record<string, string | undefined> }> }>;
  };
}

/** One PriceList entry (a JSON document as a string, as the API sends it) -> its instance type and hourly USD price. */
export function parsePriceListProduct(item: unknown): { instanceType: string; usdPerHour: number } | null {
  let doc: PriceListProduct;
  if (typeof item === 'string' || item instanceof String) doc = JSON.parse(String(item)) as PriceListProduct;
  else if (item && typeof item === 'object') doc = item as PriceListProduct;
  else return null;
  const instanceType = doc.product?.attributes?.instanceType;
  if (typeof instanceType !== 'string' || !/^[a-z0-9][a-z0-9-]*\.[a-z0-9-]+$/.test(instanceType)) return null;
  let best: number | null = null;
  for (const term of Object.values(doc.terms?.OnDemand ?? {})) {
    for (const dim of Object.values(term.priceDimensions ?? {})) {
      if (dim.unit !== undefined && dim.unit !== 'Hrs') continue;
      const usd = Number(dim.pricePerUnit?.USD);
      if (Number.isFinite(usd) && usd > 0 && (best === null || usd < best)) best = usd;
    }
  }
  return best === null ? null : { instanceType, usdPerHour: best };
}

export class PriceListSource {
  private readonly client: PricingClient;

  constructor(private readonly options: PriceListSourceOptions = {}) {
    this.client = new PricingClient({
      region: options.region ?? 'us-east-1',
      maxAttempts: options.maxAttempts,
      requestHandler: {
        requestTimeout: options.requestTimeoutMs ?? 30_000,
        // Without this, @smithy/node-http-handler only logs a warning when requestTimeout passes, and a
        // silent endpoint holds the refresh (and its lock) for ever; as in src/catalog/ec2/ec2-catalog-source.ts.
        throwOnRequestTimeout: true,
        connectionTimeout: Math.min(options.requestTimeoutMs ?? 30_000, 10_000),
      },
      ...(options.credentials ? { credentials: options.credentials } : {}),
    });
  }

  /** Reads the Windows products of every region given; throws PriceListFetchError on the first failure. */
  async fetchWindowsPrices(regions: readonly string[]): Promise<WindowsPriceList> {
    let requestCount = 0;
    const out: RegionWindowsPrices[] = [];
    const queue = [...regions].sort();
    const readRegion = async (region: string): Promise<RegionWindowsPrices> => {
      const filters: Filter[] = [...WINDOWS_PRODUCT_FILTERS, ['regionCode', region] as const].map(([Field, Value]) => ({
        Type: 'TERM_MATCH',
        Field,
        Value,
      }));
      const usdPerHour = new Map<string, number>();
      let products = 0;
      try {
        const pages = paginateGetProducts(
          { client: this.client, pageSize: 100 },
          { ServiceCode: 'AmazonEC2', Filters: filters, FormatVersion: 'aws_v1' },
        );
        // Counted when asked for, so a call that fails is one of the calls the run made.
        for (;;) {
          requestCount++;
          const next = await pages.next();
          if (next.done) {
            requestCount--; // the paginator's final step makes no call
            break;
          }
          const page = next.value;
          for (const item of page.PriceList ?? []) {
            products++;
            const p = parsePriceListProduct(item);
            if (!p) continue;
            const was = usdPerHour.get(p.instanceType);
            if (was === undefined || p.usdPerHour < was) usdPerHour.set(p.instanceType, p.usdPerHour);
          }
        }
      } catch (err) {
        const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
        const status = e.$metadata?.httpStatusCode;
        throw new PriceListFetchError(
          `Price List GetProducts failed for ${region}: ${e.name ?? 'Error'}${status ? ` (HTTP ${status})` : ''}: ${e.message ?? String(err)}`,
          region,
          requestCount,
          { cause: err },
        );
      }
      return { region, usdPerHour, products };
    };
    const concurrency = Math.max(1, this.options.concurrency ?? 2);
    const workers = Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
      for (let region = queue.shift(); region !== undefined; region = queue.shift()) out.push(await readRegion(region));
    });
    await Promise.all(workers);
    out.sort((a, b) => (a.region < b.region ? -1 : 1));
    return { regions: out, requestCount };
  }

  destroy(): void {
    this.client.destroy();
  }
}
