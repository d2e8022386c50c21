import { EC2_WINDOWS_UNSUPPORTED_TYPES, ec2WindowsRefusalMessage } from '../../capacity/core/windows-eligibility.js';

/**
 * Instance types EC2 refuses to launch with Windows, which Karpenter still offers to Windows NodePools
 * (aws/karpenter-provider-aws#7985). The list is the capacity core's (windows-eligibility.ts), one copy for the
 * eligibility answers, the planner and the NodePool requirements that keep them out.
 */
export const EC2_WINDOWS_REFUSED_SOURCE =
  'aws/karpenter-provider-aws#7985 (EC2 UnsupportedOperation: Microsoft Windows is not supported for the instance type)';

export const EC2_WINDOWS_REFUSED_INSTANCE_TYPES: readonly string[] = EC2_WINDOWS_UNSUPPORTED_TYPES;

const REFUSED = new Set(EC2_WINDOWS_REFUSED_INSTANCE_TYPES);

export function isRefusedByEc2ForWindows(instanceType: string): boolean {
  return REFUSED.has(instanceType);
}

export { ec2WindowsRefusalMessage };
