/**
 * Instance types EC2 refuses to launch with Windows: `UnsupportedOperation: Microsoft Windows is not
 * supported for the instance type '<type>'`. Karpenter still offers them to Windows NodePools
 * (aws/karpenter-provider-aws#7985, 2025-04-10, list found by filtering the EC2 Price List for types
 * with Windows pricing). One list for the planner and the NodePool requirements that keep them out.
 */
export const EC2_WINDOWS_REFUSED_SOURCE =
  'aws/karpenter-provider-aws#7985 (EC2 UnsupportedOperation: Microsoft Windows is not supported for the instance type)';

export const EC2_WINDOWS_REFUSED_INSTANCE_TYPES: readonly string[] = Object.freeze([
  'dl1.24xlarge',
  'f1.4xlarge',
  'f2.6xlarge',
  'f2.12xlarge',
  'f2.48xlarge',
  'inf2.xlarge',
  'inf2.8xlarge',
  'inf2.24xlarge',
  'inf2.48xlarge',
  'p4d.24xlarge',
  'p4de.24xlarge',
  'p5.48xlarge',
  'trn1.2xlarge',
  'trn1.32xlarge',
  'trn1n.32xlarge',
  'vt1.3xlarge',
  'vt1.6xlarge',
  'vt1.24xlarge',
]);

const REFUSED = new Set(EC2_WINDOWS_REFUSED_INSTANCE_TYPES);

export function isRefusedByEc2ForWindows(instanceType: string): boolean {
  return REFUSED.has(instanceType);
}

/** EC2's own error text for a refused type. */
export function ec2WindowsRefusalMessage(instanceType: string): string {
  return `UnsupportedOperation: Microsoft Windows is not supported for the instance type '${instanceType}'`;
}
