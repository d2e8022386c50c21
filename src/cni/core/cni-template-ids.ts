/**
 * Ids of the templates that render what the CNI recommendation tells users to apply.
 * They must name templates of the policies catalogue (`listTemplates()` in src/policies/core);
 * a test holds every id emitted to that. If a template id changes, change it here only.
 */
export const CNI_TEMPLATE_IDS = {
  /** kube-system/amazon-vpc-cni ConfigMap read by the VPC Resource Controller. */
  VPC_CNI_WINDOWS_CONFIGMAP: 'vpc-cni-windows-ipam-configmap',
  /** eksctl ClusterConfig with Windows and Linux node groups. */
  EKSCTL_WINDOWS_CLUSTER: 'eksctl-windows-cluster',
  /** Windows user data calling Start-EKSBootstrap.ps1 with -KubeProxyExtraArgs (you own the bootstrap call: self-managed launch template, custom AMI). */
  WINDOWS_USERDATA_BOOTSTRAP_DSR: 'windows-userdata-bootstrap-dsr',
  /** Patch of Start-EKSBootstrap.ps1 before it runs (eksctl preBootstrapCommands, managed node groups); fails loudly when the text no longer matches. */
  WINDOWS_USERDATA_DSR_PATCH: 'windows-userdata-dsr-patch',
  /** Tigera operator Installation for Calico policy-only on top of the VPC CNI. */
  CALICO_POLICY_ONLY_INSTALLATION: 'calico-installation-eks-policy-only',
  /** Karpenter NodePool + EC2NodeClass for Windows (DSR patch and Service CIDR env in userData, kubelet.maxPods). */
  KARPENTER_WINDOWS_NODEPOOL: 'karpenter-windows-nodepool',
  /** terraform-aws-modules/eks self-managed Windows node group (bootstrap_extra_args). */
  TERRAFORM_WINDOWS_SELF_MANAGED: 'terraform-eks-windows-self-managed-node-group',
  /** terraform-aws-modules/eks EKS managed Windows node group (pre_bootstrap_user_data). */
  TERRAFORM_WINDOWS_MANAGED: 'terraform-eks-windows-managed-node-group',
} as const;

export type CniTemplateId = (typeof CNI_TEMPLATE_IDS)[keyof typeof CNI_TEMPLATE_IDS];
