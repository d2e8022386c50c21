/**
 * Ids of the templates that render what the CNI recommendation tells users to apply.
 * The templates engineer owns the templates; if an id changes, change it here only.
 */
export const CNI_TEMPLATE_IDS = {
  /** kube-system/amazon-vpc-cni ConfigMap read by the VPC Resource Controller. */
  VPC_CNI_WINDOWS_CONFIGMAP: 'vpc-cni-windows-configmap',
  /** eksctl ClusterConfig with Windows and Linux node groups. */
  EKSCTL_WINDOWS_CLUSTER: 'eksctl-windows-cluster',
  /** Windows user data / preBootstrapCommands turning on DSR in kube-proxy. */
  WINDOWS_USERDATA_DSR: 'windows-userdata-dsr',
  /** Tigera operator Installation for Calico policy-only on top of the VPC CNI. */
  CALICO_POLICY_ONLY_INSTALLATION: 'calico-policy-only-installation',
} as const;

export type CniTemplateId = (typeof CNI_TEMPLATE_IDS)[keyof typeof CNI_TEMPLATE_IDS];
