/**
 * The Windows user data Karpenter hands to EC2, modelled on aws/karpenter-provider-aws
 * pkg/providers/amifamily/bootstrap/windows.go (Script()): `<powershell>`, the EC2NodeClass
 * spec.userData, then Karpenter's own Start-EKSBootstrap.ps1 call with -EKSClusterName,
 * -APIServerEndpoint, -Base64ClusterCA, -KubeletExtraArgs and -DNSClusterIP, and nothing else
 * (no -ServiceCIDR, -ExcludedSnatCIDRs or -KubeProxyExtraArgs: aws/karpenter-provider-aws#4088, #4747).
 * Pure: it lets tests see what a node would run with a rendered EC2NodeClass.
 */
export interface KarpenterWindowsBootstrap {
  /** EC2NodeClass spec.userData (PowerShell without tags), or undefined/empty. */
  customUserData?: string;
  clusterName: string;
  clusterEndpoint: string;
  caBundle?: string;
  /** Karpenter's kubelet flags (node labels, taints, --max-pods), joined with spaces. */
  kubeletExtraArgs: string[];
  /** kubelet clusterDNS[0], when known. */
  clusterDns?: string;
}

export function mergeKarpenterWindowsUserData(b: KarpenterWindowsBootstrap): string {
  let out = '<powershell>\n';
  if (b.customUserData) out += `${b.customUserData}\n`;
  out += '[string]$EKSBootstrapScriptFile = "$env:ProgramFiles\\Amazon\\EKS\\Start-EKSBootstrap.ps1"\n';
  out += `& $EKSBootstrapScriptFile -EKSClusterName '${b.clusterName}' -APIServerEndpoint '${b.clusterEndpoint}'`;
  if (b.caBundle !== undefined) out += ` -Base64ClusterCA '${b.caBundle}'`;
  if (b.kubeletExtraArgs.length > 0) out += ` -KubeletExtraArgs '${b.kubeletExtraArgs.join(' ')}'`;
  if (b.clusterDns) out += ` -DNSClusterIP '${b.clusterDns}'`;
  out += '\n</powershell>';
  return out;
}
