import type {
  ClusterPlatform,
  CniNote,
  CniOption,
  CniReasonEffect,
  CniRuleCode,
  CniSettingTarget,
  CniVerdict,
  IpFamily,
  NetworkPolicyEngine,
  NodeProvisioner,
} from './core/index.js';

import { type EnumOf, registerEnum, values } from '../common/graphql-enum.js';

export { values };

/** GraphQL / OpenAPI enums of the CNI recommendation (node OS and IP mode are the capacity API's). */

export const IpFamilyEnum: EnumOf<IpFamily> = { IPV4: 'IPV4', IPV6: 'IPV6' };
registerEnum(IpFamilyEnum, { name: 'IpFamily', description: 'The cluster IP family (fixed when the cluster is created).' });

export const ClusterPlatformEnum: EnumOf<ClusterPlatform> = {
  EC2: 'EC2',
  AUTO_MODE: 'AUTO_MODE',
  FARGATE: 'FARGATE',
  HYBRID_NODES: 'HYBRID_NODES',
};
registerEnum(ClusterPlatformEnum, { name: 'ClusterPlatform', description: 'Where the cluster runs its pods.' });

export const CniOptionEnum: EnumOf<CniOption> = {
  VPC_CNI_SECONDARY_IP: 'VPC_CNI_SECONDARY_IP',
  VPC_CNI_PREFIX_DELEGATION: 'VPC_CNI_PREFIX_DELEGATION',
  VPC_CNI_CUSTOM_NETWORKING: 'VPC_CNI_CUSTOM_NETWORKING',
  CALICO_OVERLAY: 'CALICO_OVERLAY',
};
registerEnum(CniOptionEnum, { name: 'CniOption', description: 'A way to network the cluster\'s pods.' });

export const CniVerdictEnum: EnumOf<CniVerdict> = {
  RECOMMENDED: 'RECOMMENDED',
  VIABLE: 'VIABLE',
  NOT_RECOMMENDED: 'NOT_RECOMMENDED',
  UNSUPPORTED: 'UNSUPPORTED',
};
registerEnum(CniVerdictEnum, {
  name: 'CniVerdict',
  description: 'RECOMMENDED: the best supported option (at most one). UNSUPPORTED: a RULES_OUT reason applies.',
});

export const NetworkPolicyEngineEnum: EnumOf<NetworkPolicyEngine> = {
  VPC_CNI: 'VPC_CNI',
  CALICO_POLICY_ONLY: 'CALICO_POLICY_ONLY',
  NONE: 'NONE',
};
registerEnum(NetworkPolicyEngineEnum, { name: 'NetworkPolicyEngine', description: 'What enforces NetworkPolicy.' });

export const CniReasonEffectEnum: EnumOf<CniReasonEffect> = {
  FAVOURS: 'FAVOURS',
  DISFAVOURS: 'DISFAVOURS',
  RULES_OUT: 'RULES_OUT',
  NOTE: 'NOTE',
};
registerEnum(CniReasonEffectEnum, { name: 'CniReasonEffect', description: 'How a reason moves an option.' });

export const CniSettingTargetEnum: EnumOf<CniSettingTarget> = {
  VPC_CNI_CONFIGMAP: 'VPC_CNI_CONFIGMAP',
  VPC_CNI_ADDON: 'VPC_CNI_ADDON',
  EKSCTL_NODE_GROUP: 'EKSCTL_NODE_GROUP',
  KUBELET: 'KUBELET',
  KUBE_PROXY: 'KUBE_PROXY',
  CALICO_INSTALLATION: 'CALICO_INSTALLATION',
  KARPENTER_EC2NODECLASS: 'KARPENTER_EC2NODECLASS',
  TERRAFORM_NODE_GROUP: 'TERRAFORM_NODE_GROUP',
};
registerEnum(CniSettingTargetEnum, { name: 'CniSettingTarget', description: 'Where a setting is applied.' });

export const CniNoteSeverityEnum: EnumOf<CniNote['severity']> = { INFO: 'INFO', WARNING: 'WARNING' };
registerEnum(CniNoteSeverityEnum, { name: 'CniNoteSeverity' });

export const CniRuleEnum: EnumOf<CniRuleCode> = {
  VPC_CNI_DEFAULT_MODE: 'VPC_CNI_DEFAULT_MODE',
  PREFIX_DELEGATION_OPT_IN: 'PREFIX_DELEGATION_OPT_IN',
  CUSTOM_NETWORKING_SEPARATE_POD_SUBNETS: 'CUSTOM_NETWORKING_SEPARATE_POD_SUBNETS',
  OVERLAY_PODS_OFF_VPC: 'OVERLAY_PODS_OFF_VPC',
  WINDOWS_REQUIRES_VPC_CNI: 'WINDOWS_REQUIRES_VPC_CNI',
  WINDOWS_UNSUPPORTED_IPV6: 'WINDOWS_UNSUPPORTED_IPV6',
  WINDOWS_UNSUPPORTED_ON_FARGATE: 'WINDOWS_UNSUPPORTED_ON_FARGATE',
  WINDOWS_UNSUPPORTED_ON_AUTO_MODE: 'WINDOWS_UNSUPPORTED_ON_AUTO_MODE',
  WINDOWS_UNSUPPORTED_ON_HYBRID_NODES: 'WINDOWS_UNSUPPORTED_ON_HYBRID_NODES',
  WINDOWS_NEEDS_X86_64: 'WINDOWS_NEEDS_X86_64',
  NODE_GROUP_NO_POD_CAPACITY: 'NODE_GROUP_NO_POD_CAPACITY',
  PLATFORM_MANAGES_POD_NETWORKING: 'PLATFORM_MANAGES_POD_NETWORKING',
  IPV6_PODS_OFF_IPV4_SUBNETS: 'IPV6_PODS_OFF_IPV4_SUBNETS',
  WINDOWS_PODS_EXCEED_SECONDARY_IP: 'WINDOWS_PODS_EXCEED_SECONDARY_IP',
  WINDOWS_PD_NEEDS_NITRO: 'WINDOWS_PD_NEEDS_NITRO',
  WINDOWS_KUBELET_MAX_PODS_RAISED: 'WINDOWS_KUBELET_MAX_PODS_RAISED',
  FRAGMENTED_SUBNETS_AVOID_PD: 'FRAGMENTED_SUBNETS_AVOID_PD',
  SUBNET_CANNOT_HOLD_NODE_GROUP: 'SUBNET_CANNOT_HOLD_NODE_GROUP',
  IPV4_EXHAUSTION_WINDOWS: 'IPV4_EXHAUSTION_WINDOWS',
  IPV4_EXHAUSTION_LINUX: 'IPV4_EXHAUSTION_LINUX',
  CUSTOM_NETWORKING_NOT_ON_WINDOWS: 'CUSTOM_NETWORKING_NOT_ON_WINDOWS',
  SGP_LINUX_ONLY: 'SGP_LINUX_ONLY',
  SGP_NEEDS_VPC_CNI: 'SGP_NEEDS_VPC_CNI',
  ALB_IP_TARGETS_NEED_VPC_IPS: 'ALB_IP_TARGETS_NEED_VPC_IPS',
  OVERLAY_WEBHOOKS_NEED_HOST_NETWORK: 'OVERLAY_WEBHOOKS_NEED_HOST_NETWORK',
  CALICO_OVERLAY_WINDOWS_UNSUPPORTED_ON_EKS: 'CALICO_OVERLAY_WINDOWS_UNSUPPORTED_ON_EKS',
  ALTERNATE_CNI_NEEDS_VENDOR_SUPPORT: 'ALTERNATE_CNI_NEEDS_VENDOR_SUPPORT',
  WINDOWS_POLICY_NEEDS_CALICO_POLICY_ONLY: 'WINDOWS_POLICY_NEEDS_CALICO_POLICY_ONLY',
  VPC_CNI_POLICY_LINUX_ONLY: 'VPC_CNI_POLICY_LINUX_ONLY',
  LINUX_POLICY_VPC_CNI: 'LINUX_POLICY_VPC_CNI',
  NO_NETWORK_POLICY_NEEDED: 'NO_NETWORK_POLICY_NEEDED',
  WINDOWS_SERVICE_PORT_EXHAUSTION_DSR: 'WINDOWS_SERVICE_PORT_EXHAUSTION_DSR',
  EXTERNAL_TRAFFIC_POLICY_LOCAL_DSR: 'EXTERNAL_TRAFFIC_POLICY_LOCAL_DSR',
  CALICO_POLICY_DSR: 'CALICO_POLICY_DSR',
  DSR_NOT_NEEDED: 'DSR_NOT_NEEDED',
  LINUX_NODES_FOR_COREDNS: 'LINUX_NODES_FOR_COREDNS',
  WINDOWS_IPAM_CONFIGMAP_KEYS: 'WINDOWS_IPAM_CONFIGMAP_KEYS',
};
registerEnum(CniRuleEnum, { name: 'CniRule', description: 'The rule (DOMAIN.md §5) a reason or note applies.' });

export const NodeProvisionerEnum: EnumOf<NodeProvisioner> = {
  EKSCTL: 'EKSCTL',
  KARPENTER: 'KARPENTER',
  TERRAFORM_SELF_MANAGED: 'TERRAFORM_SELF_MANAGED',
  TERRAFORM_MANAGED: 'TERRAFORM_MANAGED',
  MANAGED_NODE_GROUP: 'MANAGED_NODE_GROUP',
};
registerEnum(NodeProvisionerEnum, {
  name: 'NodeProvisioner',
  description:
    'What creates the Windows nodes: eksctl self-managed node groups, Karpenter, terraform-aws-modules/eks self-managed or EKS managed groups, or EKS managed node groups created otherwise.',
});

/** Values for `@ApiProperty({ enum })`. */
