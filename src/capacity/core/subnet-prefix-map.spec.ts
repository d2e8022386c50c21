import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../common/domain-error.js';
import { projectPath } from '../../common/project-path.js';
import { facts } from './capacity.test-fixtures.js';
import { mapSubnetPrefixes, type PrefixBlockKind } from './subnet-prefix-map.js';
import { renderSubnetPrefixSvg } from './subnet-prefix-map.svg.js';

// A subnet's real /28 blocks (EC2 CreateSubnet reserves the first four addresses and the last one;
// prefix delegation needs whole free aligned /28s: BPG prefix-mode_windows.adoc; InsufficientCidrBlocks
// without fallback: VPCRC pkg/pool/pool.go). Fixtures are what the aws CLI prints.

const fixture = (name: string) => readFileSync(projectPath('test', 'fixtures', 'cluster-state', name), 'utf8');
const RESERVATIONS = fixture('subnet-cidr-reservations.json');
const INTERFACES = fixture('subnet-network-interfaces.json');

/** `aws ec2 describe-network-interfaces` output for ENIs holding these addresses and prefixes. */
export function networkInterfacesJson(enis: Array<{ ips: string[]; prefixes?: string[] }>): string {
  return JSON.stringify(
    {
      NetworkInterfaces: enis.map((e, i) => ({
        NetworkInterfaceId: `eni-${String(i).padStart(17, '0')}`,
        PrivateIpAddress: e.ips[0],
        PrivateIpAddresses: e.ips.map((ip, k) => ({ Primary: k === 0, PrivateIpAddress: ip })),
        ...(e.prefixes ? { Ipv4Prefixes: e.prefixes.map((p) => ({ Ipv4Prefix: p })) } : {}),
        SubnetId: 'subnet-0123456789abcdef0',
        Status: 'in-use',
      })),
    },
    null,
    4,
  );
}

function kinds(map: ReturnType<typeof mapSubnetPrefixes>): Record<PrefixBlockKind, number> {
  const out: Record<PrefixBlockKind, number> = { FREE: 0, USED: 0, SPOILED: 0, RESERVED: 0 };
  for (const b of map.blocks) out[b.kind]++;
  return out;
}

describe('mapSubnetPrefixes: block counts', () => {
  it.each([
    {
      // /24: 2^(28-24) = 16 blocks; first and last hold AWS-reserved addresses.
      name: 'empty /24',
      subnetCidr: '10.0.0.0/24',
      enis: [],
      expected: { blocks: 16, free: 14, used: 0, spoiled: 2, reserved: 0, availableForPrefixes: 14 },
    },
    {
      // one used /32 (10.0.0.37, block 37 div 16 = 2) spoils its whole block: 16 - 2 - 1 = 13 free.
      name: 'a used /32 spoils its block',
      subnetCidr: '10.0.0.0/24',
      enis: [{ ips: ['10.0.0.37'] }],
      expected: { blocks: 16, free: 13, used: 0, spoiled: 3, reserved: 0, availableForPrefixes: 13 },
    },
    {
      // /18: 2^(28-18) = 1024 blocks, of which at most 1024 - 2 = 1022 can ever be prefixes.
      name: 'unreserved /18',
      subnetCidr: '10.1.0.0/18',
      enis: [],
      expected: { blocks: 1024, free: 1022, used: 0, spoiled: 2, reserved: 0, availableForPrefixes: 1022 },
    },
    {
      // 1,022 prefixes delegated in the /18 (every block but the first and last), on 12 ENIs whose
      // primary IPs sit in the first block (10.1.0.4-15): none left.
      name: '1,022 prefixes fill an unreserved /18',
      subnetCidr: '10.1.0.0/18',
      enis: Array.from({ length: 12 }, (_, n) => ({
        ips: [`10.1.0.${4 + n}`],
        prefixes: Array.from({ length: 86 }, (_, k) => 1 + n * 86 + k)
          .filter((b) => b <= 1022)
          .map((b) => `10.1.${Math.floor((b * 16) / 256)}.${(b * 16) % 256}/28`),
      })),
      expected: { blocks: 1024, free: 0, used: 1022, spoiled: 2, reserved: 0, availableForPrefixes: 0 },
    },
  ])('$name', ({ subnetCidr, enis, expected }) => {
    const map = mapSubnetPrefixes({ subnetCidr, networkInterfacesJson: networkInterfacesJson(enis) });
    expect(map.counts).toEqual(expected);
    expect(kinds(map)).toEqual({ FREE: expected.free, USED: expected.used, SPOILED: expected.spoiled, RESERVED: expected.reserved });
  });

  it('reserved ranges as aws prints them: per-range free, used and spoiled', () => {
    // 10.0.32.0/20: 256 blocks. Prefix reservation 10.0.40.0/22 = blocks 128..191 (64), four of them
    // delegated; explicit 10.0.44.0/24 = blocks 192..207 (16), 10.0.44.5 spoils one. Unreserved:
    // 256 - 64 - 16 = 176 blocks; spoiled 0 (AWS + 10.0.32.10), 16 (10.0.33.7), 38 (10.0.34.100/101), 255 (AWS).
    const map = mapSubnetPrefixes({ subnetCidr: '10.0.32.0/20', cidrReservationsJson: RESERVATIONS, networkInterfacesJson: INTERFACES });
    expect(map.subnetId).toBe('subnet-0f3e5d7c9b1a24680');
    // free 176 - 4 = 172; reserved 60 + 15 = 75; used 4; spoiled 4 + 1 = 5; 172 + 75 + 4 + 5 = 256.
    expect(map.counts).toEqual({ blocks: 256, free: 172, used: 4, spoiled: 5, reserved: 75, availableForPrefixes: 232 });
    expect(map.ranges.map((r) => [r.cidr, r.kind, r.blocks, r.free, r.used, r.spoiled, r.availableForPrefixes])).toEqual([
      ['10.0.32.0/20', 'UNRESERVED', 176, 172, 0, 4, 172],
      ['10.0.40.0/22', 'PREFIX_RESERVATION', 64, 60, 4, 0, 60],
      ['10.0.44.0/24', 'EXPLICIT_RESERVATION', 16, 15, 0, 1, 0],
    ]);
    expect(map.blocks[16]).toMatchObject({ cidr: '10.0.33.0/28', kind: 'SPOILED', notes: ['10.0.33.7 (eni-0bb22cc33dd44ee55, primary)'] });
    expect(map.blocks[128]).toMatchObject({ cidr: '10.0.40.0/28', kind: 'USED', range: 'PREFIX_RESERVATION' });
    expect(map.formula[1]).toBe('blocks = free + reserved + used + spoiled = 172 + 75 + 4 + 5 = 256');
  });
});

describe('mapSubnetPrefixes: Windows prefix-delegation nodes that fit', () => {
  it.each([
    {
      // m5.large PD: W = (10 - 1) * 16 = 144, maxPods = min(110, 144) = 110; 30 pods -> ceil(30/16) = 2 prefixes.
      // Worst case: nodes 1-30 take their prefixes from the reservation (60 = 30 * 2) and spoil one free block
      // each (172 - 30 = 142); then 3 blocks a node: floor(142 / 3) = 47 more (1 left), node 78 fails.
      name: 'reserved ranges, m5.large, 30 pods, 100 nodes wanted',
      subnetCidr: '10.0.32.0/20',
      reservations: RESERVATIONS,
      interfaces: INTERFACES,
      pods: 30,
      nodeCount: 100,
      expected: { prefixesPerNode: 2, nodesThatFit: 77, insufficientCidrBlocksAtNode: 78, fits: false },
      remedy: { kind: 'NEW_SUBNET', cidr: '/20' },
    },
    {
      // Same subnet, 20 nodes: 20 <= 77.
      name: 'reserved ranges, 20 nodes fit',
      subnetCidr: '10.0.32.0/20',
      reservations: RESERVATIONS,
      interfaces: INTERFACES,
      pods: 30,
      nodeCount: 20,
      expected: { prefixesPerNode: 2, nodesThatFit: 20, insufficientCidrBlocksAtNode: null, fits: true },
      remedy: null,
    },
    {
      // Unreserved /18, 15 pods -> ceil(max(15 + 1, 3) / 16) = 1 prefix; worst case 2 blocks a node:
      // floor(1022 / 2) = 511, node 512 fails.
      // 600 nodes need 600 blocks: no free aligned 1,024-block run (the /18 itself has its AWS blocks), so a new
      // subnet: 600 + ceil(600 / 16) = 38 + 2 = 640 blocks -> 2^10 = 1024 -> /18.
      name: 'unreserved /18, 15 pods, 600 nodes',
      subnetCidr: '10.1.0.0/18',
      reservations: undefined,
      interfaces: undefined,
      pods: 15,
      nodeCount: 600,
      expected: { prefixesPerNode: 1, nodesThatFit: 511, insufficientCidrBlocksAtNode: 512, fits: false },
      remedy: { kind: 'NEW_SUBNET', cidr: '/18' },
    },
    {
      // /23 = 32 blocks; /32s spoil blocks 0-7 and 16-31, leaving 8..15 (10.2.0.128/25) free. 15 pods -> 1 prefix,
      // worst case 2 blocks a node: 8 / 2 = 4 nodes; 5 wanted need 5 blocks -> an 8-block run: 10.2.0.128/25 is free.
      name: 'fragmented /23: reserve the free /25',
      subnetCidr: '10.2.0.0/23',
      reservations: undefined,
      interfaces: networkInterfacesJson(
        [...Array.from({ length: 8 }, (_, b) => b), ...Array.from({ length: 16 }, (_, b) => 16 + b)].map((b) => ({
          ips: [`10.2.${Math.floor((b * 16 + 5) / 256)}.${(b * 16 + 5) % 256}`],
        })),
      ),
      pods: 15,
      nodeCount: 5,
      expected: { prefixesPerNode: 1, nodesThatFit: 4, insufficientCidrBlocksAtNode: 5, fits: false },
      remedy: { kind: 'PREFIX_RESERVATION', cidr: '10.2.0.128/25' },
    },
    {
      // 16 pods are not one prefix: the controller keeps warm-ip-target 1 free, so ceil(max(16 + 1, 3) / 16) = 2
      // (VPCRC docs/windows/prefix_delegation_config_options.md). A /24 has 14 free blocks; worst case 3 a node:
      // floor(14 / 3) = 4 nodes, node 5 fails. At one prefix a node it would have taken 7.
      name: 'unreserved /24, 16 pods take 2 prefixes: 4 nodes, not 7',
      subnetCidr: '10.4.0.0/24',
      reservations: undefined,
      interfaces: undefined,
      pods: 16,
      nodeCount: 5,
      expected: { prefixesPerNode: 2, nodesThatFit: 4, insufficientCidrBlocksAtNode: 5, fits: false },
      remedy: { kind: 'NEW_SUBNET' },
    },
  ])('$name', ({ subnetCidr, reservations, interfaces, pods, nodeCount, expected, remedy }) => {
    const map = mapSubnetPrefixes({
      subnetCidr,
      cidrReservationsJson: reservations,
      networkInterfacesJson: interfaces,
      instanceType: facts('m5.large'),
      podsPerNode: pods,
      nodeCount,
    });
    expect(map.nodes).toMatchObject({ effectiveIpMode: 'PREFIX_DELEGATION', ...expected });
    expect(map.nodes!.nodesThatFitBestCase).toBeGreaterThanOrEqual(map.nodes!.nodesThatFit);
    if (remedy) expect(map.remedy).toMatchObject(remedy);
    else expect(map.remedy).toBeNull();
  });

  it('best case fills spoiled blocks first: the reserved-ranges subnet holds 114 such nodes', () => {
    // 55 free addresses in spoiled unreserved blocks (11 + 15 + 14 + 15). Nodes 1-55 use them; 1-30 take
    // prefixes from the reservation, 31-55 from free blocks (172 - 50 = 122). Then every 16 nodes spoil one
    // block and take 32: 3 rounds (99) leave 23; node 104 spoils one (22) and takes 2 (20); 10 more empty it.
    const map = mapSubnetPrefixes({
      subnetCidr: '10.0.32.0/20',
      cidrReservationsJson: RESERVATIONS,
      networkInterfacesJson: INTERFACES,
      instanceType: facts('m5.large'),
      podsPerNode: 30,
    });
    expect(map.nodes).toMatchObject({ nodesThatFit: 77, nodesThatFitBestCase: 114, nodeCount: null, fits: null });
  });

  it.each([
    // warm-prefix-target alone: ceil(16 / 16) + 1 = 2 prefixes.
    { targets: { warmPrefixTarget: 1 }, pods: 16, prefixes: 2 },
    // A larger minimum: ceil(max(10 + 1, 40) / 16) = 3.
    { targets: { minimumIpTarget: 40 }, pods: 10, prefixes: 3 },
    // warm-ip-target 0 with minimum 0 is not supported: the controller's defaults, 1 and 3, apply.
    { targets: { warmIpTarget: 0, minimumIpTarget: 0 }, pods: 16, prefixes: 2 },
  ])('the warm pool given decides the prefixes a node takes: $targets at $pods pods', ({ targets, pods, prefixes }) => {
    const map = mapSubnetPrefixes({ subnetCidr: '10.5.0.0/22', instanceType: facts('m5.large'), podsPerNode: pods, warmPool: targets });
    expect(map.nodes!.prefixesPerNode).toBe(prefixes);
    expect(map.nodes!.formula.join('\n')).toContain(`= ${prefixes}`);
  });

  it('a Xen type falls back to secondary IPs: one /32 per pod and no prefixes (VPCRC ignores PD off Nitro)', () => {
    // t2.medium: I = 6, W = 6 - 1 = 5 in secondary mode; each node 1 + 5 = 6 addresses. /24: 16 * 16 = 256
    // addresses less 5 AWS-reserved = 251 -> floor(251 / 6) = 41 nodes.
    const map = mapSubnetPrefixes({ subnetCidr: '10.3.0.0/24', instanceType: facts('t2.medium') });
    expect(map.nodes).toMatchObject({
      effectiveIpMode: 'SECONDARY_IP',
      prefixesPerNode: 0,
      addressesPerNode: 6,
      nodesThatFit: 41,
      limitedBy: 'ADDRESSES',
    });
  });
});

describe('mapSubnetPrefixes: a type whose Windows nodes never run a pod answers UNSUPPORTED, as nodeCapacity does', () => {
  it.each([
    // m6g.large is arm64: no EKS-optimized Windows AMI (awsdocs/amazon-eks-user-guide eks-optimized-windows-ami).
    { type: 'm6g.large', code: 'WINDOWS_UNSUPPORTED_ARCHITECTURE', source: /eks-optimized-windows-ami/ },
    // EC2 refuses Windows on p5.48xlarge (aws/karpenter-provider-aws#7985).
    { type: 'p5.48xlarge', code: 'WINDOWS_NOT_OFFERED_BY_EC2', source: /karpenter-provider-aws.*7985/ },
    // hpc7a.96xlarge is in neither controller table (aws/amazon-vpc-resource-controller-k8s pkg/node/node.go).
    { type: 'hpc7a.96xlarge', code: 'WINDOWS_TYPE_NOT_IN_VPCRC_LIMITS', source: /pkg\/node\/node\.go/ },
    // t3.nano: W = (2 - 1) * 16 = 16 IPs, but 512 MiB less 7.5% leaves 473 MiB, below the 0.5Gi + 1.5Gi + 200Mi the
    // BPG (latest/bpg/windows/oom.adoc) reserves: allocatable memory 0, no pod fits.
    { type: 't3.nano', code: 'NO_ALLOCATABLE_RESOURCES', source: /oom\.adoc/ },
  ])('$type: zero nodes fit, limitedBy UNSUPPORTED, the reason $code in warnings, no remedy', ({ type, code, source }) => {
    const map = mapSubnetPrefixes({ subnetCidr: '10.3.0.0/24', instanceType: facts(type), nodeCount: 2 });
    expect(map.nodes).toMatchObject({
      instanceType: type,
      podsPerNode: 0,
      prefixesPerNode: 0,
      addressesPerNode: 0,
      nodesThatFit: 0,
      nodesThatFitBestCase: 0,
      insufficientCidrBlocksAtNode: null,
      limitedBy: 'UNSUPPORTED',
      nodeCount: 2,
      fits: false,
    });
    const reason = map.warnings.find((w) => w.code === code);
    expect(reason?.source).toMatch(source);
    expect(map.nodes!.formula.at(-1)).toBe(`nodesThatFit = 0: a Windows ${type} node never runs a pod (${code})`);
    expect(map.remedy).toBeNull();
    // The /28 map itself is still answered.
    expect(map.counts).toMatchObject({ blocks: 16, free: 14 });
  });

  it('without nodeCount fits is null, and podsPerNode is not held to a capacity the type does not have', () => {
    const map = mapSubnetPrefixes({ subnetCidr: '10.3.0.0/24', instanceType: facts('t3.nano'), podsPerNode: 5 });
    expect(map.nodes).toMatchObject({ limitedBy: 'UNSUPPORTED', nodesThatFit: 0, fits: null, podsPerNode: 0 });
    expect(map.remedy).toBeNull();
  });

  it('a malformed podsPerNode is still refused', () => {
    expect(() => mapSubnetPrefixes({ subnetCidr: '10.3.0.0/24', instanceType: facts('t3.nano'), podsPerNode: 0 })).toThrow(
      'podsPerNode must be a whole number of at least 1, not 0',
    );
  });

  it('t3.medium, the smallest t3 with room for the Windows reservations, still fits nodes', () => {
    // 4096 MiB less 7.5% leaves memory for pods after the 2248 MiB reserved. W = (6 - 1) * 16 = 80, 80 pods:
    // min(I - 1, ceil((80 + 1) / 16)) = min(5, 6) = 5 prefixes and 1 /32 a node (VPCRC prefix_delegation_config_options.md);
    // 14 free blocks: node 1 spoils one and takes 5 (8 left), node 2 the same (2 left), node 3 gets InsufficientCidrBlocks.
    const map = mapSubnetPrefixes({ subnetCidr: '10.3.0.0/24', instanceType: facts('t3.medium') });
    expect(map.nodes).toMatchObject({
      limitedBy: 'PREFIX_BLOCKS',
      podsPerNode: 80,
      prefixesPerNode: 5,
      nodesThatFit: 2,
      insufficientCidrBlocksAtNode: 3,
    });
  });
});

describe('mapSubnetPrefixes: bad input names where it failed', () => {
  it.each([
    {
      name: 'malformed JSON gives line and column',
      input: { networkInterfacesJson: '{\n  "NetworkInterfaces": [\n    {"PrivateIpAddresses": [}\n  ]\n}' },
      details: { field: 'networkInterfacesJson', rule: 'malformed-json', line: 3 },
    },
    {
      name: 'a bad address names its JSON path',
      input: { networkInterfacesJson: networkInterfacesJson([{ ips: ['10.0.0.300'] }]) },
      details: { path: 'NetworkInterfaces[0].PrivateIpAddresses[0].PrivateIpAddress' },
    },
    {
      name: 'a prefix that is not a /28',
      input: { networkInterfacesJson: networkInterfacesJson([{ ips: ['10.0.0.5'], prefixes: ['10.0.0.64/27'] }]) },
      details: { path: 'NetworkInterfaces[0].Ipv4Prefixes[0].Ipv4Prefix' },
    },
    {
      name: 'a reservation type EC2 does not have',
      input: { cidrReservationsJson: '{"SubnetIpv4CidrReservations":[{"Cidr":"10.0.0.0/26","ReservationType":"shared"}]}' },
      details: { path: 'SubnetIpv4CidrReservations[0].ReservationType' },
    },
    {
      name: 'a reservation outside the subnet',
      input: { cidrReservationsJson: '{"SubnetIpv4CidrReservations":[{"Cidr":"10.9.0.0/26","ReservationType":"prefix"}]}' },
      details: { rule: 'inside-subnet' },
    },
    {
      // A single ENI (`--query 'NetworkInterfaces[0]'`) or another command's output is not "no ENIs".
      name: 'an ENI document without the NetworkInterfaces list',
      input: { networkInterfacesJson: JSON.stringify(JSON.parse(networkInterfacesJson([{ ips: ['10.0.0.9'] }])).NetworkInterfaces[0]) },
      details: { field: 'networkInterfacesJson', rule: 'document-shape', path: '$' },
    },
    {
      name: 'a reservations document without the SubnetIpv4CidrReservations list',
      input: { cidrReservationsJson: '{"Subnets":[]}' },
      details: { field: 'cidrReservationsJson', rule: 'document-shape', path: '$' },
    },
    { name: 'the subnet CIDR itself', input: { subnetCidr: '10.0.0.1/24' }, details: { field: 'subnetCidr', rule: 'cidr-aligned' } },
  ])('$name', ({ input, details }) => {
    let error: unknown;
    try {
      mapSubnetPrefixes({ subnetCidr: '10.0.0.0/24', ...input });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('VALIDATION_FAILED');
    expect((error as DomainError).details).toMatchObject(details);
  });

  it.each([
    { field: 'nodeCount', over: { nodeCount: 3 } },
    { field: 'podsPerNode', over: { podsPerNode: 30 } },
    { field: 'kubeletMaxPods', over: { kubeletMaxPods: 250 } },
    { field: 'warmIpTarget', over: { warmPool: { warmIpTarget: 5 } } },
  ])('node figures without the node type are refused, not ignored: $field', ({ field, over }) => {
    let error: unknown;
    try {
      mapSubnetPrefixes({ subnetCidr: '10.0.0.0/24', ...over });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).details).toEqual({ field, rule: 'needs-instance-type' });
  });

  it('a reservation without its type says it is missing, not "undefined"', () => {
    expect(() =>
      mapSubnetPrefixes({ subnetCidr: '10.0.0.0/24', cidrReservationsJson: '{"SubnetIpv4CidrReservations":[{"Cidr":"10.0.0.0/26"}]}' }),
    ).toThrow('cidrReservationsJson: SubnetIpv4CidrReservations[0].ReservationType: missing: EC2 prints prefix or explicit');
  });

  it('addresses from other subnets are left out and counted', () => {
    const map = mapSubnetPrefixes({
      subnetCidr: '10.0.0.0/24',
      networkInterfacesJson: networkInterfacesJson([{ ips: ['10.0.1.9', '10.0.0.9'] }]),
    });
    expect(map.ignoredOutsideSubnet).toBe(1);
    expect(map.counts.spoiled).toBe(2); // 10.0.0.9 sits in the first block, already holding AWS-reserved addresses
  });
});

describe('renderSubnetPrefixSvg', () => {
  it('one square per block with its kind, and a legend with the counts', () => {
    const map = mapSubnetPrefixes({ subnetCidr: '10.0.32.0/20', cidrReservationsJson: RESERVATIONS, networkInterfacesJson: INTERFACES });
    const svg = renderSubnetPrefixSvg(map);
    const squares = [...svg.matchAll(/<rect class="block" data-kind="(\w+)"/g)].map((m) => m[1]);
    expect(squares).toHaveLength(256);
    for (const kind of ['FREE', 'USED', 'SPOILED', 'RESERVED'] as const) {
      expect(squares.filter((k) => k === kind)).toHaveLength(map.counts[kind.toLowerCase() as 'free']);
      expect(svg).toContain(`data-kind="${kind}" data-count="${map.counts[kind.toLowerCase() as 'free']}"`);
    }
  });
});
