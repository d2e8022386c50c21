import type { CniNodeGroupInput } from './cni.types.js';

/**
 * The node groups the CNI specs start from (unit and e2e alike): three m5.large Windows nodes in a /24 and
 * two m5.large Linux nodes in another, each with the test's overrides on top.
 */
export const win = <T extends object = Partial<CniNodeGroupInput>>(over: T = {} as T) => ({
  name: 'windows',
  os: 'WINDOWS' as const,
  instanceType: 'm5.large',
  nodes: 3,
  subnetCidrs: ['10.0.0.0/24'],
  ...over,
});

export const lin = <T extends object = Partial<CniNodeGroupInput>>(over: T = {} as T) => ({
  name: 'linux',
  os: 'LINUX' as const,
  instanceType: 'm5.large',
  nodes: 2,
  subnetCidrs: ['10.0.1.0/24'],
  ...over,
});
