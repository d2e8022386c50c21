import { KARPENTER_VPC_LIMITS_SOURCE, KARPENTER_VPC_LIMITS_TSV } from '../../capacity/core/karpenter-vpc-limits.generated.js';

export { KARPENTER_VPC_LIMITS_SOURCE };

/**
 * IPv4 addresses per interface as Karpenter's own copy of the VPC limits has them
 * (aws/karpenter-provider-aws pkg/providers/instancetype/zz_generated.vpclimits.go). Karpenter reads
 * this, and only this, to advertise `vpc.amazonaws.com/PrivateIPv4Address = I - 1` on a Windows node
 * (pkg/providers/instancetype/types.go privateIPv4Address()).
 */
const IPV4_PER_INTERFACE: ReadonlyMap<string, number> = new Map(
  // The one generated copy of Karpenter's table (scripts/generate-karpenter-tables.mjs); its first two columns.
  KARPENTER_VPC_LIMITS_TSV.split('\n').map((line) => {
    const [name, ipv4] = line.split('\t');
    return [name!, Number(ipv4)] as const;
  }),
);

/** I from Karpenter's limits table, or undefined when Karpenter's table does not have the type. */
export function getKarpenterIpv4PerInterface(instanceType: string): number | undefined {
  return IPV4_PER_INTERFACE.get(instanceType);
}

export function countKarpenterVpcLimits(): number {
  return IPV4_PER_INTERFACE.size;
}
