/**
 * Citations and rule codes of the CNI recommendation (each source names the upstream repository and path, or the document).
 * Every reason, note and setting the core emits carries one of these sources.
 */
export const CNI_SOURCE = {
  UG_ALTERNATE_CNI: 'awsdocs/amazon-eks-user-guide alternate-cni-plugins (AWS supports only the Amazon VPC CNI)',
  UG_WINDOWS_SUPPORT: 'awsdocs/amazon-eks-user-guide windows-support',
  UG_WINDOWS_AMI: 'awsdocs/amazon-eks-user-guide eks-optimized-windows-ami (x86_64 only)',
  UG_CNI_IPV6: 'awsdocs/amazon-eks-user-guide cni-ipv6 (no Windows support; Nitro only)',
  UG_CUSTOM_NETWORKING: 'awsdocs/amazon-eks-user-guide cni-custom-network',
  UG_SGP: 'awsdocs/amazon-eks-user-guide security-groups-for-pods (Linux nodes only)',
  UG_CNI_NETPOL: 'awsdocs/amazon-eks-user-guide cni-network-policy (VPC CNI >= 1.14, Linux only)',
  UG_AUTO_MODE: 'awsdocs/amazon-eks-user-guide automode (EKS manages pod networking)',
  UG_MANAGING_VPC_CNI: 'awsdocs/amazon-eks-user-guide managing-vpc-cni (secondary IP mode is the default)',
  CONTAINERS_ROADMAP_2780: 'aws/containers-roadmap #2780 (custom networking / IPv6 for Windows not available)',
  BPG_NETWORKING_INDEX: 'aws/aws-eks-best-practices latest/bpg/networking/index.adoc (IPv4 exhaustion: IPv6, then custom networking)',
  BPG_WINDOWS_NETWORKING: 'aws/aws-eks-best-practices latest/bpg/windows/networking.adoc',
  BPG_PREFIX_WINDOWS: 'aws/aws-eks-best-practices latest/bpg/networking/prefix-mode_windows.adoc',
  VPCRC_LIMITS: 'aws/amazon-vpc-resource-controller-k8s pkg/aws/vpc/limits.go',
  VPCRC_SECONDARY: 'aws/amazon-vpc-resource-controller-k8s docs/windows/secondary_ip_mode_config_options.md',
  VPCRC_PD: 'aws/amazon-vpc-resource-controller-k8s docs/windows/prefix_delegation_config_options.md',
  VPCRC_KEYS:
    'aws/amazon-vpc-resource-controller-k8s (reads warm-ip-target/minimum-ip-target/warm-prefix-target before windows-* keys; both families declared in pkg/config/type.go)',
  EC2_SUBNETS: 'EC2 CreateSubnet (5 reserved addresses per subnet); CreateSubnetCidrReservation (type prefix)',
  AWS_LBC_TARGET_TYPE: 'kubernetes-sigs/aws-load-balancer-controller docs (target-type: ip needs pods on VPC IPs)',
  TIGERA_EKS: 'docs.tigera.io calico getting-started/kubernetes/managed-public-cloud/eks',
  TIGERA_WINDOWS_REQ: 'tigera/docs windows-calico/requirements ("EKS: VPC CNI"); projectcalico/calico #5687, #9720',
  KEP_5100: 'kubernetes/enhancements KEP-5100 (WinDSR on by default from 1.33, GA/locked in 1.34)',
  EKSCTL_WINDOWS: 'eksctl docs usage/windows-worker-nodes (a Linux node group is required)',
  EKSCTL_SCHEMA: 'eksctl-io/eksctl pkg/apis/eksctl.io/v1alpha5/assets/schema.json (amiFamily, maxPodsPerNode)',
  UG_CNI_SUBNET_SELECTION:
    'awsdocs/amazon-eks-user-guide cni-subnet-selection (enhanced subnet discovery, VPC CNI >= 1.18, "for most use cases")',
  UG_WINDOWS_AMI_SERVICE_CIDR:
    'awsdocs/amazon-eks-user-guide eks-optimized-windows-ami (Start-EKSBootstrap.ps1 -ServiceCIDR, -DNSClusterIP defaults)',
  VPCRC_POOL: 'aws/amazon-vpc-resource-controller-k8s pkg/pool/pool.go',
  VPCRC_COOLDOWN: 'aws/amazon-vpc-resource-controller-k8s pkg/config/type.go (CoolDownPeriod 30 s); pkg/pool/pool.go',
  WINDOWS_SERVER_CALICO:
    'tigera/docs windows-calico/requirements (2019 and 2022 only); projectcalico/calico#11691; microsoft/Windows-Containers#616',
  WINDOWS_SERVER_VERSIONS:
    'eksctl-io/eksctl pkg/apis/eksctl.io/v1alpha5/assets/schema.json (amiFamily); awsdocs/amazon-eks-user-guide eks-optimized-windows-ami; aws/karpenter-provider-aws pkg/apis/v1/labels.go',
} as const;

export type CniRuleCode =
  // Base character of each option
  | 'VPC_CNI_DEFAULT_MODE'
  | 'PREFIX_DELEGATION_OPT_IN'
  | 'CUSTOM_NETWORKING_SEPARATE_POD_SUBNETS'
  | 'OVERLAY_PODS_OFF_VPC'
  // Windows and platform support
  | 'WINDOWS_REQUIRES_VPC_CNI'
  | 'WINDOWS_UNSUPPORTED_IPV6'
  | 'WINDOWS_UNSUPPORTED_ON_FARGATE'
  | 'WINDOWS_UNSUPPORTED_ON_AUTO_MODE'
  | 'WINDOWS_UNSUPPORTED_ON_HYBRID_NODES'
  | 'WINDOWS_NEEDS_X86_64'
  | 'NODE_GROUP_NO_POD_CAPACITY'
  | 'PLATFORM_MANAGES_POD_NETWORKING'
  | 'IPV6_PODS_OFF_IPV4_SUBNETS'
  // Pods per node and subnets
  | 'WINDOWS_PODS_EXCEED_SECONDARY_IP'
  | 'WINDOWS_PD_NEEDS_NITRO'
  | 'WINDOWS_KUBELET_MAX_PODS_RAISED'
  | 'FRAGMENTED_SUBNETS_AVOID_PD'
  | 'SUBNET_CANNOT_HOLD_NODE_GROUP'
  | 'IPV4_EXHAUSTION_WINDOWS'
  | 'IPV4_EXHAUSTION_LINUX'
  | 'CUSTOM_NETWORKING_NOT_ON_WINDOWS'
  // Needs
  | 'SGP_LINUX_ONLY'
  | 'SGP_NEEDS_VPC_CNI'
  | 'ALB_IP_TARGETS_NEED_VPC_IPS'
  | 'OVERLAY_WEBHOOKS_NEED_HOST_NETWORK'
  // Alternate CNIs
  | 'CALICO_OVERLAY_WINDOWS_UNSUPPORTED_ON_EKS'
  | 'ALTERNATE_CNI_NEEDS_VENDOR_SUPPORT'
  // Network policy
  | 'WINDOWS_POLICY_NEEDS_CALICO_POLICY_ONLY'
  | 'VPC_CNI_POLICY_LINUX_ONLY'
  | 'LINUX_POLICY_VPC_CNI'
  | 'NO_NETWORK_POLICY_NEEDED'
  // Services and DSR
  | 'WINDOWS_SERVICE_PORT_EXHAUSTION_DSR'
  | 'EXTERNAL_TRAFFIC_POLICY_LOCAL_DSR'
  | 'CALICO_POLICY_DSR'
  | 'DSR_NOT_NEEDED'
  // Cluster shape and configuration
  | 'LINUX_NODES_FOR_COREDNS'
  | 'WINDOWS_IPAM_CONFIGMAP_KEYS'
  // Second pass (Windows Server versions, subnet discovery, Service CIDR, cool-down)
  | 'WINDOWS_SERVER_2025_NETWORK_POLICY_UNSUPPORTED'
  | 'WINDOWS_SERVER_VERSION_GATE'
  | 'WINDOWS_CONTAINER_OS_BUILD'
  | 'ENHANCED_SUBNET_DISCOVERY'
  | 'WINDOWS_SERVICE_CIDR_MISMATCH'
  | 'WINDOWS_PD_NO_FALLBACK'
  | 'WINDOWS_IP_COOLDOWN';
