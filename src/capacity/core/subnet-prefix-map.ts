import { stringEnum, type EnumValue } from '../../common/core/string-enum.js';
import { SOURCE } from '../../common/core/sources.js';
import type { InstanceTypeFacts } from '../../catalog/core/instance-type.facts.js';
import { validationError } from '../../common/domain-error.js';
import { isJsonObject, parsePastedJson, shapeError } from '../../common/pasted-document.js';
import { type CapacityWarning, type IpMode, type NamedValue } from './capacity.types.js';
import { formatIpv4, parseIpv4Cidr } from './ipv4-cidr.js';
import { computeNodeCapacity, noPodCapacityReasons, requirePositiveInteger } from './node-capacity.js';
import { poolOfNode, type WarmPoolTargets } from './warm-pool.js';

/**
 * A subnet's aligned /28 blocks as they really are: which are free, which hold a delegated prefix,
 * which a scattered /32 (a node's primary IP, a secondary IP, the AWS-reserved addresses) spoils, and
 * which sit inside a CIDR reservation. From what `aws ec2 get-subnet-cidr-reservations` and
 * `aws ec2 describe-network-interfaces` print. Prefix delegation needs whole free /28 blocks and EC2
 * does not show fragmentation (aws/amazon-vpc-cni-k8s#2749), so this is the picture to look at.
 */

/** What the pasted documents may hold, at most. */
export const SUBNET_PREFIX_LIMITS = {
  documentBytes: 512 * 1024,
  networkInterfaces: 5_000,
  addresses: 20_000,
  reservations: 200,
  nodes: 100_000,
} as const;

export const PrefixBlockKind = stringEnum('FREE', 'USED', 'SPOILED', 'RESERVED');
export type PrefixBlockKind = EnumValue<typeof PrefixBlockKind>;
export const PrefixRangeKind = stringEnum('UNRESERVED', 'PREFIX_RESERVATION', 'EXPLICIT_RESERVATION');
export type PrefixRangeKind = EnumValue<typeof PrefixRangeKind>;
/**
 * What runs out first for new Windows nodes in prefix mode: free /28 blocks, or addresses; UNSUPPORTED when a node of
 * the type never runs a Windows pod (as nodeCapacity says: limitedBy UNSUPPORTED, or no allocatable memory or CPU).
 */
export const PrefixFitLimit = stringEnum('PREFIX_BLOCKS', 'ADDRESSES', 'UNSUPPORTED');
export type PrefixFitLimit = EnumValue<typeof PrefixFitLimit>;
/** Reserve a free aligned range for prefixes, or create a dedicated subnet. */
export const PrefixRemedyKind = stringEnum('PREFIX_RESERVATION', 'NEW_SUBNET');
export type PrefixRemedyKind = EnumValue<typeof PrefixRemedyKind>;

export const SUBNET_PREFIX_SOURCES = {
  EC2_RESERVATIONS:
    'awsdocs/amazon-vpc-user-guide doc_source/subnet-cidr-reservation.md (reserved ranges are kept from automatic assignment; type prefix: AWS assigns prefixes from them; explicit: only what you assign by hand)',
  EC2_RESERVED_ADDRESSES: SOURCE.EC2_CREATE_SUBNET,
  VPCRC_POOL:
    'aws/amazon-vpc-resource-controller-k8s pkg/pool/pool.go (InsufficientCidrBlocks: no fallback, "Action required from user to change subnet")',
  BPG_PREFIX:
    'aws/aws-eks-best-practices latest/bpg/networking/prefix-mode_windows.adoc (CIDR reservation of type prefix, or a dedicated subnet)',
  VPCCNI_2749: 'aws/amazon-vpc-cni-k8s issue #2749 (EC2 gives no visibility into subnet fragmentation)',
} as const;

export interface SubnetPrefixBlock {
  index: number;
  cidr: string;
  kind: PrefixBlockKind;
  range: PrefixRangeKind;
  /** Addresses of the block taken by /32s (ENI addresses and AWS-reserved ones). */
  addressesTaken: number;
  /** Why it is spoiled or used, e.g. "10.0.0.5 (eni-0a1, primary)". At most three. */
  notes: string[];
}

export interface SubnetPrefixRange {
  cidr: string;
  kind: PrefixRangeKind;
  reservationId: string | null;
  description: string | null;
  blocks: number;
  free: number;
  used: number;
  spoiled: number;
  /** Free blocks EC2 may hand out as Windows prefixes (free unreserved and free prefix-reserved ones). */
  availableForPrefixes: number;
}

export interface SubnetPrefixCounts {
  blocks: number;
  free: number;
  used: number;
  spoiled: number;
  reserved: number;
  availableForPrefixes: number;
}

export interface WindowsPrefixNodeFit {
  instanceType: string;
  requestedIpMode: IpMode;
  effectiveIpMode: IpMode;
  podsPerNode: number;
  /** ceil(max(pods + warm, minimum) / 16) under prefix delegation; 0 when the type falls back to secondary IPs. */
  prefixesPerNode: number;
  /** One primary /32, plus the secondary /32s the pool holds when the type falls back to secondary-IP mode. */
  addressesPerNode: number;
  /** New nodes that fit for sure: each new /32 lands in a free block and spoils it. */
  nodesThatFit: number;
  /** New nodes that fit when every new /32 lands in an already spoiled block. */
  nodesThatFitBestCase: number;
  /** The 1-based new node that cannot get its prefixes (InsufficientCidrBlocks), worst case. */
  insufficientCidrBlocksAtNode: number | null;
  /** What runs out first for that node. */
  limitedBy: PrefixFitLimit;
  nodeCount: number | null;
  fits: boolean | null;
  formula: string[];
}

export interface SubnetPrefixRemedy {
  kind: PrefixRemedyKind;
  /** The CIDR to reserve (free and aligned in this subnet), or the size of the new subnet, e.g. "/22". */
  cidr: string;
  blocks: number;
  message: string;
  command: string | null;
  source: string;
}

export interface SubnetPrefixMap {
  subnetCidr: string;
  subnetId: string | null;
  counts: SubnetPrefixCounts;
  ranges: SubnetPrefixRange[];
  blocks: SubnetPrefixBlock[];
  /** Addresses and prefixes read, and those outside the subnet that were left out. */
  addressesRead: number;
  prefixesRead: number;
  ignoredOutsideSubnet: number;
  nodes: WindowsPrefixNodeFit | null;
  remedy: SubnetPrefixRemedy | null;
  formula: string[];
  inputs: NamedValue[];
  warnings: CapacityWarning[];
}

export interface SubnetPrefixMapInput {
  subnetCidr: string;
  /** `aws ec2 get-subnet-cidr-reservations --subnet-id ...` output (JSON). */
  cidrReservationsJson?: string;
  /** `aws ec2 describe-network-interfaces --filters Name=subnet-id,Values=...` output (JSON). */
  networkInterfacesJson?: string;
  /** The Windows node type to plan for; with podsPerNode and nodeCount, the fit and the remedy. */
  instanceType?: InstanceTypeFacts;
  podsPerNode?: number;
  nodeCount?: number;
  kubeletMaxPods?: number;
  /** The controller's warm-ip-target, minimum-ip-target and warm-prefix-target (default 1, 3 and unset). */
  warmPool?: WarmPoolTargets;
}

interface Address {
  value: number;
  note: string;
}

interface Reservation {
  network: number;
  size: number;
  cidr: string;
  kind: 'PREFIX_RESERVATION' | 'EXPLICIT_RESERVATION';
  id: string | null;
  description: string | null;
}

const BLOCK_SIZE = 16;
const ADDRESS = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function parseAddress(text: unknown, field: string, path: string): number {
  const m = typeof text === 'string' ? ADDRESS.exec(text.trim()) : null;
  if (!m) throw shapeError(field, path, `"${String(text)}" is not an IPv4 address`);
  let value = 0;
  for (let k = 1; k <= 4; k++) {
    const octet = Number(m[k]);
    if (octet > 255) throw shapeError(field, path, `"${String(text)}" is not an IPv4 address`);
    value = value * 256 + octet;
  }
  return value;
}

function parseAnyCidr(text: unknown, field: string, path: string): { network: number; size: number; prefixLength: number } {
  const m = typeof text === 'string' ? /^([\d.]+)\/(\d{1,2})$/.exec(text.trim()) : null;
  if (!m) throw shapeError(field, path, `"${String(text)}" is not an IPv4 CIDR`);
  const prefixLength = Number(m[2]);
  if (prefixLength > 32) throw shapeError(field, path, `"${String(text)}" has a prefix length above 32`);
  const network = parseAddress(m[1], field, path);
  const size = 2 ** (32 - prefixLength);
  if (network % size !== 0) throw shapeError(field, path, `"${String(text)}" has host bits set`);
  return { network, size, prefixLength };
}

/**
 * The list under `key`. `command` names the aws CLI command whose top-level list it is: that command
 * always prints the list (empty when there is nothing), so a document without it is another file (a
 * single ENI, `describe-subnets` output), which read as "nothing" would map the whole subnet as free.
 */
function arrayAt(value: unknown, key: string, field: string, path: string, max: number, command?: string): unknown[] {
  if (!isJsonObject(value)) throw shapeError(field, path || '$', 'expected an object');
  const list = value[key];
  if (list === undefined && command !== undefined)
    throw shapeError(field, '$', `no "${key}" list: expected \`${command}\` output as printed (JSON with "${key}")`);
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw shapeError(field, `${path ? `${path}.` : ''}${key}`, 'expected a list');
  if (list.length > max) throw shapeError(field, `${path ? `${path}.` : ''}${key}`, `${list.length} entries; at most ${max} are read`);
  return list;
}

function readReservations(json: string | undefined): { reservations: Reservation[]; subnetId: string | null } {
  if (json === undefined || json.trim() === '') return { reservations: [], subnetId: null };
  const field = 'cidrReservationsJson';
  const doc = parsePastedJson(json, field, SUBNET_PREFIX_LIMITS.documentBytes);
  const list = arrayAt(
    doc,
    'SubnetIpv4CidrReservations',
    field,
    '',
    SUBNET_PREFIX_LIMITS.reservations,
    'aws ec2 get-subnet-cidr-reservations',
  );
  let subnetId: string | null = null;
  const reservations = list.map((entry, i) => {
    const at = `SubnetIpv4CidrReservations[${i}]`;
    if (!isJsonObject(entry)) throw shapeError(field, at, 'expected an object');
    const cidr = parseAnyCidr(entry.Cidr, field, `${at}.Cidr`);
    const type = String(entry.ReservationType ?? '').toLowerCase();
    if (entry.ReservationType === undefined) throw shapeError(field, `${at}.ReservationType`, 'missing: EC2 prints prefix or explicit');
    if (type !== 'prefix' && type !== 'explicit')
      throw shapeError(field, `${at}.ReservationType`, `"${String(entry.ReservationType)}" is neither prefix nor explicit`);
    if (typeof entry.SubnetId === 'string') subnetId ??= entry.SubnetId;
    return {
      ...cidr,
      cidr: `${formatIpv4(cidr.network)}/${cidr.prefixLength}`,
      kind: type === 'prefix' ? ('PREFIX_RESERVATION' as const) : ('EXPLICIT_RESERVATION' as const),
      id: typeof entry.SubnetCidrReservationId === 'string' ? entry.SubnetCidrReservationId : null,
      description: typeof entry.Description === 'string' ? entry.Description : null,
    };
  });
  return { reservations, subnetId };
}

function readInterfaces(json: string | undefined): { addresses: Address[]; prefixes: Address[]; subnetId: string | null } {
  const addresses: Address[] = [];
  const prefixes: Address[] = [];
  if (json === undefined || json.trim() === '') return { addresses, prefixes, subnetId: null };
  const field = 'networkInterfacesJson';
  const doc = parsePastedJson(json, field, SUBNET_PREFIX_LIMITS.documentBytes);
  const enis = arrayAt(doc, 'NetworkInterfaces', field, '', SUBNET_PREFIX_LIMITS.networkInterfaces, 'aws ec2 describe-network-interfaces');
  let subnetId: string | null = null;
  enis.forEach((eni, i) => {
    const at = `NetworkInterfaces[${i}]`;
    if (!isJsonObject(eni)) throw shapeError(field, at, 'expected an object');
    const id = typeof eni.NetworkInterfaceId === 'string' ? eni.NetworkInterfaceId : at;
    if (typeof eni.SubnetId === 'string') subnetId ??= eni.SubnetId;
    arrayAt(eni, 'PrivateIpAddresses', field, at, 1024).forEach((ip, k) => {
      const ipAt = `${at}.PrivateIpAddresses[${k}]`;
      if (!isJsonObject(ip)) throw shapeError(field, ipAt, 'expected an object');
      const value = parseAddress(ip.PrivateIpAddress, field, `${ipAt}.PrivateIpAddress`);
      addresses.push({ value, note: `${formatIpv4(value)} (${id}${ip.Primary === true ? ', primary' : ''})` });
    });
    arrayAt(eni, 'Ipv4Prefixes', field, at, 1024).forEach((p, k) => {
      const pAt = `${at}.Ipv4Prefixes[${k}].Ipv4Prefix`;
      if (!isJsonObject(p)) throw shapeError(field, `${at}.Ipv4Prefixes[${k}]`, 'expected an object');
      const cidr = parseAnyCidr(p.Ipv4Prefix, field, pAt);
      if (cidr.prefixLength !== 28)
        throw shapeError(field, pAt, `"${String(p.Ipv4Prefix)}" is not a /28 (EC2 delegates IPv4 prefixes as /28)`);
      prefixes.push({ value: cidr.network, note: `${formatIpv4(cidr.network)}/28 (${id})` });
    });
    if (addresses.length + prefixes.length > SUBNET_PREFIX_LIMITS.addresses) {
      throw shapeError(field, at, `more than ${SUBNET_PREFIX_LIMITS.addresses} addresses and prefixes; at most that many are read`);
    }
  });
  return { addresses, prefixes, subnetId };
}

/**
 * The new-node figures (pods, count, max-pods, warm targets) are read only with the node type they
 * size: without it, refuse them rather than answer a map that says nothing of the nodes asked about.
 */
function requireTypeForNodePlan(input: SubnetPrefixMapInput): void {
  if (input.instanceType) return;
  const given = [
    ['podsPerNode', input.podsPerNode],
    ['nodeCount', input.nodeCount],
    ['kubeletMaxPods', input.kubeletMaxPods],
    ['warmIpTarget', input.warmPool?.warmIpTarget],
    ['minimumIpTarget', input.warmPool?.minimumIpTarget],
    ['warmPrefixTarget', input.warmPool?.warmPrefixTarget],
  ].find(([, value]) => value !== undefined && value !== null);
  if (!given) return;
  throw validationError(
    String(given[0]),
    'needs-instance-type',
    `${String(given[0])} plans new Windows nodes: give instanceType too (the nodes' type), or leave it out for the /28 map alone`,
  );
}

/** Maps every aligned /28 block of the subnet; with a node type, how many more Windows PD nodes fit. */
export function mapSubnetPrefixes(input: SubnetPrefixMapInput): SubnetPrefixMap {
  const subnet = parseIpv4Cidr(input.subnetCidr, 'subnetCidr');
  requireTypeForNodePlan(input);
  const { reservations, subnetId: reservedSubnetId } = readReservations(input.cidrReservationsJson);
  const { addresses, prefixes, subnetId: eniSubnetId } = readInterfaces(input.networkInterfacesJson);
  const warnings: CapacityWarning[] = [];
  const subnetEnd = subnet.network + subnet.size;
  const inside = (a: number, size = 1) => a >= subnet.network && a + size <= subnetEnd;

  reservations.forEach((r, i) => {
    if (!inside(r.network, r.size)) {
      throw validationError(
        `cidrReservationsJson.SubnetIpv4CidrReservations[${i}].Cidr`,
        'inside-subnet',
        `reservation ${r.cidr} is not inside the subnet ${subnet.cidr}`,
      );
    }
    for (let k = 0; k < i; k++) {
      const o = reservations[k];
      if (r.network < o.network + o.size && o.network < r.network + r.size) {
        throw validationError(
          `cidrReservationsJson.SubnetIpv4CidrReservations[${i}].Cidr`,
          'cidr-overlap',
          `reservations ${o.cidr} and ${r.cidr} overlap`,
        );
      }
    }
  });

  const blockCount = subnet.size / BLOCK_SIZE;
  const taken = new Array<number>(blockCount).fill(0);
  const notes: string[][] = Array.from({ length: blockCount }, () => []);
  const used = new Array<boolean>(blockCount).fill(false);
  const note = (b: number, text: string) => {
    if (notes[b].length < 3) notes[b].push(text);
  };
  // AWS reserves the first four addresses and the last one of every subnet (EC2 CreateSubnet).
  taken[0] += 4;
  note(0, `${formatIpv4(subnet.network)}-${formatIpv4(subnet.network + 3)} (reserved by AWS)`);
  taken[blockCount - 1] += 1;
  note(blockCount - 1, `${formatIpv4(subnetEnd - 1)} (reserved by AWS)`);

  let ignoredOutsideSubnet = 0;
  const seen = new Set<number>();
  for (const a of addresses) {
    if (!inside(a.value)) {
      ignoredOutsideSubnet++;
      continue;
    }
    if (seen.has(a.value)) continue;
    seen.add(a.value);
    const b = (a.value - subnet.network) / BLOCK_SIZE;
    const block = Math.floor(b);
    taken[block]++;
    note(block, a.note);
  }
  for (const p of prefixes) {
    if (!inside(p.value, BLOCK_SIZE)) {
      ignoredOutsideSubnet++;
      continue;
    }
    const block = (p.value - subnet.network) / BLOCK_SIZE;
    used[block] = true;
    note(block, p.note);
  }
  if (ignoredOutsideSubnet > 0) {
    warnings.push({
      code: 'PREFIX_FRAGMENTATION_RISK',
      message: `${ignoredOutsideSubnet} addresses or prefixes lie outside ${subnet.cidr} and were left out: filter describe-network-interfaces by subnet-id.`,
      source: SUBNET_PREFIX_SOURCES.EC2_RESERVATIONS,
    });
  }

  const rangeOf = (block: number): Reservation | null => {
    const start = subnet.network + block * BLOCK_SIZE;
    return reservations.find((r) => start < r.network + r.size && r.network < start + BLOCK_SIZE) ?? null;
  };

  const blocks: SubnetPrefixBlock[] = [];
  for (let b = 0; b < blockCount; b++) {
    const r = rangeOf(b);
    const start = subnet.network + b * BLOCK_SIZE;
    // A reservation smaller than a /28 still keeps the whole block from being a prefix.
    const partial = r !== null && r.size < BLOCK_SIZE;
    const range: PrefixRangeKind = r === null ? 'UNRESERVED' : partial ? 'EXPLICIT_RESERVATION' : r.kind;
    let kind: PrefixBlockKind;
    if (used[b]) kind = 'USED';
    else if (taken[b] > 0) kind = 'SPOILED';
    else if (range === 'UNRESERVED') kind = 'FREE';
    else kind = 'RESERVED';
    blocks.push({
      index: b,
      cidr: `${formatIpv4(start)}/28`,
      kind,
      range,
      addressesTaken: Math.min(taken[b], BLOCK_SIZE),
      notes: notes[b],
    });
  }

  const ranges: SubnetPrefixRange[] = [];
  const summarize = (cidr: string, kind: PrefixRangeKind, id: string | null, description: string | null, members: SubnetPrefixBlock[]) => {
    const free = members.filter((x) => x.kind === 'FREE' || x.kind === 'RESERVED').length;
    ranges.push({
      cidr,
      kind,
      reservationId: id,
      description,
      blocks: members.length,
      free,
      used: members.filter((x) => x.kind === 'USED').length,
      spoiled: members.filter((x) => x.kind === 'SPOILED').length,
      availableForPrefixes: kind === 'EXPLICIT_RESERVATION' ? 0 : free,
    });
  };
  summarize(
    subnet.cidr,
    'UNRESERVED',
    null,
    'the subnet outside any reservation',
    blocks.filter((x) => x.range === 'UNRESERVED'),
  );
  for (const r of [...reservations].sort((x, y) => x.network - y.network)) {
    const members = blocks.filter((x) => rangeOf(x.index) === r);
    summarize(r.cidr, members.length > 0 && r.size < BLOCK_SIZE ? 'EXPLICIT_RESERVATION' : r.kind, r.id, r.description, members);
  }

  const count = (k: PrefixBlockKind) => blocks.filter((x) => x.kind === k).length;
  const counts: SubnetPrefixCounts = {
    blocks: blockCount,
    free: count('FREE'),
    used: count('USED'),
    spoiled: count('SPOILED'),
    reserved: count('RESERVED'),
    availableForPrefixes: ranges.reduce((s, r) => s + r.availableForPrefixes, 0),
  };
  const formula = [
    `blocks = 2^(28 - p) = 2^(28 - ${subnet.prefixLength}) = ${blockCount}`,
    `blocks = free + reserved + used + spoiled = ${counts.free} + ${counts.reserved} + ${counts.used} + ${counts.spoiled} = ${blockCount}`,
    `availableForPrefixes = free unreserved + free in prefix reservations = ${counts.free} + ${counts.availableForPrefixes - counts.free} = ${counts.availableForPrefixes}`,
  ];
  const inputs: NamedValue[] = [
    { name: 'subnetCidr', value: subnet.cidr },
    { name: 'CIDR reservations', value: reservations.length },
    { name: 'private IPv4 addresses (ENIs)', value: addresses.length },
    { name: 'IPv4 prefixes (ENIs)', value: prefixes.length },
  ];
  const spoiledByIps = blocks.filter((x) => x.kind === 'SPOILED' && x.index !== 0 && x.index !== blockCount - 1).length;
  if (spoiledByIps > 0) {
    warnings.push({
      code: 'PREFIX_FRAGMENTATION_RISK',
      message: `${spoiledByIps} blocks cannot be prefixes because a /32 sits in them (a node's primary IP or a secondary IP); the first and last block hold the AWS-reserved addresses.`,
      source: SUBNET_PREFIX_SOURCES.BPG_PREFIX,
    });
  }

  const freeAddressesInSpoiled = blocks
    .filter((x) => x.kind === 'SPOILED' && x.range === 'UNRESERVED')
    .reduce((s, x) => s + (BLOCK_SIZE - x.addressesTaken), 0);
  const nodes = input.instanceType ? fitWindowsNodes(input, counts, ranges, freeAddressesInSpoiled, inputs, warnings) : null;
  const remedy =
    nodes && nodes.limitedBy !== 'UNSUPPORTED' && (nodes.fits === false || (nodes.nodeCount === null && nodes.nodesThatFit === 0))
      ? proposeRemedy(nodes, blocks, subnet.prefixLength, reservedSubnetId ?? eniSubnetId)
      : null;
  if (nodes?.insufficientCidrBlocksAtNode) {
    warnings.push({
      code: 'PREFIX_FRAGMENTATION_RISK',
      message:
        `New node ${nodes.insufficientCidrBlocksAtNode} would not get its ${nodes.prefixesPerNode} prefixes: EC2 answers InsufficientCidrBlocks and the ` +
        'VPC Resource Controller does not fall back to secondary IPs (it waits for you to change the subnet).',
      source: SUBNET_PREFIX_SOURCES.VPCRC_POOL,
    });
  }
  return {
    subnetCidr: subnet.cidr,
    subnetId: reservedSubnetId ?? eniSubnetId,
    counts,
    ranges,
    blocks,
    addressesRead: addresses.length,
    prefixesRead: prefixes.length,
    ignoredOutsideSubnet,
    nodes,
    remedy,
    formula,
    inputs,
    warnings,
  };
}

function fitWindowsNodes(
  input: SubnetPrefixMapInput,
  counts: SubnetPrefixCounts,
  ranges: SubnetPrefixRange[],
  freeAddressesInSpoiled: number,
  inputs: NamedValue[],
  warnings: CapacityWarning[],
): WindowsPrefixNodeFit {
  const t = input.instanceType as InstanceTypeFacts;
  const capacity = computeNodeCapacity({
    instanceType: t,
    os: 'WINDOWS',
    ipMode: 'PREFIX_DELEGATION',
    ...(input.kubeletMaxPods !== undefined ? { kubeletMaxPods: input.kubeletMaxPods } : {}),
  });
  const nodeCount = input.nodeCount ?? null;
  if (nodeCount !== null && (!Number.isInteger(nodeCount) || nodeCount < 1 || nodeCount > SUBNET_PREFIX_LIMITS.nodes)) {
    throw validationError('nodeCount', 'node-count', `nodeCount must be 1 to ${SUBNET_PREFIX_LIMITS.nodes}, not ${String(nodeCount)}`);
  }
  const noCapacity = noPodCapacityReasons(capacity);
  if (noCapacity.length > 0) {
    // As nodeCapacity answers: a zero answer with the reasons (each with its source), not an error. No remedy: no subnet helps.
    if (input.podsPerNode !== undefined) requirePositiveInteger('podsPerNode', input.podsPerNode);
    warnings.push(...noCapacity);
    inputs.push({ name: 'instanceType', value: t.name });
    return {
      instanceType: t.name,
      requestedIpMode: 'PREFIX_DELEGATION',
      effectiveIpMode: capacity.effectiveIpMode,
      podsPerNode: 0,
      prefixesPerNode: 0,
      addressesPerNode: 0,
      nodesThatFit: 0,
      nodesThatFitBestCase: 0,
      insufficientCidrBlocksAtNode: null,
      limitedBy: 'UNSUPPORTED',
      nodeCount,
      fits: nodeCount === null ? null : false,
      formula: [
        ...capacity.formula,
        `nodesThatFit = 0: a Windows ${t.name} node never runs a pod (${noCapacity.map((w) => w.code).join(', ')})`,
      ],
    };
  }
  const pods = input.podsPerNode ?? capacity.maxPods;
  if (!Number.isInteger(pods) || pods < 1 || pods > capacity.maxPods) {
    throw validationError(
      'podsPerNode',
      'pods-per-node',
      `podsPerNode must be 1 to ${capacity.maxPods} for ${t.name} (${capacity.formula.join('; ')}), not ${String(pods)}`,
    );
  }
  // What the controller attaches to each new node, warm IP and minimum included (one primary /32 each).
  const pool = poolOfNode(capacity, pods, input.warmPool);
  const prefixesPerNode = pool.prefixes;
  const addressesPerNode = pool.enis + pool.secondaryIps;
  warnings.push(...pool.warnings);
  inputs.push(
    { name: 'instanceType', value: t.name },
    { name: 'podsPerNode', value: pods, note: input.podsPerNode === undefined ? 'the most the type schedules' : 'given' },
  );
  const formula = [...capacity.formula, ...pool.formula];
  formula.push(
    capacity.effectiveIpMode === 'PREFIX_DELEGATION'
      ? `prefixesPerNode = ${prefixesPerNode}, plus 1 primary /32`
      : `${t.name} falls back to secondary-IP mode: ${addressesPerNode} /32s a node (1 primary + ${pool.secondaryIps} secondary), no prefixes`,
  );

  const unreservedFree = ranges.filter((r) => r.kind === 'UNRESERVED').reduce((s, r) => s + r.free, 0);
  const prefixReservedFree = ranges.filter((r) => r.kind === 'PREFIX_RESERVATION').reduce((s, r) => s + r.free, 0);
  const simulate = (bestCase: boolean) => {
    let free = unreservedFree;
    let reserved = prefixReservedFree;
    let loose = freeAddressesInSpoiled;
    const limit = nodeCount ?? SUBNET_PREFIX_LIMITS.nodes;
    for (let n = 1; n <= limit; n++) {
      // The node's /32s come from unreserved space only (reservations keep addresses out).
      for (let a = 0; a < addressesPerNode; a++) {
        if (bestCase && loose > 0) loose--;
        else if (free > 0) {
          free--;
          loose += BLOCK_SIZE - 1;
        } else if (loose > 0) loose--;
        else return { fit: n - 1, failedAt: n, limitedBy: 'ADDRESSES' as const };
      }
      // Prefixes come from a prefix reservation first, then from free unreserved blocks.
      const fromReserved = Math.min(reserved, prefixesPerNode);
      const rest = prefixesPerNode - fromReserved;
      if (rest > free) return { fit: n - 1, failedAt: n, limitedBy: 'PREFIX_BLOCKS' as const };
      reserved -= fromReserved;
      free -= rest;
    }
    return { fit: limit, failedAt: null, limitedBy: 'PREFIX_BLOCKS' as const };
  };
  const worst = simulate(false);
  const best = simulate(true);
  formula.push(
    `free blocks: ${unreservedFree} unreserved + ${prefixReservedFree} in prefix reservations; ${freeAddressesInSpoiled} free addresses in spoiled unreserved blocks`,
    `worst case (each new /32 spoils a free block): ${worst.fit} nodes${worst.failedAt ? `, node ${worst.failedAt} fails (${worst.limitedBy === 'PREFIX_BLOCKS' ? 'InsufficientCidrBlocks' : 'no free address'})` : ''}`,
    `best case (new /32s fill spoiled blocks first): ${best.fit} nodes`,
  );
  return {
    instanceType: t.name,
    requestedIpMode: 'PREFIX_DELEGATION',
    effectiveIpMode: capacity.effectiveIpMode,
    podsPerNode: pods,
    prefixesPerNode,
    addressesPerNode,
    nodesThatFit: worst.fit,
    nodesThatFitBestCase: best.fit,
    insufficientCidrBlocksAtNode: worst.limitedBy === 'PREFIX_BLOCKS' ? worst.failedAt : null,
    limitedBy: worst.limitedBy,
    nodeCount,
    fits: nodeCount === null ? null : worst.fit >= nodeCount,
    formula,
  };
}

/** A prefix reservation over a free aligned run of the subnet when one is large enough, else a new subnet. */
function proposeRemedy(
  fit: WindowsPrefixNodeFit,
  blocks: SubnetPrefixBlock[],
  subnetPrefixLength: number,
  subnetId: string | null,
): SubnetPrefixRemedy {
  const nodes = fit.nodeCount ?? fit.nodesThatFit + 1;
  const neededBlocks = Math.max(1, nodes * fit.prefixesPerNode);
  const exponent = Math.ceil(Math.log2(neededBlocks));
  const runBlocks = 2 ** exponent;
  const prefixLength = 28 - exponent;
  if (fit.prefixesPerNode > 0 && prefixLength >= subnetPrefixLength) {
    for (let start = 0; start + runBlocks <= blocks.length; start += runBlocks) {
      const run = blocks.slice(start, start + runBlocks);
      if (run.every((b) => b.kind === 'FREE')) {
        const cidr = `${run[0].cidr.split('/')[0]}/${prefixLength}`;
        return {
          kind: 'PREFIX_RESERVATION',
          cidr,
          blocks: runBlocks,
          message:
            `Reserve ${cidr} (${runBlocks} free aligned /28 blocks, ${neededBlocks} needed = ${nodes} nodes * ${fit.prefixesPerNode} prefixes) for prefixes ` +
            "before more /32s scatter into it; the nodes' primary IPs then come from the rest of the subnet.",
          command: `aws ec2 create-subnet-cidr-reservation --subnet-id ${subnetId ?? '<subnet-id>'} --cidr ${cidr} --reservation-type prefix`,
          source: SUBNET_PREFIX_SOURCES.EC2_RESERVATIONS,
        };
      }
    }
  }
  // A dedicated subnet: the nodes' prefixes, their /32s packed 16 to a block, and the two AWS-reserved blocks.
  const total = neededBlocks * (fit.prefixesPerNode > 0 ? 1 : 0) + Math.ceil((nodes * fit.addressesPerNode) / BLOCK_SIZE) + 2;
  const newPrefixLength = Math.max(16, Math.min(28, 28 - Math.ceil(Math.log2(total))));
  return {
    kind: 'NEW_SUBNET',
    cidr: `/${newPrefixLength}`,
    blocks: 2 ** (28 - newPrefixLength),
    message:
      `No free aligned run of ${runBlocks} blocks is left: create a dedicated /${newPrefixLength} subnet for the Windows nodes ` +
      `(${total} blocks needed = ${neededBlocks} for prefixes + ${Math.ceil((nodes * fit.addressesPerNode) / BLOCK_SIZE)} for the nodes' /32s + 2 holding AWS-reserved addresses), ` +
      'and reserve its prefix range (type prefix) at once. A secondary VPC CIDR works: nodes and pods both draw from it.',
    command: null,
    source: SUBNET_PREFIX_SOURCES.BPG_PREFIX,
  };
}
