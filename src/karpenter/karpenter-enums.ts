import type { KarpenterPlanConstraint } from './core/index.js';
import { type EnumOf, registerEnum } from '../common/graphql-enum.js';

export const KarpenterPlanConstraintEnum: EnumOf<KarpenterPlanConstraint> = {
  KUBELET_MAX_PODS: 'KUBELET_MAX_PODS',
  IP_ADDRESSES: 'IP_ADDRESSES',
  CPU: 'CPU',
  MEMORY: 'MEMORY',
  NOT_IN_KARPENTER_LIMITS: 'NOT_IN_KARPENTER_LIMITS',
  UNSUPPORTED_ARCHITECTURE: 'UNSUPPORTED_ARCHITECTURE',
  EC2_REFUSES_WINDOWS: 'EC2_REFUSES_WINDOWS',
  NOT_IN_VPCRC_LIMITS: 'NOT_IN_VPCRC_LIMITS',
  NO_CAPACITY: 'NO_CAPACITY',
};
registerEnum(KarpenterPlanConstraintEnum, {
  name: 'KarpenterPlanConstraint',
  description:
    "What limits the Windows pods on one node (pods, IPs, CPU, memory), or why the type gets none: not in Karpenter's limits table, " +
    'not amd64, refused by EC2 for Windows, unknown to the VPC Resource Controller.',
});
