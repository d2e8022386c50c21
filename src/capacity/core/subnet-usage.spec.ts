import { describe, expect, it } from 'vitest';
import { DomainError } from '../../common/domain-error.js';
import { facts } from './capacity.test-fixtures.js';
import { parseIpv4Cidr } from './ipv4-cidr.js';
import { computeNodeCapacity } from './node-capacity.js';
import { computeSubnetUsage, type SubnetUsageInput } from './subnet-usage.js';

function base(over: Partial<SubnetUsageInput> = {}): SubnetUsageInput {
  return {
    instanceType: facts('m5.large'),
    nodeCount: 10,
    os: 'WINDOWS',
    ipMode: 'SECONDARY_IP',
    podsPerNode: 5,
    subnetCidrs: ['10.0.0.0/24'],
    ...over,
  };
}

describe('parseIpv4Cidr (EC2 CreateSubnet sizes)', () => {
  it.each([
    ['10.0.0.0/16', 65536],
    ['10.0.0.0/24', 256],
    ['192.168.1.240/28', 16],
  ])('%s has %i addresses', (cidr, size) => {
    expect(parseIpv4Cidr(cidr).size).toBe(size);
  });
});

describe('computeSubnetUsage', () => {
  it('VPCRC secondary doc: 10 m5.large Windows nodes, 5 pods, default warm 3 / minimum 3, in a /24', () => {
    const r = computeSubnetUsage(base());
    // secondary = min(9, max(5 + 3, 3)) = 8; per node 1 + 8 = 9; 10 * 9 = 90
    expect(r.ipsPerNode).toBe(9);
    expect(r.warmIpsPerNode).toBe(3);
    expect(r.totalIps).toBe(90);
    // /24: 2^(32 - 24) - 5 = 251 usable; floor(251 / 9) = 27 nodes; 27 - 10 = 17 to spare
    expect(r.usableAddresses).toBe(251);
    expect(r.verdict).toMatchObject({ fits: true, nodesThatFit: 27, spareNodes: 17, exhaustedAtNode: null, limitedBy: 'ADDRESSES' });
    expect(r.formula).toContain('total IPs = nodes * IPs per node = 10 * 9 = 90');
  });

  it("with the node's capacity given, lists that capacity's warnings once (its churn warning included)", () => {
    const capacity = computeNodeCapacity({
      instanceType: facts('m5.large'),
      os: 'WINDOWS',
      ipMode: 'PREFIX_DELEGATION',
      podChurnPer30s: 3,
    });
    const r = computeSubnetUsage(base({ ipMode: 'PREFIX_DELEGATION', podsPerNode: 30 }), capacity);
    const codes = r.warnings.map((w) => w.code);
    expect(codes.filter((c) => c === 'WINDOWS_PREFIX_DELEGATION_NO_FALLBACK')).toHaveLength(1);
    expect(codes.filter((c) => c === 'WINDOWS_IP_COOLDOWN')).toHaveLength(1);
    expect(r.warnings.slice(0, capacity.warnings.length)).toEqual(capacity.warnings);
    // Without it the usage computes its own (no churn there): same figures.
    expect(computeSubnetUsage(base({ ipMode: 'PREFIX_DELEGATION', podsPerNode: 30 })).ipsPerNode).toBe(r.ipsPerNode);
  });

  it("refuses a capacity of another node than the usage's", () => {
    const capacity = computeNodeCapacity({ instanceType: facts('m5.large'), os: 'WINDOWS', ipMode: 'SECONDARY_IP' });
    expect(() => computeSubnetUsage(base({ ipMode: 'PREFIX_DELEGATION' }), capacity)).toThrow(
      'computeSubnetUsage: the capacity given is of another node than WINDOWS m5.large PREFIX_DELEGATION',
    );
  });

  it('BPG prefix-mode_windows: Windows PD needs aligned /28s; a /24 holds 7 nodes of 2 prefixes', () => {
    const r = computeSubnetUsage(base({ ipMode: 'PREFIX_DELEGATION', podsPerNode: 30 }));
    // prefixes = ceil(max(30 + 1, 3) / 16) = 2; per node 1 + 2 * 16 = 33
    expect(r.prefixesPerNode).toBe(2);
    expect(r.ipsPerNode).toBe(33);
    // /24: 2^(28 - 24) = 16 blocks, first and last unusable: 14; 7 nodes * 2 = 14 blocks, their 7 primary IPs
    // fit in the 27 free addresses of the first and last blocks. Node 8 has no aligned block left.
    expect(r.subnets[0]).toMatchObject({ alignedBlocks: 16, usableAlignedBlocks: 14 });
    expect(r.prefixBlocksNeeded).toBe(20);
    expect(r.prefixBlocksAvailable).toBe(14);
    expect(r.verdict).toMatchObject({ fits: false, nodesThatFit: 7, exhaustedAtNode: 8, limitedBy: 'PREFIX_BLOCKS' });
    expect(r.warnings.map((w) => w.code)).toContain('PREFIX_FRAGMENTATION_RISK');
  });

  it("shows the condition each subnet's count of PD nodes meets, with its values", () => {
    const r = computeSubnetUsage(
      base({ ipMode: 'PREFIX_DELEGATION', podsPerNode: 110, nodeCount: 1000, subnetCidrs: ['10.0.0.0/16', '10.1.0.0/24'] }),
    );
    // 7 prefixes a node; in the /16, 4094 usable blocks: n * 7 + ceil(max(0, n - 27) / 16) <= 4094
    // holds for 579 (4053 + 35 = 4088) and not for 580 (4060 + 35 = 4095).
    expect(r.prefixesPerNode).toBe(7);
    expect(r.formula).toContain(
      '10.0.0.0/16: nodes at best = largest n with n * 7 + ceil(max(0, n * 1 - 27) / 16) <= 4094 = 579 ' +
        '(each node 7 aligned /28 and 1 scattered /32; 27 addresses of the edge blocks take /32s)',
    );
    // The /24: 14 usable blocks hold 2 nodes of 7, their /32s in the edge blocks.
    expect(r.formula).toContain(
      '10.1.0.0/24: nodes at best = largest n with n * 7 + ceil(max(0, n * 1 - 27) / 16) <= 14 = 2 ' +
        '(each node 7 aligned /28 and 1 scattered /32; 27 addresses of the edge blocks take /32s)',
    );
    expect(r.formula).toContain('nodes that fit at best = 579 + 2 = 581');
    expect(r.verdict.nodesThatFit).toBe(581);
  });

  it('refuses more pods than a node runs, and on Linux says the 2 host-network pods take no VPC IP', () => {
    expect(() => computeSubnetUsage(base({ os: 'LINUX', podsPerNode: 30 }))).toThrow(
      /30 pods per node is above what a LINUX m5\.large node runs in SECONDARY_IP: 27 pods with VPC IPs = maxPods - 2 host-network pods \(aws-node, kube-proxy\) = 29 - 2; maxPods = /,
    );
    expect(() => computeSubnetUsage(base({ podsPerNode: 10 }))).toThrow(
      /above what a WINDOWS m5\.large node runs in SECONDARY_IP: 9 \(maxPods = /,
    );
  });

  it('VPCCNI eni-and-ip-target: Linux WARM_ENI_TARGET=1 over two /26 subnets, node 3 exhausts', () => {
    const r = computeSubnetUsage(base({ os: 'LINUX', nodeCount: 3, podsPerNode: 10, subnetCidrs: ['10.0.0.0/26', '10.0.0.64/26'] }));
    // ENIs = min(3, ceil(10 / 9) + 1) = 3; 3 * 9 = 27 secondary; per node 3 + 27 = 30
    expect(r.ipsPerNode).toBe(30);
    // each /26: 64 - 5 = 59 usable, floor(59 / 30) = 1 node; 1 + 1 = 2 nodes; node 3 exhausts
    expect(r.usableAddresses).toBe(118);
    expect(r.verdict).toMatchObject({ fits: false, nodesThatFit: 2, exhaustedAtNode: 3 });
  });

  it.each([
    // m5.large: E = 3, I = 10. 5 pods: ENIs = ceil(5 / 9) + WARM_ENI_TARGET 1 = 2 pod ENIs, 18 secondary IPs, 20 addresses.
    { name: 'plain', over: {}, enis: 2, ips: 20 },
    // Custom networking: the primary ENI carries no pods but keeps its address (UG custom-networking).
    { name: 'custom networking', over: { customNetworking: true }, enis: 3, ips: 21 },
    // Security groups for pods: the trunk ENI takes an address and no pod IPs (UG security-groups-for-pods).
    { name: 'security groups for pods', over: { securityGroupsForPods: true }, enis: 3, ips: 21 },
    // Both: E - 2 = 1 pod ENI (9 secondary), plus the primary and the trunk.
    { name: 'both', over: { customNetworking: true, securityGroupsForPods: true }, enis: 3, ips: 12 },
    // maxEnis 1 with custom networking: no ENI may carry pods, only the primary's address is used.
    { name: 'custom networking, maxEnis 1, no pods', over: { customNetworking: true, maxEnis: 1, podsPerNode: 0 }, enis: 1, ips: 1 },
  ])('Linux ENIs that carry no pod IPs still take an address each: $name', ({ over, enis, ips }) => {
    const r = computeSubnetUsage(base({ os: 'LINUX', podsPerNode: 5, ...over }));
    expect({ enis: r.enisPerNode, ips: r.ipsPerNode }).toEqual({ enis, ips });
    if (Object.keys(over).length > 0) expect(r.formula.join('\n')).toContain('ENIs without pod IPs');
  });

  it('Linux WARM_IP_TARGET/MINIMUM_IP_TARGET keep fewer addresses', () => {
    const r = computeSubnetUsage(
      base({
        os: 'LINUX',
        nodeCount: 3,
        podsPerNode: 10,
        warmPool: { warmIpTarget: 2, minimumIpTarget: 12 },
        subnetCidrs: ['10.0.0.0/26'],
      }),
    );
    // secondary = max(10 + 2, 12) = 12 on ceil(12 / 9) = 2 ENIs; per node 2 + 12 = 14; floor(59 / 14) = 4 nodes
    expect(r.ipsPerNode).toBe(14);
    expect(r.verdict).toMatchObject({ fits: true, nodesThatFit: 4, spareNodes: 1 });
  });

  it.each([
    ['malformed CIDR', { subnetCidrs: ['10.0.0/24'] }, 'cidr-format'],
    ['octet above 255', { subnetCidrs: ['10.0.0.256/24'] }, 'cidr-format'],
    ['leading zero', { subnetCidrs: ['10.0.0.01/24'] }, 'cidr-format'],
    ['overlapping subnets', { subnetCidrs: ['10.0.0.0/24', '10.0.0.128/25'] }, 'cidr-overlap'],
    ['duplicate subnets', { subnetCidrs: ['10.0.0.0/24', '10.0.0.0/24'] }, 'cidr-overlap'],
    ['/15 (EC2 CreateSubnet allows /16../28)', { subnetCidrs: ['10.0.0.0/15'] }, 'subnet-prefix-length'],
    ['/29', { subnetCidrs: ['10.0.0.0/29'] }, 'subnet-prefix-length'],
    ['host bits set', { subnetCidrs: ['10.0.0.1/24'] }, 'cidr-aligned'],
    ['no subnet', { subnetCidrs: [] }, 'required'],
    ['negative node count', { nodeCount: -1 }, 'non-negative-integer'],
    ['fractional node count', { nodeCount: 1.5 }, 'non-negative-integer'],
    ['negative pods', { podsPerNode: -2 }, 'non-negative-integer'],
    ['negative warm target', { warmPool: { warmIpTarget: -1 } }, 'non-negative-integer'],
    ['pods above the node (m5.large Windows secondary holds 9)', { podsPerNode: 10 }, 'above-node-capacity'],
    ['WARM_ENI_TARGET on Windows', { warmPool: { warmEniTarget: 1 } }, 'windows-target'],
  ])('refuses %s with a validation error', (_name, over, rule) => {
    let caught: unknown;
    try {
      computeSubnetUsage(base(over as Partial<SubnetUsageInput>));
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect((caught as DomainError).code).toBe('VALIDATION_FAILED');
    expect((caught as DomainError).details).toMatchObject({ rule });
  });

  it('says why the host-bits CIDR is wrong', () => {
    expect(() => parseIpv4Cidr('10.0.0.1/24')).toThrow('the network is 10.0.0.0/24');
  });
});
