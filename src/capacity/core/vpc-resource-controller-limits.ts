import { stringEnum, type EnumValue } from '../../common/core/string-enum.js';
import { KARPENTER_VPC_LIMITS_SOURCE, KARPENTER_VPC_LIMITS_TSV } from './karpenter-vpc-limits.generated.js';
import { VPCRC_LIMITS_SOURCE, VPCRC_LIMITS_TSV } from './vpc-resource-controller-limits.generated.js';

export { KARPENTER_VPC_LIMITS_SOURCE, VPCRC_LIMITS_SOURCE };

/** One row of the VPC Resource Controller's limits table (pkg/aws/vpc/limits.go). */
export interface VpcResourceControllerLimit {
  instanceType: string;
  ipv4PerInterface: number;
  maxInterfaces: number;
  isTrunkingCompatible: boolean;
  branchInterfaces: number;
  /** `nitro`, `xen` or '' (bare metal), as limits.go has it. */
  hypervisor: string;
  isBareMetal: boolean;
}

/**
 * Which copy of the controller's generated limits a Windows figure comes from:
 * - `VPCRC_PUBLIC`: aws/amazon-vpc-resource-controller-k8s pkg/aws/vpc/limits.go (generated 2026-03-20),
 *   the table the public controller ships;
 * - `KARPENTER_NEWER`: aws/karpenter-provider-aws pkg/providers/instancetype/zz_generated.vpclimits.go
 *   (generated 2026-08-06), a newer run of the same generator. Which table the controller of a given EKS
 *   control plane runs is not public, so a type found only here may not be advertised yet.
 */
export const VpcLimitsTable = stringEnum('VPCRC_PUBLIC', 'KARPENTER_NEWER');
export type VpcLimitsTable = EnumValue<typeof VpcLimitsTable>;

export const VPC_LIMITS_TABLES: Readonly<
  Record<VpcLimitsTable, { repository: string; path: string; commit: string; generated: string; rows: number }>
> = {
  VPCRC_PUBLIC: VPCRC_LIMITS_SOURCE,
  KARPENTER_NEWER: KARPENTER_VPC_LIMITS_SOURCE,
};

/** `repository path (generated date)`: how an answer names the table a figure came from. */
export function describeVpcLimitsTable(table: VpcLimitsTable): string {
  const t = VPC_LIMITS_TABLES[table];
  return `${t.repository} ${t.path} (generated ${t.generated})`;
}

function parseLimits(tsv: string): ReadonlyMap<string, Readonly<VpcResourceControllerLimit>> {
  const map = new Map<string, Readonly<VpcResourceControllerLimit>>();
  for (const line of tsv.split('\n')) {
    const [instanceType, ipv4, enis, trunk, branch, hypervisor, metal] = line.split('\t');
    map.set(
      instanceType,
      Object.freeze({
        instanceType,
        ipv4PerInterface: Number(ipv4),
        maxInterfaces: Number(enis),
        isTrunkingCompatible: trunk === '1',
        branchInterfaces: Number(branch),
        hypervisor: hypervisor ?? '',
        isBareMetal: metal === '1',
      }),
    );
  }
  return map;
}

/** Parsed once at module load; read-only afterwards. */
const LIMITS = parseLimits(VPCRC_LIMITS_TSV);
const NEWER_LIMITS = parseLimits(KARPENTER_VPC_LIMITS_TSV);

/** The public VPCRC row for a type, or undefined when the public table does not know it. */
export function getVpcResourceControllerLimit(instanceType: string): VpcResourceControllerLimit | undefined {
  return LIMITS.get(instanceType);
}

/** The row of Karpenter's newer copy of the generated table, or undefined. */
export function getNewerVpcLimit(instanceType: string): VpcResourceControllerLimit | undefined {
  return NEWER_LIMITS.get(instanceType);
}

export interface ResolvedVpcLimit {
  limit: VpcResourceControllerLimit;
  table: VpcLimitsTable;
}

/**
 * The row Windows capacity is computed from: the public controller table when it knows the type,
 * else the newer copy; undefined when neither knows it (W = 0).
 */
export function resolveVpcLimit(instanceType: string): ResolvedVpcLimit | undefined {
  const pub = LIMITS.get(instanceType);
  if (pub) return { limit: pub, table: 'VPCRC_PUBLIC' };
  const newer = NEWER_LIMITS.get(instanceType);
  return newer ? { limit: newer, table: 'KARPENTER_NEWER' } : undefined;
}

/** How many types the bundled public VPCRC table knows. */
export function countVpcResourceControllerLimits(): number {
  return LIMITS.size;
}

/** How many types the bundled newer table knows. */
export function countNewerVpcLimits(): number {
  return NEWER_LIMITS.size;
}
