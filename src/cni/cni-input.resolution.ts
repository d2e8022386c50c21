import { parseEksServiceCidr, parseIpv4Cidr, type Ipv4Cidr, type WindowsServerVersion } from '../capacity/core/index.js';
import type { InstanceTypeFacts } from '../catalog/core/instance-type.facts.js';
import { DomainError, validationError } from '../common/domain-error.js';
import type { CniNodeGroupInput, CniPlan, CniPlannedNodeGroup, CniRecommendationInput } from './core/index.js';

/**
 * The second half of the edge's one validation. The validation pipe has checked shape and bounds (types,
 * enums, integers and their ranges, lengths, unknown fields); this checks what its decorators cannot say
 * (the Kubernetes version and CIDR formats, subnets that overlap, at least one node group and subnet, unique names, known
 * instance types, Windows-only fields, pods without a node group of their OS), naming the field it
 * rejects, and resolves each instance type name to its catalog facts. The core takes the result as it is.
 */

/** Resolves an instance type name; may throw a DomainError or return undefined for an unknown name. */
export type InstanceTypeLookup = (name: string) => InstanceTypeFacts | undefined;

/** `1.NN`, no leading zero (1.31, 1.9; not 1.031 or 1.09). */
const KUBERNETES_VERSION = /^1\.([1-9]\d?|0)$/;

function checkKubernetesVersion(value: string): string {
  const version = value.trim();
  if (!KUBERNETES_VERSION.test(version)) {
    throw validationError(
      'kubernetesVersion',
      'kubernetes-version',
      `kubernetesVersion must look like "1.31" (got ${JSON.stringify(value)})`,
    );
  }
  return version;
}

function lookUp(lookup: InstanceTypeLookup, instanceType: string, at: string): InstanceTypeFacts {
  let facts: InstanceTypeFacts | undefined;
  let lookupMessage = '';
  try {
    facts = lookup(instanceType.trim());
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    // The catalog's message starts by saying the same ('Unknown instance type "x": ...'): said once.
    lookupMessage = `: ${err.message.replace(/^Unknown instance type "[^"]*":\s*/i, '')}`;
  }
  if (!facts) {
    throw validationError(`${at}.instanceType`, 'known-instance-type', `unknown instance type "${instanceType}"${lookupMessage}`);
  }
  return facts;
}

function resolveNodeGroup(g: CniNodeGroupInput, at: string, seen: Set<string>, lookup: InstanceTypeLookup): CniPlannedNodeGroup {
  const name = g.name.trim();
  if (!name) throw validationError(`${at}.name`, 'non-empty', `${at}.name must be a non-empty string`);
  if (seen.has(name)) throw validationError(`${at}.name`, 'unique', `node group name "${name}" is used twice`);
  seen.add(name);
  if (!g.instanceType.trim()) {
    throw validationError(`${at}.instanceType`, 'non-empty', `${at}.instanceType must be an instance type name`);
  }
  const facts = lookUp(lookup, g.instanceType, at);
  if (g.subnetCidrs.length === 0) {
    throw validationError(`${at}.subnetCidrs`, 'non-empty', `${at}.subnetCidrs must list at least one IPv4 CIDR`);
  }
  const subnetCidrs = g.subnetCidrs.map((c, j) => parseIpv4Cidr(c, `${at}.subnetCidrs[${j}]`).cidr);
  const extra: { windowsServerVersion?: WindowsServerVersion; podChurnPer30s?: number } = {};
  if (g.windowsServerVersion !== undefined && g.windowsServerVersion !== null) {
    if (g.os !== 'WINDOWS') {
      throw validationError(`${at}.windowsServerVersion`, 'windows-only', `${at}.windowsServerVersion applies to Windows node groups only`);
    }
    extra.windowsServerVersion = g.windowsServerVersion;
  }
  if (g.podChurnPer30s !== undefined && g.podChurnPer30s !== null) extra.podChurnPer30s = g.podChurnPer30s;
  return { name, os: g.os, facts, nodes: g.nodes, subnetCidrs, ...extra };
}

/** On EC2, pods of an OS need a node group of that OS (other platforms bring their own capacity). */
function checkPodsHaveNodeGroups(input: CniRecommendationInput, groups: readonly CniPlannedNodeGroup[]): void {
  if ((input.platform ?? 'EC2') !== 'EC2') return;
  if (input.windowsPods > 0 && !groups.some((g) => g.os === 'WINDOWS')) {
    throw validationError('windowsPods', 'needs-node-group', 'windowsPods > 0 but no node group has os WINDOWS');
  }
  if (input.linuxPods > 0 && !groups.some((g) => g.os === 'LINUX')) {
    throw validationError('linuxPods', 'needs-node-group', 'linuxPods > 0 but no node group has os LINUX');
  }
}

/**
 * Two different subnet CIDRs that overlap (10.0.0.0/24 and 10.0.0.0/25), in one group or across groups,
 * are refused: the subnets of a VPC never overlap (EC2 CreateSubnet refuses an overlapping CidrBlock),
 * so such a pair cannot be two real subnets, and no share of the addresses between them would be right.
 * The same CIDR in several groups is one shared subnet: the core checks those groups together.
 */
function checkSubnetsDoNotOverlap(groups: readonly CniPlannedNodeGroup[]): void {
  const seen: { cidr: Ipv4Cidr; at: string; group: string }[] = [];
  groups.forEach((g, i) =>
    g.subnetCidrs.forEach((text, j) => {
      const cidr = parseIpv4Cidr(text);
      const at = `nodeGroups[${i}].subnetCidrs[${j}]`;
      const clash = seen.find(
        (s) =>
          (s.cidr.cidr !== cidr.cidr || s.group === g.name) &&
          s.cidr.network < cidr.network + cidr.size &&
          cidr.network < s.cidr.network + s.cidr.size,
      );
      if (clash) {
        throw validationError(
          at,
          'cidr-overlap',
          `${at} ${cidr.cidr} overlaps ${clash.at} ${clash.cidr.cidr}: the subnets of a VPC do not overlap; give a subnet the groups share as the same CIDR`,
        );
      }
      seen.push({ cidr, at, group: g.name });
    }),
  );
}

const given = <T>(value: T | null | undefined): value is T => value !== undefined && value !== null;

/**
 * Checks a request the validation pipe accepted and resolves its instance types: the core's CniPlan.
 * Throws `validationError` (VALIDATION_FAILED naming the field) on the first problem.
 */
export function toCniPlan(input: CniRecommendationInput, lookup: InstanceTypeLookup): CniPlan {
  const kubernetesVersion = checkKubernetesVersion(input.kubernetesVersion);
  if (input.nodeGroups.length === 0) {
    throw validationError('nodeGroups', 'non-empty', 'nodeGroups must list at least one node group');
  }
  const seen = new Set<string>();
  const nodeGroups = input.nodeGroups.map((g, index) => resolveNodeGroup(g, `nodeGroups[${index}]`, seen, lookup));
  checkSubnetsDoNotOverlap(nodeGroups);
  checkPodsHaveNodeGroups(input, nodeGroups);
  // The allocations count only when subnetsFragmented is not given.
  if (!given(input.subnetsFragmented) && given(input.subnetAllocations) && input.subnetAllocations.length === 0) {
    throw validationError('subnetAllocations', 'non-empty', 'subnetAllocations must list at least one subnet');
  }
  const { serviceIpv4Cidr, ...rest } = input;
  return { ...rest, kubernetesVersion, nodeGroups, serviceCidr: given(serviceIpv4Cidr) ? parseEksServiceCidr(serviceIpv4Cidr) : null };
}
