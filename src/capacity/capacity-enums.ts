import {
  Ec2WindowsEvidence,
  IpMode,
  MaxPodsLimit,
  NodeOs,
  SizingConstraint,
  SizingRankBy,
  SubnetLimit,
  VpcLimitsTable,
  WindowsServerVersion,
} from './core/index.js';

import { registerEnum, values } from '../common/graphql-enum.js';

export { values };

/** The capacity core's enums, registered for GraphQL / OpenAPI; `NodeOs` and `IpMode` serve the CNI API too. */

export const NodeOsEnum = registerEnum(NodeOs, { name: 'NodeOs', description: 'Operating system of a node.' });

export const IpModeEnum = registerEnum(IpMode, {
  name: 'IpMode',
  description: 'How pods get VPC addresses: one secondary IP each, or /28 prefixes (16 addresses) per ENI slot.',
});

export const MaxPodsLimitEnum = registerEnum(MaxPodsLimit, { name: 'MaxPodsLimit', description: 'Which limit decided maxPods.' });

export const SizingConstraintEnum = registerEnum(SizingConstraint, {
  name: 'SizingConstraint',
  description: 'What limits the workload pods per node (or why the type cannot host them at all).',
});

export const SubnetLimitEnum = registerEnum(SubnetLimit, {
  name: 'SubnetLimit',
  description: 'What runs out first in the subnets: addresses (secondary-IP mode) or aligned /28 blocks (prefix delegation).',
});

/**
 * REST spells enum values in lower-case kebab (`windows`, `prefix-delegation`); GraphQL in
 * upper snake. Both are accepted everywhere: this turns either into the enum spelling and leaves
 * anything else as it is, for the validator to refuse.
 */
export function toEnumSpelling({ value }: { value: unknown }): unknown {
  const one = (v: unknown) => (typeof v === 'string' && /^[A-Za-z0-9_-]{1,40}$/.test(v) ? v.trim().toUpperCase().replace(/-/g, '_') : v);
  return Array.isArray(value) ? value.map(one) : one(value);
}

export const WindowsServerVersionEnum = registerEnum(WindowsServerVersion, {
  name: 'WindowsServerVersion',
  description: 'Windows Server release of the EKS-optimized AMI a Windows node group runs (2019, 2022 or 2025).',
});

export const VpcLimitsTableEnum = registerEnum(VpcLimitsTable, {
  name: 'VpcLimitsTable',
  description:
    'Which copy of the controller limits a Windows figure comes from: VPCRC_PUBLIC (aws/amazon-vpc-resource-controller-k8s pkg/aws/vpc/limits.go, ' +
    'generated 2026-03-20) or KARPENTER_NEWER (aws/karpenter-provider-aws pkg/providers/instancetype/zz_generated.vpclimits.go, generated 2026-08-06).',
});

export const Ec2WindowsEvidenceEnum = registerEnum(Ec2WindowsEvidence, {
  name: 'Ec2WindowsEvidence',
  description:
    'Where the answer on EC2 offering Windows came from: an AWS Price List read for the region, or the known list (aws/karpenter-provider-aws#7985).',
});

export const SizingRankByEnum = registerEnum(SizingRankBy, {
  name: 'SizingRankBy',
  description: 'NODES: fewest nodes first. COST: lowest hourly on-demand cost of the group first (needs region; priced types first).',
});
