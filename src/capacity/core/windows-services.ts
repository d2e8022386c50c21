import type { CapacityWarning } from './capacity.types.js';

/** Above this many Services a Windows node risks HNS load-balancer port exhaustion (BPG). */
export const WINDOWS_SERVICES_PER_NODE_LIMIT = 100;
export const HNS_PORT_EXHAUSTION_ERROR =
  'Policy creation failed: hcnCreateLoadBalancer failed in Win32: The specified port already exists.';

export interface KubeProxyDsrFlags {
  kubernetesVersion: string;
  flags: string[];
  /** The flags as one string for -KubeProxyExtraArgs. */
  args: string;
  source: string;
}

export function dsrKubeProxyFlags(_kubernetesVersion: string): KubeProxyDsrFlags {
  throw new Error('not implemented yet');
}

export interface WindowsServicesInput {
  servicesPerNode: number;
  kubernetesVersion?: string;
}

/** Warnings for the Services a Windows node programs; empty when within the limit. */
export function checkWindowsServices(_input: WindowsServicesInput): CapacityWarning[] {
  throw new Error('not implemented yet');
}
