/**
 * Every citation the answers carry, in one table: the upstream repository and path (or the document) a rule,
 * warning, reason or setting comes from, so a citation can be followed. The capacity, CNI and policy cores
 * (and the edges that render their sources) all read this one table; the strings are rendered as they are.
 * Where one upstream is cited with different detail, each wording has its own key.
 */
export const SOURCE = {
  RECIPES: 'ahmetb/kubernetes-network-policy-recipes',
  AWS_PRICE_LIST:
    'AWS Price List API pricing:GetProducts (AmazonEC2, operatingSystem=Windows, preInstalledSw=NA, tenancy=Shared, capacitystatus=Used, licenseModel=No License required)',
  VPCCNI_861: 'aws/amazon-vpc-cni-k8s issue #861 (IMDS block via notNets enforced on Linux, not on Windows)',
  VPCCNI_ENI_IP_TARGET_DOC: 'aws/amazon-vpc-cni-k8s docs/eni-and-ip-target.md',
  VPCCNI_ENI_MAX_PODS: 'aws/amazon-vpc-cni-k8s misc/eni-max-pods.txt',
  VPCCNI_IPAMD: 'aws/amazon-vpc-cni-k8s pkg/ipamd/ipamd.go',
  VPCCNI_MAX_PODS_CALCULATOR: 'aws/amazon-vpc-cni-k8s misc/max-pods-calculator.sh',
  VPCCNI_PREFIX_DELEGATION: 'aws/amazon-vpc-cni-k8s README (ENABLE_PREFIX_DELEGATION)',
  VPCCNI_PD_BARE_METAL:
    'aws/amazon-vpc-cni-k8s CHANGELOG.md v1.10.3, PR #1937 "Enable Prefix Delegation on Bare metal instances" (before it ipamd required Hypervisor nitro, which EC2 leaves empty on bare metal)',
  VPCCNI_PREFIX_IP_TARGET_DOC: 'aws/amazon-vpc-cni-k8s docs/prefix-and-ip-target.md',
  VPCRC_CONFIG_COOLDOWN: 'aws/amazon-vpc-resource-controller-k8s pkg/config/type.go (CoolDownPeriod)',
  VPCRC_COOLDOWN: 'aws/amazon-vpc-resource-controller-k8s pkg/config/type.go (CoolDownPeriod 30 s); pkg/pool/pool.go',
  VPCRC_KEYS:
    'aws/amazon-vpc-resource-controller-k8s (reads warm-ip-target/minimum-ip-target/warm-prefix-target before windows-* keys; both families declared in pkg/config/type.go)',
  VPCRC_LOADER: 'aws/amazon-vpc-resource-controller-k8s pkg/config/loader.go (ParseWinIPTargetConfigs, LoadResourceConfigFromConfigMap)',
  VPCRC_LIMITS: 'aws/amazon-vpc-resource-controller-k8s pkg/aws/vpc/limits.go',
  VPCRC_NODE: 'aws/amazon-vpc-resource-controller-k8s pkg/node/node.go',
  VPCRC_PD: 'aws/amazon-vpc-resource-controller-k8s docs/windows/prefix_delegation_config_options.md',
  VPCRC_POD_WEBHOOK: 'aws/amazon-vpc-resource-controller-k8s webhooks/core/pod_webhook.go',
  VPCRC_POOL: 'aws/amazon-vpc-resource-controller-k8s pkg/pool/pool.go',
  VPCRC_POOL_PD_DEVIATION:
    'aws/amazon-vpc-resource-controller-k8s pkg/pool/pool.go (getPDDeviation: a target counts only above 0, else its default)',
  VPCRC_SECONDARY: 'aws/amazon-vpc-resource-controller-k8s docs/windows/secondary_ip_mode_config_options.md',
  BPG_NETWORKING_INDEX: 'aws/aws-eks-best-practices latest/bpg/networking/index.adoc (IPv4 exhaustion: IPv6, then custom networking)',
  BPG_PREFIX_WINDOWS: 'aws/aws-eks-best-practices latest/bpg/networking/prefix-mode_windows.adoc',
  BPG_WINDOWS_NETWORKING: 'aws/aws-eks-best-practices latest/bpg/windows/networking.adoc',
  BPG_WINDOWS_NETWORKING_DSR: 'aws/aws-eks-best-practices latest/bpg/windows/networking.adoc (DSR, port exhaustion above 100 Services)',
  BPG_WINDOWS_NETWORKING_DSR_PATCH:
    'aws/aws-eks-best-practices latest/bpg/windows/networking.adoc (DSR; patch the bootstrap script where you do not own the call)',
  BPG_WINDOWS_OOM: 'aws/aws-eks-best-practices latest/bpg/windows/oom.adoc',
  CONTAINERS_ROADMAP_2780: 'aws/containers-roadmap #2780 (custom networking / IPv6 for Windows not available)',
  KARPENTER_INSTANCE_TYPES: 'aws/karpenter-provider-aws pkg/providers/instancetype/types.go',
  KARPENTER_PRICING: 'aws/karpenter-provider-aws pkg/providers/pricing/zz_generated.pricing_aws.go',
  KARPENTER_VPC_LIMITS: 'aws/karpenter-provider-aws pkg/providers/instancetype/zz_generated.vpclimits.go',
  KARPENTER_WINDOWS_EXAMPLE:
    'aws/karpenter-provider-aws examples/v1/windows-2022.yaml (amiSelectorTerms alias; Windows supports only @latest)',
  KARPENTER_WINDOWS_DSR_ISSUE:
    'aws/karpenter-provider-aws#4088 (no -KubeProxyExtraArgs); pkg/providers/amifamily/bootstrap/windows.go (userData runs first)',
  KARPENTER_WINDOWS_PD_ISSUES:
    'aws/karpenter-provider-aws#5478, #8210 (Windows prefix delegation not modelled); pkg/providers/instancetype/types.go',
  KARPENTER_WINDOWS_SERVICE_CIDR:
    'aws/karpenter-provider-aws#4747 (no -ServiceCIDR); Karpenter docs concepts/nodeclasses.md (SERVICE_IPV4_CIDR in Windows userData)',
  KARPENTER_WINDOWS_TYPES_ISSUE: 'aws/karpenter-provider-aws#7985 (types without Windows on-demand pricing in the EC2 Price List)',
  EKS_UG_CNI_SUBNET_SELECTION: 'awsdocs/amazon-eks-user-guide cni-subnet-selection (enhanced subnet discovery)',
  UG_ALTERNATE_CNI: 'awsdocs/amazon-eks-user-guide alternate-cni-plugins (AWS supports only the Amazon VPC CNI)',
  UG_AUTO_MODE: 'awsdocs/amazon-eks-user-guide automode (EKS manages pod networking)',
  UG_CHOOSING_INSTANCE_TYPE: 'awsdocs/amazon-eks-user-guide choosing-instance-type',
  UG_CNI_IPV6: 'awsdocs/amazon-eks-user-guide cni-ipv6 (no Windows support; Nitro only)',
  UG_CNI_IPV6_PREFIX_ONLY: 'awsdocs/amazon-eks-user-guide cni-ipv6 (the VPC CNI supports IPv6 in prefix assignment mode only)',
  UG_CNI_IPV6_NO_CUSTOM_NETWORKING: 'awsdocs/amazon-eks-user-guide cni-ipv6 ("Custom networking not supported" with IPv6)',
  UG_CNI_NETPOL: 'awsdocs/amazon-eks-user-guide cni-network-policy (VPC CNI >= 1.14, Linux only)',
  UG_CNI_NETPOL_LINUX_ONLY: 'awsdocs/amazon-eks-user-guide cni-network-policy (VPC CNI network policy is Linux-only)',
  UG_CNI_SUBNET_SELECTION:
    'awsdocs/amazon-eks-user-guide cni-subnet-selection (enhanced subnet discovery, VPC CNI >= 1.18, "for most use cases")',
  UG_CUSTOM_NETWORKING: 'awsdocs/amazon-eks-user-guide cni-custom-network',
  UG_MANAGING_VPC_CNI: 'awsdocs/amazon-eks-user-guide managing-vpc-cni (secondary IP mode is the default)',
  UG_SECURITY_GROUPS_FOR_PODS: 'awsdocs/amazon-eks-user-guide security-groups-for-pods',
  UG_SGP: 'awsdocs/amazon-eks-user-guide security-groups-for-pods (Linux nodes only)',
  UG_WINDOWS: 'awsdocs/amazon-eks-user-guide windows-support / eks-optimized-windows-ami',
  UG_WINDOWS_AMI: 'awsdocs/amazon-eks-user-guide eks-optimized-windows-ami',
  UG_WINDOWS_AMI_SERVICE_CIDR:
    'awsdocs/amazon-eks-user-guide eks-optimized-windows-ami (Start-EKSBootstrap.ps1 -ServiceCIDR, -DNSClusterIP defaults)',
  UG_WINDOWS_AMI_ENV_VARS:
    'awsdocs/amazon-eks-user-guide eks-optimized-windows-ami (Start-EKSBootstrap.ps1 reads the machine-scoped SERVICE_IPV4_CIDR and EXCLUDED_SNAT_CIDRS; a command-line parameter wins over its variable)',
  UG_WINDOWS_AMI_X86_64: 'awsdocs/amazon-eks-user-guide eks-optimized-windows-ami (x86_64 only)',
  UG_WINDOWS_SUPPORT: 'awsdocs/amazon-eks-user-guide windows-support',
  UG_NETWORK_LOAD_BALANCING:
    'awsdocs/amazon-eks-user-guide network-load-balancing (a single Service with a load balancer supports up to 1024 Windows back-end pods)',
  EKS_AMI_KUBE_RESERVED_ENI_PODS:
    'awslabs/amazon-eks-ami templates/al2/runtime/bootstrap.sh, nodeadm/internal/kubelet/config.go (kube-reserved memory from the eni-max-pods figure); aws/karpenter-provider-aws pkg/providers/amifamily/resolver.go (UsesENILimitedMemoryOverhead)',
  EKS_BOOTSTRAP: 'awslabs/amazon-eks-ami Start-EKSBootstrap.ps1 parameters; UG launch-windows-workers',
  EKS_WINDOWS_BOOTSTRAP: 'awslabs/amazon-eks-ami Start-EKSBootstrap.ps1',
  CALICO_DEFAULT_DENY: 'docs.tigera.io calico "Enable a default deny policy for Kubernetes pods" (global, non-system namespaces)',
  CALICO_POLICY_ORDER: 'docs.tigera.io calico network-policy: order, Deny before Allow',
  TIGERA_EKS: 'docs.tigera.io calico getting-started/kubernetes/managed-public-cloud/eks',
  TIGERA_WINDOWS_OPERATOR: 'docs.tigera.io calico getting-started/kubernetes/windows-calico/operator; tigera/operator Installation CRD',
  TIGERA_WINDOWS_REQ: 'docs.tigera.io calico getting-started/kubernetes/windows-calico/requirements ("EKS: VPC CNI")',
  EC2_INSTANCE_TYPE_OFFERINGS: 'EC2 DescribeInstanceTypeOfferings (LocationType region), read per region by each catalog refresh',
  EC2_CREATE_SUBNET: 'EC2 CreateSubnet (subnet sizing)',
  EC2_SUBNETS: 'EC2 CreateSubnet (5 reserved addresses per subnet); CreateSubnetCidrReservation (type prefix)',
  EKSCTL_WINDOWS: 'eksctl docs usage/windows-worker-nodes (a Linux node group is required)',
  EKSCTL_WINDOWS_PRE_BOOTSTRAP:
    'eksctl docs usage/windows-worker-nodes (a Linux node group is required; preBootstrapCommands on both node group kinds)',
  EKSCTL_SCHEMA: 'eksctl-io/eksctl pkg/apis/eksctl.io/v1alpha5/assets/schema.json',
  EKSCTL_WINDOWS_BOOTSTRAP:
    "eksctl-io/eksctl pkg/nodebootstrap/windows.go (makeBootstrapParams: -ServiceCIDR from the cluster's kubernetesNetworkConfig, -DNSClusterIP on self-managed node groups)",
  EKSCTL_MANAGED_WINDOWS:
    'eksctl-io/eksctl pkg/nodebootstrap/windows_managed.go (ManagedWindows.UserData: preBootstrapCommands only), pkg/nodebootstrap/windows.go (makeKubeletOptions: --max-pods for self-managed), pkg/apis/eksctl.io/v1alpha5/validation.go (ValidateManagedNodeGroup: no overrideBootstrapCommand for Windows)',
  EKSCTL_SCHEMA_AMI_MAX_PODS: 'eksctl-io/eksctl pkg/apis/eksctl.io/v1alpha5/assets/schema.json (amiFamily, maxPodsPerNode)',
  WINDOWS_SERVER_VERSIONS:
    'eksctl-io/eksctl pkg/apis/eksctl.io/v1alpha5/assets/schema.json (amiFamily); awsdocs/amazon-eks-user-guide eks-optimized-windows-ami; aws/karpenter-provider-aws pkg/apis/v1/labels.go',
  AWS_LBC_TARGET_TYPE: 'kubernetes-sigs/aws-load-balancer-controller docs (target-type: ip needs pods on VPC IPs)',
  K8S_NETPOL: 'kubernetes/api networking/v1 types.go (NetworkPolicy)',
  K8S_NAME_VALIDATION: 'kubernetes/apimachinery pkg/util/validation/validation.go (RFC 1123 names, label keys and values)',
  KEP_5100: 'kubernetes/enhancements KEP-5100 (WinDSR on by default from 1.33, GA/locked in 1.34)',
  KEP_5100_GA: 'kubernetes/enhancements KEP-5100 (WinDSR GA)',
  CALICO_GNP: 'projectcalico/calico api projectcalico.org/v3 GlobalNetworkPolicy (docs.tigera.io reference)',
  FELIX_WINDOWS: 'projectcalico/calico felix/dataplane/windows/policysets/policysets.go',
  CALICO_K8S_POLICY_CONVERSION:
    'projectcalico/calico libcalico-go/lib/backend/k8s/conversion/conversion.go (k8sRuleToCalico: one Calico rule per peer and protocol)',
  FELIX_WINDOWS_PASS:
    'projectcalico/calico felix/dataplane/windows/policysets/policysets.go (pass maps to ActionPass) and felix/dataplane/windows/flattener.go (a Pass in the last tier becomes Block); tiers in Calico Open Source 3.29: projectcalico/calico#9085, #9329',
  TERRAFORM_MANAGED_USER_DATA_ISSUE:
    'terraform-aws-modules/terraform-aws-eks #2246 (managed node groups without a custom AMI use only pre_bootstrap_user_data)',
  TERRAFORM_WINDOWS_AMI_ISSUES: 'terraform-aws-modules/terraform-aws-eks #3736, #3737 (Core and Full swapped before v21.24.1)',
  TERRAFORM_WINDOWS_USER_DATA:
    'terraform-aws-modules/terraform-aws-eks templates/windows_user_data.tpl (bootstrap_extra_args on the Start-EKSBootstrap.ps1 call)',
  TIGERA_WINDOWS_REQ_CALICO_ISSUES: 'tigera/docs windows-calico/requirements ("EKS: VPC CNI"); projectcalico/calico #5687, #9720',
  WINDOWS_SERVER_CALICO:
    'tigera/docs windows-calico/requirements (2019 and 2022 only); projectcalico/calico#11691; microsoft/Windows-Containers#616',
} as const;

/** One citation of the table. */
export type Source = (typeof SOURCE)[keyof typeof SOURCE];
