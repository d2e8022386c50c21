import { describe, expect, it } from 'vitest';
import { readBundledSnapshot } from '../../catalog/bundled-catalog.js';
import { DomainError, ErrorCode } from '../../common/domain-error.js';
import { recommendCni, type CniRecommendationInput } from './index.js';
import { toCniPlan } from '../cni-input.resolution.js';

// recommendCni with the subnets' real allocations in place of subnetsFragmented: fragmented when the
// free aligned /28 blocks cannot hold the Windows PD demand, worst case nodes * (prefixes + 1), the prefixes
// being what the controller attaches with its default warm pool, ceil(max(pods + 1, 3) / 16)
// (VPCRC docs/windows/prefix_delegation_config_options.md; BPG prefix-mode_windows.adoc; the blocks from the
// capacity core's mapSubnetPrefixes).

const byName = new Map(readBundledSnapshot().types.map((t) => [t.name, t]));
const lookup = (name: string) => {
  const t = byName.get(name);
  if (!t) throw new DomainError(ErrorCode.INSTANCE_TYPE_NOT_FOUND, `no instance type ${name}`);
  return t;
};
/** The core on an input as the service hands it over: checked at the edge, instance types resolved. */
const recommend = (input: CniRecommendationInput) => recommendCni(toCniPlan(input, lookup));

/** describe-network-interfaces output with one ENI holding one address in each given /28 block of 10.0.0.0/24. */
const interfacesIn = (blocks: number[]) =>
  JSON.stringify({
    NetworkInterfaces: blocks.map((b, i) => ({
      NetworkInterfaceId: `eni-${i}`,
      PrivateIpAddresses: [{ Primary: true, PrivateIpAddress: `10.0.0.${b * 16 + 5}` }],
    })),
  });

const input = (over: Partial<CniRecommendationInput>): CniRecommendationInput => ({
  kubernetesVersion: '1.31',
  nodeGroups: [
    { name: 'windows', os: 'WINDOWS', instanceType: 'm5.large', nodes: 3, subnetCidrs: ['10.0.0.0/24'] },
    { name: 'linux', os: 'LINUX', instanceType: 'm5.large', nodes: 2, subnetCidrs: ['10.0.1.0/24'] },
  ],
  windowsPods: 90,
  linuxPods: 20,
  ...over,
});

describe('recommendCni: subnetAllocations in place of subnetsFragmented', () => {
  it.each([
    // 90 pods on 3 nodes = 30 a node -> ceil(30 / 16) = 2 prefixes + 1 spoiled block = 3 a node, 9 needed.
    // Empty /24: 16 - 2 = 14 free >= 9: not fragmented.
    { name: 'empty /24: 14 free blocks hold 3 * (2 + 1) = 9', blocks: [], fragmented: false },
    // /32s in blocks 1-7: 14 - 7 = 7 free < 9: fragmented.
    { name: '/32s scattered over 7 blocks: 7 free < 9', blocks: [1, 2, 3, 4, 5, 6, 7], fragmented: true },
    // 48 pods on 3 nodes = 16 a node -> ceil(max(16 + 1, 3) / 16) = 2 prefixes (the warm IP needs a second one),
    // 3 a node, 9 needed; /32s in blocks 1-6 leave 8 free < 9: fragmented (at ceil(16 / 16) = 1 it would not be).
    { name: '16 pods a node take 2 prefixes with the warm IP: 8 free < 9', blocks: [1, 2, 3, 4, 5, 6], windowsPods: 48, fragmented: true },
    // 45 pods = 15 a node -> ceil(16 / 16) = 1 prefix, 2 a node, 6 needed <= 8.
    { name: '15 pods a node fit one prefix with the warm IP: 8 free >= 6', blocks: [1, 2, 3, 4, 5, 6], windowsPods: 45, fragmented: false },
  ])('$name', ({ blocks, fragmented, windowsPods }) => {
    const over = windowsPods !== undefined ? { windowsPods } : {};
    const derived = recommend(
      input({ ...over, subnetAllocations: [{ subnetCidr: '10.0.0.0/24', networkInterfacesJson: interfacesIn(blocks) }] }),
    );
    const stated = recommend(input({ ...over, subnetsFragmented: fragmented }));
    expect(derived.input.subnetsFragmented).toBe(fragmented);
    expect(derived.options.map((o) => [o.option, o.verdict])).toEqual(stated.options.map((o) => [o.option, o.verdict]));
  });

  it('subnetsFragmented, when given, wins', () => {
    const out = recommend(
      input({
        subnetsFragmented: false,
        subnetAllocations: [{ subnetCidr: '10.0.0.0/24', networkInterfacesJson: interfacesIn([1, 2, 3, 4, 5, 6, 7]) }],
      }),
    );
    expect(out.input.subnetsFragmented).toBe(false);
  });

  it('malformed allocation JSON names the subnet it belongs to', () => {
    try {
      recommend(input({ subnetAllocations: [{ subnetCidr: '10.0.0.0/24', networkInterfacesJson: '{"NetworkInterfaces": [' }] }));
      expect.unreachable();
    } catch (e) {
      expect((e as DomainError).details).toMatchObject({ field: 'subnetAllocations[0].networkInterfacesJson', rule: 'malformed-json' });
    }
  });
});
