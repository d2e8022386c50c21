import { enumValues, stringEnum, type EnumValue } from '../../common/core/string-enum.js';
import { validationError } from '../../common/domain-error.js';
import type { CapacityWarning } from './capacity.types.js';

/**
 * Windows Server releases that EKS-optimized AMIs exist for, and the facts that follow from each.
 * Shared by capacity, CNI, templates and the Karpenter/Terraform renderers: one table, no copies.
 */
export const WindowsServerVersion = stringEnum('WINDOWS_SERVER_2019', 'WINDOWS_SERVER_2022', 'WINDOWS_SERVER_2025');
export type WindowsServerVersion = EnumValue<typeof WindowsServerVersion>;

export const WINDOWS_SERVER_VERSIONS: readonly WindowsServerVersion[] = enumValues(WindowsServerVersion);

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
   * EKS publishes no AMI of this release below minKubernetesMinor, so the floor holds for every provisioner, not only
   * eksctl: Windows Server 2025 Core and Full AMIs exist for 1.35 only (WINDOWS_SERVER_SOURCE.AMI_VERSIONS).
   */
  noAmiBelowMinimum: boolean;
  /**
   * Calico for Windows supports this release (tigera/docs windows-calico/requirements: 2019 and 2022;
   * projectcalico/calico#11691 "Add Windows Server 2025 Support" is open).
   */
  calicoSupported: boolean;
  /** eksctl `amiFamily` values (eksctl-io/eksctl pkg/apis/eksctl.io/v1alpha5/assets/schema.json). */
  eksctlAmiFamilies: { core: string; full: string };
  /** First EKS-optimized AMI release (awsdocs/amazon-eks-user-guide eks-optimized-windows-ami); null when long established. */
  amiAvailableSince: string | null;
}

export const WINDOWS_SERVER_FACTS: Readonly<Record<WindowsServerVersion, WindowsServerFacts>> = {
  WINDOWS_SERVER_2019: {
    version: 'WINDOWS_SERVER_2019',
    year: '2019',
    osBuild: '10.0.17763',
    minKubernetesMinor: null,
    noAmiBelowMinimum: false,
    calicoSupported: true,
    eksctlAmiFamilies: { core: 'WindowsServer2019CoreContainer', full: 'WindowsServer2019FullContainer' },
    amiAvailableSince: null,
  },
  WINDOWS_SERVER_2022: {
    version: 'WINDOWS_SERVER_2022',
    year: '2022',
    osBuild: '10.0.20348',
    minKubernetesMinor: 23,
    noAmiBelowMinimum: false,
    calicoSupported: true,
    eksctlAmiFamilies: { core: 'WindowsServer2022CoreContainer', full: 'WindowsServer2022FullContainer' },
    amiAvailableSince: null,
  },
  WINDOWS_SERVER_2025: {
    version: 'WINDOWS_SERVER_2025',
    year: '2025',
    osBuild: '10.0.26100',
    minKubernetesMinor: 35,
    noAmiBelowMinimum: true,
    calicoSupported: false,
    eksctlAmiFamilies: { core: 'WindowsServer2025CoreContainer', full: 'WindowsServer2025FullContainer' },
    amiAvailableSince: '2026-01-26',
  },
};

/** Sources of the Windows Server facts, by topic. */
/** `WINDOWS_CORE_2022_x86_64` and the like: the EKS ami_type (managed node groups, terraform-aws-eks) for a release and variant. */
export function windowsAmiType(version: WindowsServerVersion, variant: 'Core' | 'Full'): string {
  return `WINDOWS_${variant.toUpperCase()}_${WINDOWS_SERVER_FACTS[version].year}_x86_64`;
}

export const WINDOWS_SERVER_SOURCE = {
  OS_BUILD: 'aws/karpenter-provider-aws pkg/apis/v1/labels.go (node.kubernetes.io/windows-build)',
  EKSCTL: 'eksctl-io/eksctl pkg/apis/eksctl.io/v1alpha5/assets/schema.json (amiFamily)',
  AMI: 'awsdocs/amazon-eks-user-guide eks-optimized-windows-ami',
  CALICO: 'tigera/docs windows-calico/requirements; projectcalico/calico#11691 (Add Windows Server 2025 Support, open)',
  /** The AMI version tables: the only Windows Server 2025 Core and Full releases are 1.35-YYYY.MM.DD (from 1.35-2026-01-22). */
  AMI_VERSIONS: 'awsdocs/amazon-eks-user-guide eks-ami-versions-windows (Windows Server 2025 Core and Full AMIs: Kubernetes 1.35 only)',
  /** The SSM parameter every provisioner resolves the EKS-optimized Windows AMI from, one per Kubernetes version. */
  AMI_SSM:
    'awsdocs/amazon-eks-user-guide retrieve-windows-ami-id (/aws/service/ami-windows-latest/Windows_Server-<release>-English-<Core|Full>-EKS_Optimized-<kubernetes-version>/image_id)',
  HNS_DEFAULT_DENY: 'microsoft/Windows-Containers#616 (HNS default-deny on Windows Server 2025 once an ACL policy is applied)',
  NTH_2019: 'aws/aws-node-termination-handler (Windows Server 2019 images dropped 2025-08)',
} as const;

/**
 * The lowest EKS (Kubernetes) minor this release needs when `kubernetesVersion` ("1.NN") is below it, else null
 * (also null when the version is not given or not "1.NN"). For 2025 the floor is not eksctl's alone: EKS publishes
 * Windows Server 2025 AMIs for 1.35 only (WINDOWS_SERVER_SOURCE.AMI_VERSIONS), and eksctl, Karpenter's windows2025
 * alias and the managed node group ami_type all resolve the AMI per Kubernetes version (WINDOWS_SERVER_SOURCE.AMI_SSM).
 */
export function windowsServerReleaseNeedsNewerEks(version: WindowsServerVersion, kubernetesVersion: string | undefined): number | null {
  const f = WINDOWS_SERVER_FACTS[version];
  const m = kubernetesVersion !== undefined ? /^1\.(\d{1,2})$/.exec(kubernetesVersion.trim()) : null;
  return m && f && f.minKubernetesMinor !== null && Number(m[1]) < f.minKubernetesMinor ? f.minKubernetesMinor : null;
}

export interface WindowsServerCheckInput {
  version: WindowsServerVersion;
  /** `1.NN`; the eksctl gate is checked when given. */
  kubernetesVersion?: string;
  /** NetworkPolicy is to be enforced on these Windows nodes. */
  networkPolicyOnWindows?: boolean;
}

/**
 * What a Windows Server release means for a node group: the eksctl and AMI gates, the container OS build
 * images must match, Calico's support for NetworkPolicy. Pure: warnings with their sources.
 */
export function checkWindowsServerVersion(input: WindowsServerCheckInput): CapacityWarning[] {
  const f = WINDOWS_SERVER_FACTS[input.version];
  if (!f)
    throw validationError('windowsServerVersion', 'enum', `windowsServerVersion must be one of ${WINDOWS_SERVER_VERSIONS.join(', ')}`);
  const out: CapacityWarning[] = [];
  const min = windowsServerReleaseNeedsNewerEks(input.version, input.kubernetesVersion);
  if (min !== null) {
    out.push({
      code: 'WINDOWS_SERVER_VERSION_NEEDS_NEWER_EKS',
      message: f.noAmiBelowMinimum
        ? `Windows Server ${f.year} node groups need EKS 1.${min} or later: EKS publishes Windows Server ${f.year} AMIs for Kubernetes 1.${min} ` +
          `and later only (since ${f.amiAvailableSince}), so no provisioner can launch these nodes on ${input.kubernetesVersion} ` +
          `(eksctl refuses ${f.eksctlAmiFamilies.core}, Karpenter's windows${f.year}@latest and the ${f.year} ami_types find no AMI). ` +
          `The sizing holds once the cluster runs 1.${min}, or choose Windows Server 2022.`
        : `Windows Server ${f.year} node groups need EKS 1.${min} or later (eksctl refuses ${f.eksctlAmiFamilies.core} and ` +
          `${f.eksctlAmiFamilies.full} before it); the cluster runs ${input.kubernetesVersion}.`,
      source: f.noAmiBelowMinimum
        ? `${WINDOWS_SERVER_SOURCE.AMI_VERSIONS}; ${WINDOWS_SERVER_SOURCE.AMI_SSM}; ${WINDOWS_SERVER_SOURCE.EKSCTL}`
        : `${WINDOWS_SERVER_SOURCE.EKSCTL}; ${WINDOWS_SERVER_SOURCE.AMI}`,
    });
  }
  out.push({
    code: 'WINDOWS_CONTAINER_OS_BUILD',
    message:
      `Windows Server ${f.year} nodes run OS build ${f.osBuild} (label node.kubernetes.io/windows-build=${f.osBuild}): container images must ` +
      'be built for the same release, or pulls fail with "no match for platform in manifest".',
    source: WINDOWS_SERVER_SOURCE.OS_BUILD,
  });
  if (input.networkPolicyOnWindows && !f.calicoSupported) {
    out.push({
      code: 'WINDOWS_SERVER_NETWORK_POLICY_UNSUPPORTED',
      message:
        `Calico for Windows does not support Windows Server ${f.year} (it supports 2019 and 2022), so NetworkPolicy is not enforced on these ` +
        'nodes; and on Windows Server 2025 HNS switches an endpoint to default-deny as soon as any ACL policy is applied to it. ' +
        'Run the pods that need NetworkPolicy on Windows Server 2022 nodes.',
      source: `${WINDOWS_SERVER_SOURCE.CALICO}; ${WINDOWS_SERVER_SOURCE.HNS_DEFAULT_DENY}`,
    });
  }
  if (input.version === 'WINDOWS_SERVER_2019') {
    out.push({
      code: 'WINDOWS_SERVER_2019_ADDONS_LEAVING',
      message: 'Add-ons are leaving Windows Server 2019 (aws-node-termination-handler dropped its 2019 images in 2025-08): prefer 2022.',
      source: WINDOWS_SERVER_SOURCE.NTH_2019,
    });
  }
  return out;
}
