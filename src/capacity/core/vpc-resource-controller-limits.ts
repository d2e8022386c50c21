import { VPCRC_LIMITS_SOURCE, VPCRC_LIMITS_TSV } from './vpc-resource-controller-limits.generated.js';

export { VPCRC_LIMITS_SOURCE };

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

/** Parsed once at module load; read-only afterwards. */
const LIMITS: ReadonlyMap<string, Readonly<VpcResourceControllerLimit>> = (() => {
  const map = new Map<string, Readonly<VpcResourceControllerLimit>>();
  for (const line of VPCRC_LIMITS_TSV.split('\n')) {
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
})();

/** The VPCRC row for a type, or undefined when VPCRC does not know it (Windows W = 0 then). */
export function getVpcResourceControllerLimit(instanceType: string): VpcResourceControllerLimit | undefined {
  return LIMITS.get(instanceType);
}

/** How many types the bundled VPCRC table knows. */
export function countVpcResourceControllerLimits(): number {
  return LIMITS.size;
}
