/**
 * Windows Server releases that EKS-optimized AMIs exist for, and the facts that follow from each.
 * Shared by capacity, CNI, templates and the Karpenter/Terraform renderers: one table, no copies.
 */
export type WindowsServerVersion = 'WINDOWS_SERVER_2019' | 'WINDOWS_SERVER_2022' | 'WINDOWS_SERVER_2025';

export const WINDOWS_SERVER_VERSIONS: readonly WindowsServerVersion[] = [
  'WINDOWS_SERVER_2019',
  'WINDOWS_SERVER_2022',
  'WINDOWS_SERVER_2025',
];

export interface WindowsServerFacts {
  version: WindowsServerVersion;
  /** The year in AMI and alias names: `windows2022@latest`, `WINDOWS_CORE_2022_x86_64`. */
  year: '2019' | '2022' | '2025';
  /**
   * The OS build container images must match (`node.kubernetes.io/windows-build`):
   * aws/karpenter-provider-aws pkg/apis/v1/labels.go.
   */
  osBuild: string;
  /**
   * Lowest EKS (Kubernetes) minor eksctl accepts for the Core image of this release, or null when any:
   * eksctl-io/eksctl pkg/apis/eksctl.io/v1alpha5 (WindowsServer2022CoreContainer from 1.23,
   * WindowsServer2025CoreContainer from 1.35).
   */
  minKubernetesMinor: number | null;
  /**
   * Calico for Windows supports this release (tigera/docs windows-calico/requirements: 2019 and 2022;
   * projectcalico/calico#11691 "Add Windows Server 2025 Support" is open).
   */
  calicoSupported: boolean;
}

export const WINDOWS_SERVER_FACTS: Readonly<Record<WindowsServerVersion, WindowsServerFacts>> = {
  WINDOWS_SERVER_2019: { version: 'WINDOWS_SERVER_2019', year: '2019', osBuild: '10.0.17763', minKubernetesMinor: null, calicoSupported: true },
  WINDOWS_SERVER_2022: { version: 'WINDOWS_SERVER_2022', year: '2022', osBuild: '10.0.20348', minKubernetesMinor: 23, calicoSupported: true },
  WINDOWS_SERVER_2025: { version: 'WINDOWS_SERVER_2025', year: '2025', osBuild: '10.0.26100', minKubernetesMinor: 35, calicoSupported: false },
};
