/** One row of the VPC Resource Controller's limits table (pkg/aws/vpc/limits.go). */
export interface VpcResourceControllerLimit {
  instanceType: string;
  ipv4PerInterface: number;
  maxInterfaces: number;
  isTrunkingCompatible: boolean;
  branchInterfaces: number;
  /** `nitro`, `xen` or '' (bare metal / unknown), as limits.go has it. */
  hypervisor: string;
  isBareMetal: boolean;
}

export function getVpcResourceControllerLimit(_instanceType: string): VpcResourceControllerLimit | undefined {
  throw new Error('not implemented yet');
}
