import { KarpenterPlanConstraint } from './core/index.js';
import { registerEnum } from '../common/graphql-enum.js';

export const KarpenterPlanConstraintEnum = registerEnum(KarpenterPlanConstraint, {
  name: 'KarpenterPlanConstraint',
  description:
    "What limits the Windows pods on one node (pods, IPs, CPU, memory), or why the type gets none: not in Karpenter's limits table, " +
    'not amd64, refused by EC2 for Windows, unknown to the VPC Resource Controller.',
});
