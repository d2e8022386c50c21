import {
  ClusterPlatform,
  CniNoteSeverity,
  CniOption,
  CniReasonEffect,
  CniRuleCode,
  CniSettingTarget,
  CniVerdict,
  IpFamily,
  NetworkPolicyEngine,
  NodeProvisioner,
} from './core/index.js';

import { registerEnum, values } from '../common/graphql-enum.js';

export { values };

/** The CNI core's enums, registered for GraphQL / OpenAPI (node OS and IP mode are the capacity API's). */

export const IpFamilyEnum = registerEnum(IpFamily, {
  name: 'IpFamily',
  description: 'The cluster IP family (fixed when the cluster is created).',
});

export const ClusterPlatformEnum = registerEnum(ClusterPlatform, {
  name: 'ClusterPlatform',
  description: 'Where the cluster runs its pods.',
});

export const CniOptionEnum = registerEnum(CniOption, { name: 'CniOption', description: "A way to network the cluster's pods." });

export const CniVerdictEnum = registerEnum(CniVerdict, {
  name: 'CniVerdict',
  description: 'RECOMMENDED: the best supported option (at most one). UNSUPPORTED: a RULES_OUT reason applies.',
});

export const NetworkPolicyEngineEnum = registerEnum(NetworkPolicyEngine, {
  name: 'NetworkPolicyEngine',
  description: 'What enforces NetworkPolicy.',
});

export const CniReasonEffectEnum = registerEnum(CniReasonEffect, { name: 'CniReasonEffect', description: 'How a reason moves an option.' });

export const CniSettingTargetEnum = registerEnum(CniSettingTarget, {
  name: 'CniSettingTarget',
  description: 'Where a setting is applied.',
});

export const CniNoteSeverityEnum = registerEnum(CniNoteSeverity, { name: 'CniNoteSeverity' });

export const CniRuleEnum = registerEnum(CniRuleCode, {
  name: 'CniRule',
  description: 'The rule a reason or note applies (each with its upstream source).',
});

export const NodeProvisionerEnum = registerEnum(NodeProvisioner, {
  name: 'NodeProvisioner',
  description:
    'What creates the Windows nodes: eksctl self-managed node groups, Karpenter, terraform-aws-modules/eks self-managed or EKS managed groups, or EKS managed node groups created otherwise.',
});

/** Values for `@ApiProperty({ enum })`. */
