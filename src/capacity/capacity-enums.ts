import type {
  Ec2WindowsEvidence,
  IpMode,
  MaxPodsLimit,
  NodeOs,
  SizingConstraint,
  SizingRankBy,
  SubnetVerdict,
  VpcLimitsTable,
  WindowsServerVersion,
} from './core/index.js';

import { type EnumOf, registerEnum, values } from '../common/graphql-enum.js';

export { values };

/** GraphQL / OpenAPI enums of the capacity API; `NodeOs` and `IpMode` serve the CNI API too. */

export const NodeOsEnum: EnumOf<NodeOs> = { WINDOWS: 'WINDOWS', LINUX: 'LINUX' };
registerEnum(NodeOsEnum, { name: 'NodeOs', description: 'Operating system of a node.' });

export const IpModeEnum: EnumOf<IpMode> = { SECONDARY_IP: 'SECONDARY_IP', PREFIX_DELEGATION: 'PREFIX_DELEGATION' };
registerEnum(IpModeEnum, {
  name: 'IpMode',
  description: 'How pods get VPC addresses: one secondary IP each, or /28 prefixes (16 addresses) per ENI slot.',
});

export const MaxPodsLimitEnum: EnumOf<MaxPodsLimit> = {
  IP_ADDRESSES: 'IP_ADDRESSES',
  KUBELET_MAX_PODS: 'KUBELET_MAX_PODS',
  RECOMMENDED_CAP: 'RECOMMENDED_CAP',
  UNSUPPORTED: 'UNSUPPORTED',
};
registerEnum(MaxPodsLimitEnum, { name: 'MaxPodsLimit', description: 'Which limit decided maxPods.' });

export const SizingConstraintEnum: EnumOf<SizingConstraint> = {
  IP_ADDRESSES: 'IP_ADDRESSES',
  KUBELET_MAX_PODS: 'KUBELET_MAX_PODS',
  CPU: 'CPU',
  MEMORY: 'MEMORY',
  UNSUPPORTED_ARCHITECTURE: 'UNSUPPORTED_ARCHITECTURE',
  NOT_IN_VPCRC_LIMITS: 'NOT_IN_VPCRC_LIMITS',
  NO_CAPACITY: 'NO_CAPACITY',
  NOT_OFFERED_BY_EC2: 'NOT_OFFERED_BY_EC2',
};
registerEnum(SizingConstraintEnum, {
  name: 'SizingConstraint',
  description: 'What limits the workload pods per node (or why the type cannot host them at all).',
});

type SubnetLimit = SubnetVerdict['limitedBy'];
export const SubnetLimitEnum: EnumOf<SubnetLimit> = { ADDRESSES: 'ADDRESSES', PREFIX_BLOCKS: 'PREFIX_BLOCKS' };
registerEnum(SubnetLimitEnum, {
  name: 'SubnetLimit',
  description: 'What runs out first in the subnets: addresses (secondary-IP mode) or aligned /28 blocks (prefix delegation).',
});

/**
 * REST spells enum values in lower-case kebab (`windows`, `prefix-delegation`); GraphQL in
 * upper snake. Both are accepted everywhere: this turns either into the enum spelling and leaves
 * anything else as it is, for the validator to refuse.
 */
export function toEnumSpelling({ value }: { value: unknown }): unknown {
  const one = (v: unknown) => (typeof v === 'string' && /^[A-Za-z_-]{1,40}$/.test(v) ? v.trim().toUpperCase().replace(/-/g, '_') : v);
  return Array.isArray(value) ? value.map(one) : one(value);
}

export const WindowsServerVersionEnum: EnumOf<WindowsServerVersion> = {
  WINDOWS_SERVER_2019: 'WINDOWS_SERVER_2019',
  WINDOWS_SERVER_2022: 'WINDOWS_SERVER_2022',
  WINDOWS_SERVER_2025: 'WINDOWS_SERVER_2025',
};
registerEnum(WindowsServerVersionEnum, {
  name: 'WindowsServerVersion',
  description: 'Windows Server release of the EKS-optimized AMI a Windows node group runs (2019, 2022 or 2025).',
});

export const VpcLimitsTableEnum: EnumOf<VpcLimitsTable> = { VPCRC_PUBLIC: 'VPCRC_PUBLIC', KARPENTER_NEWER: 'KARPENTER_NEWER' };
registerEnum(VpcLimitsTableEnum, {
  name: 'VpcLimitsTable',
  description:
    'Which copy of the controller limits a Windows figure comes from: VPCRC_PUBLIC (aws/amazon-vpc-resource-controller-k8s pkg/aws/vpc/limits.go, ' +
    'generated 2026-03-20) or KARPENTER_NEWER (aws/karpenter-provider-aws pkg/providers/instancetype/zz_generated.vpclimits.go, generated 2026-08-06).',
});

export const Ec2WindowsEvidenceEnum: EnumOf<Ec2WindowsEvidence> = { PRICE_LIST: 'PRICE_LIST', KNOWN_LIST: 'KNOWN_LIST' };
registerEnum(Ec2WindowsEvidenceEnum, {
  name: 'Ec2WindowsEvidence',
  description:
    'Where the answer on EC2 offering Windows came from: an AWS Price List read for the region, or the known list (aws/karpenter-provider-aws#7985).',
});

export const SizingRankByEnum: EnumOf<SizingRankBy> = { NODES: 'NODES', COST: 'COST' };
registerEnum(SizingRankByEnum, {
  name: 'SizingRankBy',
  description: 'NODES: fewest nodes first. COST: lowest hourly on-demand cost of the group first (needs region; priced types first).',
});
