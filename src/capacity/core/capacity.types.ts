/**
 * Shared vocabulary of the capacity core: operating systems, IP modes, warnings with sources,
 * and the name/value pairs every answer carries so each number can be explained.
 */
export type NodeOs = 'WINDOWS' | 'LINUX';
export type IpMode = 'SECONDARY_IP' | 'PREFIX_DELEGATION';

export const NODE_OSES: readonly NodeOs[] = ['WINDOWS', 'LINUX'];
export const IP_MODES: readonly IpMode[] = ['SECONDARY_IP', 'PREFIX_DELEGATION'];

/** Where each rule comes from: upstream repository and path (or document), so a citation can be followed. */
export const Source = {
  VPCRC_LIMITS: 'aws/amazon-vpc-resource-controller-k8s pkg/aws/vpc/limits.go',
  VPCRC_POD_WEBHOOK: 'aws/amazon-vpc-resource-controller-k8s webhooks/core/pod_webhook.go',
  VPCRC_SECONDARY_DOC: 'aws/amazon-vpc-resource-controller-k8s docs/windows/secondary_ip_mode_config_options.md',
  VPCRC_PREFIX_DOC: 'aws/amazon-vpc-resource-controller-k8s docs/windows/prefix_delegation_config_options.md',
  BPG_WINDOWS_NETWORKING: 'aws/aws-eks-best-practices latest/bpg/windows/networking.adoc',
  BPG_PREFIX_WINDOWS: 'aws/aws-eks-best-practices latest/bpg/networking/prefix-mode_windows.adoc',
  VPCCNI_ENI_MAX_PODS: 'aws/amazon-vpc-cni-k8s misc/eni-max-pods.txt',
  VPCCNI_MAX_PODS_CALCULATOR: 'aws/amazon-vpc-cni-k8s misc/max-pods-calculator.sh',
  VPCCNI_PREFIX_DELEGATION: 'aws/amazon-vpc-cni-k8s README (ENABLE_PREFIX_DELEGATION)',
  VPCCNI_ENI_IP_TARGET_DOC: 'aws/amazon-vpc-cni-k8s docs/eni-and-ip-target.md',
  VPCCNI_PREFIX_IP_TARGET_DOC: 'aws/amazon-vpc-cni-k8s docs/prefix-and-ip-target.md',
  UG_WINDOWS_SUPPORT: 'awsdocs/amazon-eks-user-guide windows-support',
  UG_WINDOWS_AMI: 'awsdocs/amazon-eks-user-guide eks-optimized-windows-ami',
  UG_CUSTOM_NETWORKING: 'awsdocs/amazon-eks-user-guide cni-custom-network',
  UG_SECURITY_GROUPS_FOR_PODS: 'awsdocs/amazon-eks-user-guide security-groups-for-pods',
  UG_CHOOSING_INSTANCE_TYPE: 'awsdocs/amazon-eks-user-guide choosing-instance-type',
  EC2_CREATE_SUBNET: 'EC2 CreateSubnet (subnet sizing)',
  EKS_AMI_BOOTSTRAP: 'awslabs/amazon-eks-ami kube-reserved',
  EKS_WINDOWS_BOOTSTRAP: 'awslabs/amazon-eks-ami Start-EKSBootstrap.ps1',
  KEP_5100: 'kubernetes/enhancements KEP-5100 (WinDSR GA)',
  KARPENTER_INSTANCE_TYPES: 'aws/karpenter-provider-aws pkg/providers/instancetype/types.go',
  VPCCNI_IPAMD: 'aws/amazon-vpc-cni-k8s pkg/ipamd/ipamd.go',
  VPCRC_NODE: 'aws/amazon-vpc-resource-controller-k8s pkg/node/node.go',
  VPCRC_POOL: 'aws/amazon-vpc-resource-controller-k8s pkg/pool/pool.go',
  VPCRC_CONFIG_COOLDOWN: 'aws/amazon-vpc-resource-controller-k8s pkg/config/type.go (CoolDownPeriod)',
  KARPENTER_VPC_LIMITS: 'aws/karpenter-provider-aws pkg/providers/instancetype/zz_generated.vpclimits.go',
  KARPENTER_WINDOWS_TYPES_ISSUE: 'aws/karpenter-provider-aws#7985 (types without Windows on-demand pricing in the EC2 Price List)',
  KARPENTER_PRICING: 'aws/karpenter-provider-aws pkg/providers/pricing/zz_generated.pricing_aws.go',
  AWS_PRICE_LIST:
    'AWS Price List API pricing:GetProducts (AmazonEC2, operatingSystem=Windows, preInstalledSw=NA, tenancy=Shared, capacitystatus=Used, licenseModel=No License required)',
  BPG_WINDOWS_OOM: 'aws/aws-eks-best-practices latest/bpg/windows/oom.adoc',
  EKS_UG_WINDOWS_AMI: 'awsdocs/amazon-eks-user-guide eks-optimized-windows-ami (x86_64 only)',
  EKS_UG_CNI_SUBNET_SELECTION: 'awsdocs/amazon-eks-user-guide cni-subnet-selection (enhanced subnet discovery)',
} as const;
export type Source = (typeof Source)[keyof typeof Source];

export type CapacityWarningCode =
  | 'WINDOWS_UNSUPPORTED_ARCHITECTURE'
  | 'WINDOWS_TYPE_NOT_IN_VPCRC_LIMITS'
  | 'WINDOWS_PREFIX_DELEGATION_FALLBACK'
  | 'WINDOWS_CUSTOM_NETWORKING_UNSUPPORTED'
  | 'WINDOWS_SECURITY_GROUPS_FOR_PODS_UNSUPPORTED'
  | 'WINDOWS_MAX_ENIS_IGNORED'
  | 'WINDOWS_IPV4_PER_INTERFACE_DIFFERS'
  | 'KUBELET_MAX_PODS_ABOVE_IP_LIMIT'
  | 'KUBELET_MAX_PODS_ABOVE_RECOMMENDED'
  | 'KUBELET_MAX_PODS_BELOW_IP_LIMIT'
  | 'LINUX_PREFIX_DELEGATION_NEEDS_NITRO'
  | 'LINUX_PREFIX_DELEGATION_NEEDS_CNI_1_9'
  | 'LINUX_CUSTOM_NETWORKING_ENI'
  | 'LINUX_SECURITY_GROUPS_FOR_PODS_TRUNK_ENI'
  | 'LINUX_SECURITY_GROUPS_FOR_PODS_NOT_TRUNKING_COMPATIBLE'
  | 'MAX_ENIS_CAP'
  | 'NO_POD_CAPACITY'
  | 'PREFIX_FRAGMENTATION_RISK'
  | 'CUSTOM_NETWORKING_POD_SUBNET'
  | 'WARM_IP_COOLDOWN'
  | 'WARM_POOL_TARGET_ADJUSTED'
  | 'WINDOWS_SERVICE_PORT_EXHAUSTION'
  | 'LINUX_NODES_FOR_COREDNS'
  | 'WINDOWS_NOT_OFFERED_BY_EC2'
  | 'WINDOWS_TYPE_NEWER_THAN_PUBLIC_VPCRC_LIMITS'
  | 'WINDOWS_IP_COOLDOWN'
  | 'WINDOWS_PREFIX_DELEGATION_NO_FALLBACK'
  | 'ACCELERATED_TYPE_NOT_ASKED_FOR'
  | 'PRICES_UNKNOWN'
  | 'WINDOWS_SERVER_VERSION_NEEDS_NEWER_EKS'
  | 'WINDOWS_CONTAINER_OS_BUILD'
  | 'WINDOWS_SERVER_NETWORK_POLICY_UNSUPPORTED'
  | 'WINDOWS_SERVER_2019_ADDONS_LEAVING';

export interface CapacityWarning {
  code: CapacityWarningCode;
  message: string;
  source: Source | string;
}

/** One input actually used by a computation, with where it came from. */
export interface NamedValue {
  name: string;
  value: number | string | boolean | null;
  note?: string;
}
