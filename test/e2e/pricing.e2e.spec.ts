import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeEc2, type FakeEc2 } from '../support/fake-ec2/index.js';
import { startFakePricing, windowsProduct, type FakePricing, type FakePriceProduct } from '../support/fake-pricing/index.js';
import { adminAuth, startTestApp, type TestApp } from '../support/test-app.js';

// Windows prices and availability from the AWS Price List (pricing:GetProducts) through the real
// @aws-sdk/client-pricing, against a local endpoint (AWS_ENDPOINT_URL_PRICING) serving prices made up
// here, never copied: a refresh stores them, sizing ranks by them, a failed read keeps them.
const AWS_ENV = ['AWS_ENDPOINT_URL_EC2', 'AWS_ENDPOINT_URL_PRICING', 'AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'] as const;
const saved: Record<string, string | undefined> = {};
const REGIONS = ['eu-west-1', 'us-east-1'];

/** A made-up, deterministic price per type: different from any real list, so nothing can be looked up. */
function madeUpUsd(name: string, vcpus: number): string {
  let h = 7;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) % 1000;
  return (vcpus * 0.0731 + h / 100_000).toFixed(10);
}

const REFRESH = `mutation($regions: [String!]) {
  refreshCatalog(regions: $regions) { id status error pricingStatus pricingError pricingRegions pricingRequests }
}`;
const SIZING = `query($input: NodeGroupSizingInput!) { sizeNodeGroups(input: $input) {
  rankBy windowsPricesReadAt warnings { code message source }
  windows { instanceType nodes hourlyCostUsd accelerated price { instanceType region os usdPerHour source readAt } }
  linux { instanceType nodes hourlyCostUsd price { instanceType region os usdPerHour source readAt } } } }`;
const CAPACITY = `query($input: NodeCapacityInput!) { nodeCapacity(input: $input) {
  maxPods limitedBy warnings { code message source }
  windowsEligibility { eligible offeredByEc2 ec2Evidence region limitsTable reasons { code message source } } } }`;
const ELIGIBILITIES = `query($region: String) { windowsEligibilities(region: $region) {
  region priceListReadAt eligibleCount types { instanceType eligible offeredByEc2 ec2Evidence } } }`;

describe('AWS Price List: Windows prices and availability', () => {
  let ec2: FakeEc2;
  let pricing: FakePricing;
  let app: TestApp;
  let generated: FakePriceProduct[];
  let firstRun: any;

  beforeAll(async () => {
    for (const k of AWS_ENV) saved[k] = process.env[k];
    ec2 = await startFakeEc2();
    generated = [];
    for (const region of REGIONS) {
      for (const name of ec2.data.offerings.get(region) ?? []) {
        const t: any = ec2.data.types.get(name);
        if (!t || !t.ProcessorInfo.SupportedArchitectures.includes('x86_64')) continue;
        // eu-west-1: pretend EC2 stopped offering Windows on m5.large there.
        if (region === 'eu-west-1' && name === 'm5.large') continue;
        generated.push(windowsProduct(region, name, madeUpUsd(name, t.VCpuInfo.DefaultVCpus)));
      }
    }
    // Three xlarge types need the same 3 nodes for 40 pods (W = 14 each); made-up prices order them by cost.
    const set = (region: string, name: string, usd: string) => {
      const p = generated.find((x) => x.attributes.regionCode === region && x.attributes.instanceType === name)!;
      p.usdPerHour = usd;
    };
    set('eu-west-1', 'r5.xlarge', '0.3000000000');
    set('eu-west-1', 'm5.xlarge', '0.4000000000');
    set('eu-west-1', 'c5.xlarge', '0.5000000000');
    // Products the filters must keep out: a Linux one, a BYOL one, a dedicated one (all cheaper).
    generated.push(windowsProduct('eu-west-1', 'c5.xlarge', '0.0100000000', { operatingSystem: 'Linux' }));
    generated.push(windowsProduct('eu-west-1', 'c5.xlarge', '0.0200000000', { licenseModel: 'Bring your own license' }));
    generated.push(windowsProduct('eu-west-1', 'c5.xlarge', '0.0300000000', { tenancy: 'Dedicated' }));
    pricing = await startFakePricing(generated);
    process.env.AWS_ENDPOINT_URL_EC2 = ec2.url;
    process.env.AWS_ENDPOINT_URL_PRICING = pricing.url;
    process.env.AWS_REGION = 'us-east-1';
    process.env.AWS_ACCESS_KEY_ID = 'AKIDTEST';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
    app = await startTestApp({ env: { CATALOG_PRICE_LIST: 'on' } });
    const res = await app.gql(REFRESH, { regions: REGIONS }, adminAuth).expect(200);
    firstRun = res.body.data.refreshCatalog;
  });
  afterAll(async () => {
    await app?.close();
    await ec2?.close();
    await pricing?.close();
    for (const k of AWS_ENV) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  it('a refresh reads the Windows products of each region through the SDK and records it on the run', async () => {
    expect(firstRun).toMatchObject({ status: 'SUCCEEDED', pricingStatus: 'SUCCEEDED', pricingError: null, pricingRegions: REGIONS });
    // More than 100 products a region: paged.
    expect(firstRun.pricingRequests).toBeGreaterThan(REGIONS.length);
    const getProducts = pricing.requests.filter((r) => r.target === 'AWSPriceListService.GetProducts');
    expect(getProducts.length).toBe(firstRun.pricingRequests);
    const filters = Object.fromEntries(getProducts[0].body.Filters!.map((f) => [f.Field, f.Value]));
    expect(filters).toMatchObject({
      operatingSystem: 'Windows',
      preInstalledSw: 'NA',
      tenancy: 'Shared',
      capacitystatus: 'Used',
      licenseModel: 'No License required',
    });
    expect(getProducts[0].body.ServiceCode).toBe('AmazonEC2');
    const db = new pg.Client({ connectionString: app.databaseUrl! });
    await db.connect();
    try {
      const { rows } = await db.query(
        "SELECT usd_per_hour FROM instance_price WHERE region = 'eu-west-1' AND instance_type = 'c5.xlarge' AND operating_system = 'WINDOWS'",
      );
      expect(rows).toEqual([{ usd_per_hour: 0.5 }]); // the Linux, BYOL and dedicated products were filtered out
      const reads = await db.query('SELECT region FROM price_list_read ORDER BY region');
      expect(reads.rows.map((r) => r.region)).toEqual(REGIONS);
    } finally {
      await db.end();
    }
  });

  it('rankBy COST ranks the Windows options by the hourly price read, saying where and when (GraphQL = REST)', async () => {
    const input = {
      workload: { windowsPods: 40, windowsPodCpuMillicores: 100, windowsPodMemoryMiB: 256 },
      instanceTypes: ['c5.xlarge', 'm5.xlarge', 'r5.xlarge'],
      ipModes: ['SECONDARY_IP'],
      rankBy: 'COST',
      region: 'eu-west-1',
    };
    const gql = (await app.gql(SIZING, { input }).expect(200)).body;
    expect(gql.errors).toBeUndefined();
    const s = gql.data.sizeNodeGroups;
    // 40 pods / W = 14 -> 3 nodes each; 3 * 0.30 = 0.90 < 3 * 0.40 = 1.20 < 3 * 0.50 = 1.50
    expect(s.windows.map((o: any) => [o.instanceType, o.nodes, o.hourlyCostUsd])).toEqual([
      ['r5.xlarge', 3, 0.9],
      ['m5.xlarge', 3, 1.2],
      ['c5.xlarge', 3, 1.5],
    ]);
    expect(s.rankBy).toBe('COST');
    expect(s.windows[0].price).toMatchObject({ region: 'eu-west-1', os: 'WINDOWS', usdPerHour: 0.3 });
    expect(s.windows[0].price.source).toContain('AWS Price List');
    expect(Date.parse(s.windows[0].price.readAt)).toBeGreaterThan(Date.now() - 10 * 60_000);
    expect(s.windowsPricesReadAt).toBe(s.windows[0].price.readAt);
    const rest = await app.http.post('/api/v1/capacity/sizing').send(input).expect(200);
    expect(rest.body.windows.map((o: any) => o.instanceType)).toEqual(['r5.xlarge', 'm5.xlarge', 'c5.xlarge']);
    expect(rest.body.windows[0].price).toEqual(s.windows[0].price);
    // Ranked by nodes, c5.xlarge (the smallest) comes first: the order above is the prices'.
    const byNodes = (await app.gql(SIZING, { input: { ...input, rankBy: 'NODES' } }).expect(200)).body.data.sizeNodeGroups;
    expect(byNodes.windows[0].instanceType).toBe('c5.xlarge');
  });

  it('Linux in us-east-1: the bundled Karpenter prices, read 2026-07-20, never shown as Windows prices', async () => {
    const input = {
      workload: { linuxPods: 50, linuxPodCpuMillicores: 100, windowsPods: 10 },
      instanceTypes: ['m5.large', 'm5.xlarge'],
      rankBy: 'COST',
      region: 'us-east-1',
    };
    const s = (await app.gql(SIZING, { input }).expect(200)).body.data.sizeNodeGroups;
    const m5 = s.linux.find((o: any) => o.instanceType === 'm5.large');
    expect(m5.price).toMatchObject({ os: 'LINUX', region: 'us-east-1', usdPerHour: 0.096, readAt: '2026-07-20' });
    expect(m5.price.source).toContain('aws/karpenter-provider-aws pkg/providers/pricing/zz_generated.pricing_aws.go');
    for (const o of s.windows) if (o.price) expect(o.price.os).toBe('WINDOWS');
  });

  it('a region without a Price List read: Windows prices are unknown and the answer says so', async () => {
    const input = { workload: { windowsPods: 10 }, instanceTypes: ['m5.large'], rankBy: 'COST', region: 'ap-south-1' };
    const s = (await app.gql(SIZING, { input }).expect(200)).body.data.sizeNodeGroups;
    expect(s.windowsPricesReadAt).toBeNull();
    expect(s.windows[0].price).toBeNull();
    expect(s.warnings.map((w: any) => w.code)).toContain('PRICES_UNKNOWN');
  });

  it('no Windows product for a type in a region: EC2 does not offer Windows on it there (GraphQL = REST)', async () => {
    const input = { instanceType: 'm5.large', os: 'WINDOWS', ipMode: 'SECONDARY_IP', region: 'eu-west-1' };
    const c = (await app.gql(CAPACITY, { input }).expect(200)).body.data.nodeCapacity;
    expect(c).toMatchObject({ maxPods: 0, limitedBy: 'UNSUPPORTED' });
    expect(c.windowsEligibility).toMatchObject({ eligible: false, offeredByEc2: false, ec2Evidence: 'PRICE_LIST', region: 'eu-west-1' });
    const reason = c.windowsEligibility.reasons.find((r: any) => r.code === 'WINDOWS_NOT_OFFERED_BY_EC2');
    expect(reason.message).toContain("UnsupportedOperation: Microsoft Windows is not supported for the instance type 'm5.large'");
    const rest = await app.http
      .get('/api/v1/capacity/m5.large')
      .query({ os: 'windows', ipMode: 'secondary-ip', region: 'eu-west-1' })
      .expect(200);
    expect(rest.body.windowsEligibility).toMatchObject({ offeredByEc2: false, ec2Evidence: 'PRICE_LIST' });
    // us-east-1 has its product: eligible there.
    const east = (await app.gql(CAPACITY, { input: { ...input, region: 'us-east-1' } }).expect(200)).body.data.nodeCapacity;
    expect(east).toMatchObject({ maxPods: 9, windowsEligibility: { eligible: true, ec2Evidence: 'PRICE_LIST' } });
    const one = await app.http.get('/api/v1/capacity/m5.large/windows-eligibility').query({ region: 'eu-west-1' }).expect(200);
    expect(one.body).toMatchObject({ instanceType: 'm5.large', offeredByEc2: false });
  });

  it('windowsEligibilities for the whole catalog follow the read region, and the known list elsewhere', async () => {
    const west = (await app.gql(ELIGIBILITIES, { region: 'eu-west-1' }).expect(200)).body.data.windowsEligibilities;
    expect(west.priceListReadAt).not.toBeNull();
    expect(west.types.find((t: any) => t.instanceType === 'm5.large')).toMatchObject({ eligible: false, ec2Evidence: 'PRICE_LIST' });
    const none = (await app.gql(ELIGIBILITIES, {}).expect(200)).body.data.windowsEligibilities;
    expect(none.types.every((t: any) => t.ec2Evidence === 'KNOWN_LIST')).toBe(true);
    expect(none.types.find((t: any) => t.instanceType === 'p5.48xlarge')).toMatchObject({ eligible: false, offeredByEc2: false });
    const rest = await app.http.get('/api/v1/capacity/windows-eligibility').query({ region: 'eu-west-1' }).expect(200);
    expect(rest.body.eligibleCount).toBe(west.eligibleCount);
  });

  it('a failed Price List read keeps the previous prices, is recorded, and never fails the catalog refresh', async () => {
    pricing.inject({ kind: 'error', status: 500, code: 'InternalErrorException', message: 'price list down' });
    const before = pricing.requests.length;
    try {
      const run = (await app.gql(REFRESH, { regions: REGIONS }, adminAuth).expect(200)).body.data.refreshCatalog;
      expect(run).toMatchObject({ status: 'SUCCEEDED', error: null, pricingStatus: 'FAILED', pricingRegions: [] });
      // The failed calls are calls the run made: each region's first page was asked for (the SDK's
      // retries of a call are attempts of that call, not more calls).
      expect(run.pricingRequests).toBe(REGIONS.length);
      expect(pricing.requests.length - before).toBeGreaterThanOrEqual(run.pricingRequests);
      expect(run.pricingError).toContain('price list down');
      const rest = await app.http.get(`/api/v1/catalog/refreshes/${run.id}`).expect(200);
      expect(rest.body).toMatchObject({ pricingStatus: 'FAILED' });
    } finally {
      pricing.clearFaults();
    }
    const input = {
      workload: { windowsPods: 40, windowsPodCpuMillicores: 100 },
      instanceTypes: ['r5.xlarge'],
      ipModes: ['SECONDARY_IP'],
      rankBy: 'COST',
      region: 'eu-west-1',
    };
    const s = (await app.gql(SIZING, { input }).expect(200)).body.data.sizeNodeGroups;
    expect(s.windows[0].price).toMatchObject({ usdPerHour: 0.3 });
  });
});
