import type { InstanceTypeFacts } from '../../catalog/core/instance-type.facts.js';
import {
  formatIpv4,
  parseIpv4Cidr,
  type NodeOs,
  NODE_OSES,
  WINDOWS_SERVER_VERSIONS,
  type WindowsServerVersion,
} from '../../capacity/core/index.js';
import { DomainError, validationError } from '../../common/domain-error.js';
import {
  CLUSTER_PLATFORMS,
  IP_FAMILIES,
  NODE_PROVISIONERS,
  type CniDeps,
  type CniNeeds,
  type CniRecommendationInput,
  type CniRecommendation,
} from './cni.types.js';
import { isFragmentedFromAllocations } from './subnet-fragmentation.js';

/** A node group after validation, with its facts and its share of the pods. */
export interface ResolvedNodeGroup {
  index: number;
  name: string;
  os: NodeOs;
  facts: InstanceTypeFacts;
  nodes: number;
  subnetCidrs: string[];
  /** This group's share of windowsPods / linuxPods (by node count). */
  pods: number;
  windowsServerVersion?: WindowsServerVersion;
  podChurnPer30s?: number;
}

/** A Service CIDR as EKS allows it: IPv4, /12 to /24, network address aligned (EKS CreateCluster serviceIpv4Cidr). */
export interface ServiceCidr {
  cidr: string;
  network: number;
  prefixLength: number;
  /** The kube-dns ClusterIP EKS gives the cluster: the .10 of the range. */
  dnsClusterIp: string;
}

const SERVICE_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

export function parseServiceCidr(text: unknown, field = 'serviceIpv4Cidr'): ServiceCidr {
  const m = typeof text === 'string' ? SERVICE_CIDR.exec(text.trim()) : null;
  if (!m) throw validationError(field, 'cidr-format', `${field} must be an IPv4 CIDR like 172.20.0.0/16 (got ${JSON.stringify(text)})`);
  const octets = m.slice(1, 5).map(Number);
  if (octets.some((o) => o > 255)) throw validationError(field, 'cidr-format', `${field}: an octet is above 255`);
  const prefixLength = Number(m[5]);
  if (prefixLength < 12 || prefixLength > 24) {
    throw validationError(field, 'service-cidr-prefix-length', `${field} must be /12 to /24 (EKS CreateCluster), not /${prefixLength}`);
  }
  const network = octets.reduce((a, o) => a * 256 + o, 0);
  const size = 2 ** (32 - prefixLength);
  if (network % size !== 0) {
    throw validationError(
      field,
      'cidr-aligned',
      `${field} has host bits set; the network is ${formatIpv4(network - (network % size))}/${prefixLength}`,
    );
  }
  return { cidr: `${formatIpv4(network)}/${prefixLength}`, network, prefixLength, dnsClusterIp: formatIpv4(network + 10) };
}

export interface ResolvedCniInput {
  normalized: CniRecommendation['input'];
  /** Kubernetes minor version: 31 for "1.31". */
  kubernetesMinor: number;
  /** The cluster's Service CIDR, parsed; null when not given. */
  serviceCidr: ServiceCidr | null;
  groups: ResolvedNodeGroup[];
}

/** `1.NN`, no leading zero (1.31, 1.9; not 1.031 or 1.09). */
const KUBERNETES_VERSION = /^1\.([1-9]\d?|0)$/;

function requireCount(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw validationError(field, 'non-negative-integer', `${field} must be an integer >= 0 (got ${String(value)})`);
  }
  return value;
}

function optionalBoolean(value: unknown, field: string): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw validationError(field, 'boolean', `${field} must be true or false`);
  return value;
}

/**
 * Spreads `total` pods over groups in proportion to their nodes (largest remainder, ties to the
 * earlier group), so the shares add up to `total` exactly. Groups with no nodes share evenly
 * when no group of that OS has nodes.
 */
export function spreadPods(total: number, nodes: readonly number[]): number[] {
  if (nodes.length === 0) return [];
  const allZero = nodes.every((n) => n === 0);
  const weights = allZero ? nodes.map(() => 1) : nodes;
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const shares = exact.map(Math.floor);
  let left = total - shares.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, frac: x - Math.floor(x) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    shares[i] += 1;
    left -= 1;
  }
  return shares;
}

/** Validates the input (throwing `validationError` with the field path) and resolves instance types. */
export function resolveCniInput(input: CniRecommendationInput, deps: CniDeps): ResolvedCniInput {
  if (input === null || typeof input !== 'object') {
    throw validationError('input', 'object', 'the input must be an object');
  }
  const version = typeof input.kubernetesVersion === 'string' ? input.kubernetesVersion.trim() : '';
  const vm = KUBERNETES_VERSION.exec(version);
  if (!vm) {
    throw validationError(
      'kubernetesVersion',
      'kubernetes-version',
      `kubernetesVersion must look like "1.31" (got ${JSON.stringify(input.kubernetesVersion)})`,
    );
  }
  const ipFamily = input.ipFamily ?? 'IPV4';
  if (!IP_FAMILIES.includes(ipFamily)) {
    throw validationError('ipFamily', 'enum', `ipFamily must be one of ${IP_FAMILIES.join(', ')}`);
  }
  const platform = input.platform ?? 'EC2';
  if (!CLUSTER_PLATFORMS.includes(platform)) {
    throw validationError('platform', 'enum', `platform must be one of ${CLUSTER_PLATFORMS.join(', ')}`);
  }
  const windowsPods = requireCount(input.windowsPods, 'windowsPods');
  const linuxPods = requireCount(input.linuxPods, 'linuxPods');
  const servicesPerWindowsNode = requireCount(input.servicesPerWindowsNode ?? 0, 'servicesPerWindowsNode');
  const needsIn: CniNeeds = input.needs ?? {};
  if (typeof needsIn !== 'object') throw validationError('needs', 'object', 'needs must be an object');
  const needs: Required<CniNeeds> = {
    networkPolicyOnWindows: optionalBoolean(needsIn.networkPolicyOnWindows, 'needs.networkPolicyOnWindows'),
    networkPolicyOnLinux: optionalBoolean(needsIn.networkPolicyOnLinux, 'needs.networkPolicyOnLinux'),
    securityGroupsForPods: optionalBoolean(needsIn.securityGroupsForPods, 'needs.securityGroupsForPods'),
    albIpTargets: optionalBoolean(needsIn.albIpTargets, 'needs.albIpTargets'),
    webhooksOnPods: optionalBoolean(needsIn.webhooksOnPods, 'needs.webhooksOnPods'),
    externalTrafficPolicyLocal: optionalBoolean(needsIn.externalTrafficPolicyLocal, 'needs.externalTrafficPolicyLocal'),
  };

  if (!Array.isArray(input.nodeGroups) || input.nodeGroups.length === 0) {
    throw validationError('nodeGroups', 'non-empty', 'nodeGroups must list at least one node group');
  }
  const seen = new Set<string>();
  const partial = input.nodeGroups.map((g, index) => {
    const at = `nodeGroups[${index}]`;
    if (g === null || typeof g !== 'object') throw validationError(at, 'object', `${at} must be an object`);
    const name = typeof g.name === 'string' ? g.name.trim() : '';
    if (!name) throw validationError(`${at}.name`, 'non-empty', `${at}.name must be a non-empty string`);
    if (seen.has(name)) throw validationError(`${at}.name`, 'unique', `node group name "${name}" is used twice`);
    seen.add(name);
    if (!NODE_OSES.includes(g.os)) {
      throw validationError(`${at}.os`, 'enum', `${at}.os must be one of ${NODE_OSES.join(', ')}`);
    }
    const nodes = requireCount(g.nodes, `${at}.nodes`);
    if (typeof g.instanceType !== 'string' || !g.instanceType.trim()) {
      throw validationError(`${at}.instanceType`, 'non-empty', `${at}.instanceType must be an instance type name`);
    }
    let facts: InstanceTypeFacts | undefined;
    let lookupMessage = '';
    try {
      facts = deps.lookupInstanceType(g.instanceType.trim());
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      lookupMessage = `: ${err.message}`;
    }
    if (!facts) {
      throw validationError(`${at}.instanceType`, 'known-instance-type', `unknown instance type "${g.instanceType}"${lookupMessage}`);
    }
    if (!Array.isArray(g.subnetCidrs) || g.subnetCidrs.length === 0) {
      throw validationError(`${at}.subnetCidrs`, 'non-empty', `${at}.subnetCidrs must list at least one IPv4 CIDR`);
    }
    const subnetCidrs = g.subnetCidrs.map((c, j) => parseIpv4Cidr(c, `${at}.subnetCidrs[${j}]`).cidr);
    const extra: { windowsServerVersion?: WindowsServerVersion; podChurnPer30s?: number } = {};
    if (g.windowsServerVersion !== undefined && g.windowsServerVersion !== null) {
      if (!WINDOWS_SERVER_VERSIONS.includes(g.windowsServerVersion)) {
        throw validationError(
          `${at}.windowsServerVersion`,
          'enum',
          `${at}.windowsServerVersion must be one of ${WINDOWS_SERVER_VERSIONS.join(', ')}`,
        );
      }
      if (g.os !== 'WINDOWS') {
        throw validationError(
          `${at}.windowsServerVersion`,
          'windows-only',
          `${at}.windowsServerVersion applies to Windows node groups only`,
        );
      }
      extra.windowsServerVersion = g.windowsServerVersion;
    }
    if (g.podChurnPer30s !== undefined && g.podChurnPer30s !== null) {
      extra.podChurnPer30s = requireCount(g.podChurnPer30s, `${at}.podChurnPer30s`);
    }
    return { index, name, os: g.os, facts, nodes, subnetCidrs, ...extra };
  });

  if (platform === 'EC2') {
    if (windowsPods > 0 && !partial.some((g) => g.os === 'WINDOWS')) {
      throw validationError('windowsPods', 'needs-node-group', 'windowsPods > 0 but no node group has os WINDOWS');
    }
    if (linuxPods > 0 && !partial.some((g) => g.os === 'LINUX')) {
      throw validationError('linuxPods', 'needs-node-group', 'linuxPods > 0 but no node group has os LINUX');
    }
  }

  const pods = new Map<number, number>();
  for (const [os, total] of [
    ['WINDOWS', windowsPods],
    ['LINUX', linuxPods],
  ] as const) {
    const ofOs = partial.filter((g) => g.os === os);
    const shares = spreadPods(
      total,
      ofOs.map((g) => g.nodes),
    );
    ofOs.forEach((g, k) => pods.set(g.index, shares[k]));
  }

  const subnetsFragmented =
    (input.subnetsFragmented === undefined || input.subnetsFragmented === null) &&
    input.subnetAllocations !== undefined &&
    input.subnetAllocations !== null
      ? isFragmentedFromAllocations(
          input.subnetAllocations,
          partial.filter((g) => g.os === 'WINDOWS').map((g) => ({ facts: g.facts, nodes: g.nodes, pods: pods.get(g.index) ?? 0 })),
        )
      : optionalBoolean(input.subnetsFragmented, 'subnetsFragmented');
  const acceptUnsupportedCni = optionalBoolean(input.acceptUnsupportedCni, 'acceptUnsupportedCni');
  const provisioner = resolveProvisioner(input.provisioner);
  const serviceCidr =
    input.serviceIpv4Cidr === undefined || input.serviceIpv4Cidr === null ? null : parseServiceCidr(input.serviceIpv4Cidr);
  return {
    normalized: {
      kubernetesVersion: version,
      ipFamily,
      platform,
      windowsPods,
      linuxPods,
      servicesPerWindowsNode,
      subnetsFragmented,
      acceptUnsupportedCni,
      needs,
      provisioner,
      serviceIpv4Cidr: serviceCidr?.cidr ?? null,
    },
    kubernetesMinor: Number(vm[1]),
    serviceCidr,
    groups: partial.map((g) => ({ ...g, pods: pods.get(g.index) ?? 0 })),
  };
}

function resolveProvisioner(value: unknown): CniRecommendation['input']['provisioner'] {
  if (value === undefined || value === null) return 'EKSCTL';
  if (typeof value !== 'string' || !(NODE_PROVISIONERS as readonly string[]).includes(value)) {
    throw validationError('provisioner', 'enum', `provisioner must be one of ${NODE_PROVISIONERS.join(', ')}, not ${String(value)}`);
  }
  return value as CniRecommendation['input']['provisioner'];
}
