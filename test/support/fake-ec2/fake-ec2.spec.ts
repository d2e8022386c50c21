import {
  DescribeInstanceTypeOfferingsCommand,
  DescribeInstanceTypesCommand,
  DescribeRegionsCommand,
  EC2Client,
  InstanceTypeInfo$,
  paginateDescribeInstanceTypes,
  type InstanceTypeInfo,
  type _InstanceType,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeBody } from './ec2-xml.js';
import { readEc2DataFiles } from './fake-ec2-data.js';
import { startFakeEc2, type FakeEc2 } from './fake-ec2.js';

const credentials = { accessKeyId: 'AKIDFAKE', secretAccessKey: 'fake-secret' };

function client(ec2: FakeEc2, region = 'us-east-1', maxAttempts = 1): EC2Client {
  return new EC2Client({ region, endpoint: ec2.url, credentials, maxAttempts });
}

describe('fake EC2 XML serialiser', () => {
  it('writes the element names EC2 uses', () => {
    const { types } = readEc2DataFiles();
    const xml = serializeBody(InstanceTypeInfo$, types['p5.48xlarge']);
    for (const name of [
      '<instanceType>p5.48xlarge</instanceType>',
      '<supportedArchitectures><item>x86_64</item></supportedArchitectures>',
      '<networkCards><item><networkCardIndex>0</networkCardIndex>',
      '<ipv4AddressesPerInterface>',
      '<memoryInfo><sizeInMiB>',
      '<vCpuInfo><defaultVCpus>192</defaultVCpus>',
      '<defaultNetworkCardIndex>0</defaultNetworkCardIndex>',
    ]) {
      expect(xml).toContain(name);
    }
  });
});

describe('fake EC2 through the real SDK', () => {
  let ec2: FakeEc2;
  const { types, offerings } = readEc2DataFiles();

  beforeAll(async () => {
    ec2 = await startFakeEc2();
  });
  afterAll(async () => {
    await ec2?.close();
  });

  it('round-trips every one of the 1,373 records deep-equal to the JSON', async () => {
    const all = Object.keys(types);
    expect(all).toHaveLength(1373);
    const fake = await startFakeEc2({ offerings: { 'us-east-1': all }, types });
    try {
      const c = client(fake);
      const got: InstanceTypeInfo[] = [];
      for await (const page of paginateDescribeInstanceTypes({ client: c, pageSize: 100 }, {})) {
        got.push(...(page.InstanceTypes ?? []));
      }
      c.destroy();
      expect(fake.count({ action: 'DescribeInstanceTypes' })).toBe(14);
      expect(got).toHaveLength(1373);
      for (const record of got) {
        expect(record, record.InstanceType).toStrictEqual(types[record.InstanceType!]);
      }
    } finally {
      await fake.close();
    }
  });

  it('lists regions with endpoint and opt-in status, hiding not-opted-in ones unless AllRegions', async () => {
    const fake = await startFakeEc2({ optInStatus: { 'af-south-1': 'not-opted-in' } });
    try {
      const c = client(fake);
      const enabled = await c.send(new DescribeRegionsCommand({}));
      expect(enabled.Regions).toHaveLength(29);
      expect(enabled.Regions).toContainEqual({
        RegionName: 'eu-west-1',
        Endpoint: 'ec2.eu-west-1.amazonaws.com',
        OptInStatus: 'opt-in-not-required',
      });
      expect(enabled.Regions?.find((r) => r.RegionName === 'me-south-1')?.OptInStatus).toBe('opted-in');
      const all = await c.send(new DescribeRegionsCommand({ AllRegions: true }));
      expect(all.Regions).toHaveLength(30);
      c.destroy();
    } finally {
      await fake.close();
    }
  });

  it('refuses a call signed for a region the account has not opted in to, as EC2 does (401 AuthFailure)', async () => {
    const fake = await startFakeEc2({ optInStatus: { 'af-south-1': 'not-opted-in' } });
    try {
      const c = client(fake, 'af-south-1');
      const err = await c.send(new DescribeInstanceTypeOfferingsCommand({ LocationType: 'region' })).catch((e: unknown) => e as any);
      c.destroy();
      expect(err.name).toBe('AuthFailure');
      expect(err.$metadata.httpStatusCode).toBe(401);
      expect(err.message).toBe('AWS was not able to validate the provided access credentials');
    } finally {
      await fake.close();
    }
  });

  it('answers DescribeInstanceTypes with the types offered in the signing region, paged', async () => {
    const c = client(ec2, 'eu-south-2');
    const names: string[] = [];
    for await (const page of paginateDescribeInstanceTypes({ client: c, pageSize: 100 }, {})) {
      names.push(...(page.InstanceTypes ?? []).map((t) => t.InstanceType!));
    }
    c.destroy();
    expect(names.sort()).toEqual([...offerings['eu-south-2']].sort());
    expect(ec2.regionsCalled('DescribeInstanceTypes')).toEqual(['eu-south-2']);
    expect(ec2.count({ action: 'DescribeInstanceTypes', region: 'eu-south-2' })).toBe(Math.ceil(offerings['eu-south-2'].length / 100));
  });

  it('filters by InstanceType.N and rejects unknown ones and MaxResults > 100', async () => {
    const c = client(ec2);
    const out = await c.send(new DescribeInstanceTypesCommand({ InstanceTypes: ['m5.large', 't3.micro'] }));
    expect(out.InstanceTypes?.map((t) => t.InstanceType)).toEqual(['m5.large', 't3.micro']);
    await expect(c.send(new DescribeInstanceTypesCommand({ InstanceTypes: ['zz9.huge' as _InstanceType] }))).rejects.toMatchObject({
      name: 'InvalidInstanceType',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(c.send(new DescribeInstanceTypesCommand({ MaxResults: 101 }))).rejects.toMatchObject({
      name: 'InvalidParameterValue',
    });
    c.destroy();
  });

  it('pages offerings per region', async () => {
    const c = client(ec2, 'ap-south-1');
    const out = await c.send(new DescribeInstanceTypeOfferingsCommand({ LocationType: 'region', MaxResults: 5 }));
    expect(out.InstanceTypeOfferings).toHaveLength(5);
    expect(out.InstanceTypeOfferings?.[0]).toEqual({
      InstanceType: [...offerings['ap-south-1']].sort()[0],
      LocationType: 'region',
      Location: 'ap-south-1',
    });
    expect(out.NextToken).toBeTruthy();
    c.destroy();
  });

  it('rejects a region it does not know with AuthFailure', async () => {
    const c = client(ec2, 'xx-nowhere-1');
    await expect(c.send(new DescribeRegionsCommand({}))).rejects.toMatchObject({ name: 'AuthFailure' });
    c.destroy();
  });

  it('injects throttling, errors, malformed records and delays per action and page', async () => {
    const fake = await startFakeEc2();
    try {
      const c = client(fake);
      const t = fake.inject({ action: 'DescribeRegions', times: 1, fault: { kind: 'throttle' } });
      await expect(c.send(new DescribeRegionsCommand({}))).rejects.toMatchObject({
        name: 'RequestLimitExceeded',
        $metadata: { httpStatusCode: 503 },
      });
      expect(t.hits).toBe(1);
      await expect(c.send(new DescribeRegionsCommand({}))).resolves.toBeTruthy();

      fake.inject({ action: 'DescribeInstanceTypes', page: 2, fault: { kind: 'error' } });
      const first = await c.send(new DescribeInstanceTypesCommand({}));
      await expect(c.send(new DescribeInstanceTypesCommand({ NextToken: first.NextToken }))).rejects.toMatchObject({
        name: 'InternalError',
        $metadata: { httpStatusCode: 500 },
      });
      fake.clearFaults();

      fake.inject({ action: 'DescribeInstanceTypes', fault: { kind: 'malformed', instanceType: 'm5.large' } });
      const bad = await c.send(new DescribeInstanceTypesCommand({ InstanceTypes: ['m5.large'] }));
      expect(bad.InstanceTypes?.[0].NetworkInfo?.Ipv4AddressesPerInterface).toBeUndefined();
      expect(bad.InstanceTypes?.[0].NetworkInfo?.MaximumNetworkInterfaces).toBe(3);
      fake.clearFaults();

      fake.inject({ action: 'DescribeRegions', times: 1, fault: { kind: 'delay', ms: 150 } });
      const started = Date.now();
      await c.send(new DescribeRegionsCommand({}));
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      c.destroy();
    } finally {
      await fake.close();
    }
  });

  it('serves added, changed and removed types', async () => {
    const fake = await startFakeEc2({
      mutate: (data) => {
        const m5 = data.types.get('m5.large')!;
        data.types.set('m5.large', { ...m5, NetworkInfo: { ...(m5.NetworkInfo as object), Ipv4AddressesPerInterface: 99 } });
      },
    });
    try {
      fake.putType({ ...types['m5.large'], InstanceType: 'zz1.large' }, ['us-east-1']);
      fake.removeType('t3.micro');
      const c = client(fake);
      const out = await c.send(new DescribeInstanceTypesCommand({ InstanceTypes: ['m5.large', 'zz1.large' as _InstanceType] }));
      expect(out.InstanceTypes?.map((t) => [t.InstanceType, t.NetworkInfo?.Ipv4AddressesPerInterface])).toEqual([
        ['m5.large', 99],
        ['zz1.large', 10],
      ]);
      await expect(c.send(new DescribeInstanceTypesCommand({ InstanceTypes: ['t3.micro'] }))).rejects.toMatchObject({
        name: 'InvalidInstanceType',
      });
      c.destroy();
    } finally {
      await fake.close();
    }
    // The shared copy is untouched.
    expect((types['m5.large'].NetworkInfo as { Ipv4AddressesPerInterface: number }).Ipv4AddressesPerInterface).toBe(10);
  });
});
