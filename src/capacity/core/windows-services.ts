import { SOURCE } from '../../common/core/sources.js';
import { validationError } from '../../common/domain-error.js';
import { type CapacityWarning } from './capacity.types.js';

/** Above this many Services a Windows node risks HNS load-balancer port exhaustion (BPG windows/networking.adoc). */
export const WINDOWS_SERVICES_PER_NODE_LIMIT = 100;
export const HNS_PORT_EXHAUSTION_ERROR =
  'Policy creation failed: hcnCreateLoadBalancer failed in Win32: The specified port already exists.';
/** From 1.33 the WinDSR gate is on by default (GA and locked in 1.34, KEP-5100): only --enable-dsr is needed. */
export const WINDSR_DEFAULT_ON_MINOR = 33;

export interface KubeProxyDsrFlags {
  kubernetesVersion: string;
  flags: string[];
  /** The flags as one string for -KubeProxyExtraArgs. */
  args: string;
  source: string;
}

/** Parses a Kubernetes version `1.NN` and returns the minor version; `field` is the input's name for it. */
export function parseKubernetesMinor(kubernetesVersion: string, field = 'kubernetesVersion'): number {
  const m = typeof kubernetesVersion === 'string' ? /^1\.(\d{1,2})$/.exec(kubernetesVersion.trim()) : null;
  if (!m || (m[1].length > 1 && m[1].startsWith('0'))) {
    throw validationError(
      field,
      'kubernetes-version-format',
      `Kubernetes version "${String(kubernetesVersion)}" is not of the form 1.NN (for example 1.33)`,
    );
  }
  return Number(m[1]);
}

/** kube-proxy flags that turn on Direct Server Return on Windows for a Kubernetes version. */
export function dsrKubeProxyFlags(kubernetesVersion: string): KubeProxyDsrFlags {
  const minor = parseKubernetesMinor(kubernetesVersion);
  const flags = minor < WINDSR_DEFAULT_ON_MINOR ? ['--feature-gates=WinDSR=true', '--enable-dsr=true'] : ['--enable-dsr=true'];
  return {
    kubernetesVersion: `1.${minor}`,
    flags,
    args: flags.join(' '),
    source: minor < WINDSR_DEFAULT_ON_MINOR ? SOURCE.BPG_WINDOWS_NETWORKING : SOURCE.KEP_5100_GA,
  };
}

export interface WindowsServicesInput {
  servicesPerNode: number;
  kubernetesVersion?: string;
}

/** Warnings for the Services a Windows node programs; empty when within the limit. */
export function checkWindowsServices(input: WindowsServicesInput): CapacityWarning[] {
  const n = input.servicesPerNode;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
    throw validationError(
      'servicesPerNode',
      'non-negative-integer',
      `servicesPerNode must be a whole number of 0 or more, not ${String(n)}`,
    );
  }
  if (n <= WINDOWS_SERVICES_PER_NODE_LIMIT) return [];
  const fix =
    input.kubernetesVersion !== undefined
      ? `kube-proxy ${dsrKubeProxyFlags(input.kubernetesVersion).args} (Kubernetes ${input.kubernetesVersion})`
      : `kube-proxy --feature-gates=WinDSR=true --enable-dsr=true before Kubernetes 1.33, --enable-dsr=true from 1.33`;
  return [
    {
      code: 'WINDOWS_SERVICE_PORT_EXHAUSTION',
      message:
        `${n} Services on a Windows node (more than ${WINDOWS_SERVICES_PER_NODE_LIMIT}) risk HNS port exhaustion: ` +
        `"${HNS_PORT_EXHAUSTION_ERROR}" Fix: enable Direct Server Return, ${fix}, ` +
        `through Start-EKSBootstrap.ps1 -KubeProxyExtraArgs.`,
      source: SOURCE.BPG_WINDOWS_NETWORKING,
    },
  ];
}
