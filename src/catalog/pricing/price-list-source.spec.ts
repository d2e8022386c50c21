import { describe, expect, it } from 'vitest';
import { parsePriceListProduct, WINDOWS_PRODUCT_FILTERS } from './price-list-source.js';

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
