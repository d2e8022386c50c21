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

  // An empty /23: 32 aligned blocks, the first and last unusable: 30 free.
  const emptySlash23 = [{ subnetCidr: '10.0.2.0/23' }];
  it.each([
    // m5.8xlarge (32 vCPUs): max-pods 250 (W = 29 * 16 = 464), 750 pods on 3 nodes = 250 a node ->
    // ceil(251 / 16) = 16 prefixes + 1 = 17 a node, 51 > 30. At the default 110 it would be 3 * (7 + 1) = 24 <= 30.
    { name: "m5.8xlarge's max-pods 250: 3 * (16 + 1) = 51 > 30", instanceType: 'm5.8xlarge', windowsPods: 750, fragmented: true },
    // m5.large, 900 pods: 110 a node -> ceil(900 / 110) = 9 nodes, not the 3 planned; ceil(900 / 9) = 100 a node ->
    // ceil(101 / 16) = 7 prefixes + 1 = 8 a node, 9 * 8 = 72 > 30. On the 3 planned nodes it would be 3 * 8 = 24 <= 30.
    { name: 'm5.large needing 9 nodes, not 3: 9 * (7 + 1) = 72 > 30', instanceType: 'm5.large', windowsPods: 900, fragmented: true },
    // m5.large, 330 pods: 110 a node on the 3 planned nodes -> 3 * 8 = 24 <= 30.
    { name: 'm5.large on its 3 planned nodes: 3 * (7 + 1) = 24 <= 30', instanceType: 'm5.large', windowsPods: 330, fragmented: false },
  ])('the demand uses the per-group figures: $name', ({ instanceType, windowsPods, fragmented }) => {
    const groups = input({}).nodeGroups.map((g) => (g.os === 'WINDOWS' ? { ...g, instanceType, subnetCidrs: ['10.0.2.0/23'] } : g));
    const out = recommend(input({ nodeGroups: groups, windowsPods, subnetAllocations: emptySlash23 }));
    expect(out.input.subnetsFragmented).toBe(fragmented);
    const pd = out.options.find((o) => o.option === 'VPC_CNI_PREFIX_DELEGATION')!.consequences.find((c) => c.nodeGroup === 'windows')!;
    expect(pd.effectiveIpMode).toBe('PREFIX_DELEGATION');
  });

  it('a Windows group with no planned node still counts the nodes its pods need', () => {
    const groups = input({}).nodeGroups.map((g) => (g.os === 'WINDOWS' ? { ...g, nodes: 0 } : g));
    // 330 pods, 110 a node: 3 nodes needed, 3 * (7 + 1) = 24 blocks > the 14 - 2 = 12 free (before: 0 nodes, no demand).
    const out = recommend(
      input({
        nodeGroups: groups,
        windowsPods: 330,
        subnetAllocations: [{ subnetCidr: '10.0.0.0/24', networkInterfacesJson: interfacesIn([1, 2]) }],
      }),
    );
    expect(out.input.subnetsFragmented).toBe(true);
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
