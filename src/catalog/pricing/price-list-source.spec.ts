import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakePricing, windowsProduct, type FakePricing } from '../../../test/support/fake-pricing/index.js';
import { parsePriceListProduct, PriceListSource, WINDOWS_PRODUCT_FILTERS } from './price-list-source.js';

// The shape of one PriceList entry (a JSON document string), made up for the test.
function doc(instanceType: string | undefined, dims: Array<{ unit?: string; usd?: string }>): string {
  return JSON.stringify({
    product: { attributes: { instanceType, operatingSystem: 'Windows' } },
    terms: {
      OnDemand: {
        'SKU.TERM': {
          priceDimensions: Object.fromEntries(
            dims.map((d, i) => [`SKU.TERM.${i}`, { unit: d.unit, pricePerUnit: d.usd === undefined ? {} : { USD: d.usd } }]),
          ),
        },
      },
    },
  });
}

describe('parsePriceListProduct (AWS Price List GetProducts PriceList entries)', () => {
  it.each([
    ['one hourly price', doc('m5.large', [{ unit: 'Hrs', usd: '0.1880000000' }]), { instanceType: 'm5.large', usdPerHour: 0.188 }],
    [
      'the lowest positive of several',
      doc('c5.xlarge', [
        { unit: 'Hrs', usd: '0.4' },
        { unit: 'Hrs', usd: '0.35' },
      ]),
      { instanceType: 'c5.xlarge', usdPerHour: 0.35 },
    ],
    ['zero prices are no price', doc('m5.large', [{ unit: 'Hrs', usd: '0.0000000000' }]), null],
    ['non-hourly units are skipped', doc('m5.large', [{ unit: 'Quantity', usd: '100' }]), null],
    ['no instance type', doc(undefined, [{ unit: 'Hrs', usd: '0.1' }]), null],
    ['a bad instance type', doc('not a type', [{ unit: 'Hrs', usd: '0.1' }]), null],
  ])('%s', (_name, item, expected) => {
    expect(parsePriceListProduct(item)).toEqual(expected);
  });

  it('takes an already-parsed document too', () => {
    expect(parsePriceListProduct(JSON.parse(doc('m5.large', [{ unit: 'Hrs', usd: '0.5' }])))).toEqual({
      instanceType: 'm5.large',
      usdPerHour: 0.5,
    });
  });

  it('asks for licence-included, shared-tenancy, used-capacity Windows products without preinstalled software', () => {
    expect(Object.fromEntries(WINDOWS_PRODUCT_FILTERS)).toEqual({
      operatingSystem: 'Windows',
      preInstalledSw: 'NA',
      tenancy: 'Shared',
      capacitystatus: 'Used',
      licenseModel: 'No License required',
    });
  });
});

describe('PriceListSource against the fake Price List endpoint', () => {
  let pricing: FakePricing;
  let savedEndpoint: string | undefined;
  const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' };

  beforeAll(async () => {
    pricing = await startFakePricing([windowsProduct('eu-west-1', 'm5.large', '0.1230000000')]);
    savedEndpoint = process.env.AWS_ENDPOINT_URL_PRICING;
    process.env.AWS_ENDPOINT_URL_PRICING = pricing.url;
  });
  afterAll(async () => {
    if (savedEndpoint === undefined) delete process.env.AWS_ENDPOINT_URL_PRICING;
    else process.env.AWS_ENDPOINT_URL_PRICING = savedEndpoint;
    await pricing?.close();
  });

  it('reads a region through the SDK', async () => {
    const source = new PriceListSource({ credentials, maxAttempts: 1 });
    try {
      const read = await source.fetchWindowsPrices(['eu-west-1']);
      expect(read.regions).toEqual([{ region: 'eu-west-1', usdPerHour: new Map([['m5.large', 0.123]]), products: 1 }]);
    } finally {
      source.destroy();
    }
  });

  // The refresh waits for the Price List read while it holds the refresh lock: an endpoint that never
  // answers must fail the read after requestTimeoutMs, not keep the run RUNNING (and every later refresh
  // refused) for ever. @smithy/node-http-handler only warns when requestTimeout passes unless told to throw.
  it('gives up on an endpoint that never answers after requestTimeoutMs', async () => {
    pricing.inject({ kind: 'silent' });
    const source = new PriceListSource({ credentials, maxAttempts: 1, requestTimeoutMs: 300 });
    const started = Date.now();
    try {
      await expect(source.fetchWindowsPrices(['eu-west-1'])).rejects.toThrow(/Price List GetProducts failed for eu-west-1: TimeoutError/);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      source.destroy();
      pricing.clearFaults();
    }
  }, 10_000);
});
