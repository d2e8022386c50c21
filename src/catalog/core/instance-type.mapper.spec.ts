import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../../common/project-path.js';
import { MalformedInstanceTypeRecordError, mapInstanceTypeRecord, type RawInstanceTypeRecord } from './instance-type.mapper.js';

const shared = JSON.parse(readFileSync(projectPath('..', 'shared', 'data', 'ec2', 'instance-types.json'), 'utf8')) as Record<
  string,
  RawInstanceTypeRecord
>;

describe('mapInstanceTypeRecord', () => {
  it('maps every record of the shared EC2 data (getmoto/moto moto/ec2/resources/instance_types.json)', () => {
    for (const raw of Object.values(shared)) expect(() => mapInstanceTypeRecord(raw)).not.toThrow();
  });

  it.each([
    // EC2 DescribeInstanceTypes NetworkInfo.NetworkCards: E is the default card's MaximumNetworkInterfaces, not the sum over cards
    ['p5.48xlarge', { maxNetworkInterfaces: 64, defaultCardNetworkInterfaces: 2, hypervisor: 'nitro', bareMetal: false }],
    ['m5.large', { maxNetworkInterfaces: 3, defaultCardNetworkInterfaces: 3, ipv4AddressesPerInterface: 10, family: 'm5', size: 'large' }],
    // EC2 DescribeInstanceTypes: bare metal has no Hypervisor
    ['m5.metal', { hypervisor: null, bareMetal: true }],
    ['t2.medium', { hypervisor: 'xen', ipv4AddressesPerInterface: 6 }],
    ['mac1.metal', { architectures: ['x86_64_mac'] }],
  ])('%s', (name, expected) => {
    expect(mapInstanceTypeRecord(shared[name])).toMatchObject(expected);
  });

  const m5 = shared['m5.large'];
  it.each([
    ['no name', { ...m5, InstanceType: undefined }, 'InstanceType'],
    ['a name with spaces', { ...m5, InstanceType: 'm5 large' }, 'InstanceType'],
    ['no NetworkInfo', { ...m5, NetworkInfo: undefined }, 'NetworkInfo'],
    [
      'no IPv4 per interface',
      { ...m5, NetworkInfo: { ...m5.NetworkInfo, Ipv4AddressesPerInterface: undefined } },
      'Ipv4AddressesPerInterface',
    ],
    ['zero IPv4 per interface', { ...m5, NetworkInfo: { ...m5.NetworkInfo, Ipv4AddressesPerInterface: 0 } }, 'Ipv4AddressesPerInterface'],
    ['a negative interface count', { ...m5, NetworkInfo: { ...m5.NetworkInfo, MaximumNetworkInterfaces: -1 } }, 'MaximumNetworkInterfaces'],
    ['no vCPUs', { ...m5, VCpuInfo: {} }, 'DefaultVCpus'],
    ['no architectures', { ...m5, ProcessorInfo: { SupportedArchitectures: [] } }, 'SupportedArchitectures'],
    ['an unknown hypervisor', { ...m5, Hypervisor: 'kvm' }, 'Hypervisor'],
  ])('rejects a record with %s', (_label, raw, field) => {
    expect(() => mapInstanceTypeRecord(raw as RawInstanceTypeRecord)).toThrow(MalformedInstanceTypeRecordError);
    expect(() => mapInstanceTypeRecord(raw as RawInstanceTypeRecord)).toThrow(field);
  });
});
