import { stringEnum, type EnumValue } from '../../common/core/string-enum.js';
import { SOURCE } from '../../common/core/sources.js';
import type { InstanceTypeFacts } from '../../catalog/core/instance-type.facts.js';
import { type CapacityWarning } from './capacity.types.js';
import { describeVpcLimitsTable, resolveVpcLimit, type VpcLimitsTable } from './vpc-resource-controller-limits.js';

/**
 * Whether an instance type can be a Windows node at all: three gates, each with its own reason.
 * 1. Architecture: EKS-optimized Windows AMIs are x86_64 only (awsdocs/amazon-eks-user-guide eks-optimized-windows-ami).
 * 2. EC2 must offer Windows on the type. Authoritative: the AWS Price List (a type with no Windows on-demand
 *    product in a region cannot run Windows there), read by a catalog refresh; without that, the known list below.
 * 3. The VPC Resource Controller must know the type (its limits table), else W = 0.
 */

/**
 * Types EC2 refuses to launch with Windows (`UnsupportedOperation: Microsoft Windows is not supported for the
 * instance type '<t>'`), as found by filtering the EC2 Price List for types with Windows pricing:
 * aws/karpenter-provider-aws#7985 (2025-04-10). The project's own copy; a catalog refresh that reads the
 * Price List supersedes it for the regions it read.
 */
export const EC2_WINDOWS_UNSUPPORTED_TYPES: readonly string[] = Object.freeze([
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
const KNOWN_UNSUPPORTED = new Set(EC2_WINDOWS_UNSUPPORTED_TYPES);

/** EC2's own refusal, word for word. */
export function ec2WindowsRefusalMessage(instanceType: string): string {
  return `UnsupportedOperation: Microsoft Windows is not supported for the instance type '${instanceType}'`;
}

/** The VPC Resource Controller's own event text for a type it lacks (pkg/node/node.go, reason Unsupported). */
export function vpcrcUnsupportedEventText(instanceType: string): string {
  return `The instance type ${instanceType} is not supported yet by the vpc resource controller`;
}

/** What a Price List read says about Windows on one type in one region. */
export interface WindowsPriceListFact {
  region: string;
  /** True when the Price List has a Windows on-demand product for the type in the region. */
  offered: boolean;
  /** ISO time of the read. */
  readAt: string;
}

/** Where the EC2 gate's answer came from. */
export const Ec2WindowsEvidence = stringEnum('PRICE_LIST', 'KNOWN_LIST');
export type Ec2WindowsEvidence = EnumValue<typeof Ec2WindowsEvidence>;

export interface WindowsEligibility {
  instanceType: string;
  /** All three gates pass. */
  eligible: boolean;
  architectureSupported: boolean;
  offeredByEc2: boolean;
  ec2Evidence: Ec2WindowsEvidence;
  /** The region the Price List answer is for; null with the known list. */
  region: string | null;
  /** The controller table that knows the type, or null when neither does. */
  limitsTable: VpcLimitsTable | null;
  /** One reason per failed gate, plus the newer-table warning; empty when eligible from the public table. */
  reasons: CapacityWarning[];
}

export interface WindowsEligibilityOptions {
  /** The Price List answer for this type in a region, when a refresh read that region. */
  priceList?: WindowsPriceListFact;
}

/** EKS-optimized Windows AMIs are x86_64 only; `x86_64_mac` is a Mac. */
export function isWindowsArchitecture(architectures: readonly string[]): boolean {
  return architectures.includes('x86_64');
}

export function assessWindowsEligibility(
  t: Pick<InstanceTypeFacts, 'name' | 'architectures'>,
  options: WindowsEligibilityOptions = {},
): WindowsEligibility {
  const reasons: CapacityWarning[] = [];
  const architectureSupported = isWindowsArchitecture(t.architectures);
  if (!architectureSupported) {
    reasons.push({
      code: 'WINDOWS_UNSUPPORTED_ARCHITECTURE',
      message:
        `${t.name} is ${t.architectures.join('/')}: EKS-optimized Windows AMIs are x86_64 only, so it cannot be a ` +
        'Windows node, whatever its IP figures say.',
      source: SOURCE.UG_WINDOWS_AMI_X86_64,
    });
  }
  const pl = options.priceList;
  const offeredByEc2 = pl ? pl.offered : !KNOWN_UNSUPPORTED.has(t.name);
  if (!offeredByEc2) {
    reasons.push({
      code: 'WINDOWS_NOT_OFFERED_BY_EC2',
      message: pl
        ? `The AWS Price List (read ${pl.readAt}) has no Windows on-demand product for ${t.name} in ${pl.region}: EC2 will not ` +
          `launch it with Windows there ("${ec2WindowsRefusalMessage(t.name)}").`
        : `EC2 does not run Windows on ${t.name}: launching fails with "${ec2WindowsRefusalMessage(t.name)}" ` +
          '(known list; a catalog refresh reading the AWS Price List gives the answer per region).',
      source: pl ? SOURCE.AWS_PRICE_LIST : SOURCE.KARPENTER_WINDOWS_TYPES_ISSUE,
    });
  }
  const resolved = resolveVpcLimit(t.name);
  if (!resolved) {
    reasons.push({
      code: 'WINDOWS_TYPE_NOT_IN_VPCRC_LIMITS',
      message:
        `Neither the public VPC Resource Controller table nor its newer copy knows ${t.name}: the controller reports ` +
        `"${vpcrcUnsupportedEventText(t.name)}" (reason Unsupported) and advertises no vpc.amazonaws.com/PrivateIPv4Address, ` +
        'so Windows pods stay Pending with "Insufficient vpc.amazonaws.com/PrivateIPv4Address". Choose another type, or wait for the controller rollout.',
      source: SOURCE.VPCRC_NODE,
    });
  } else if (resolved.table === 'KARPENTER_NEWER') {
    reasons.push({
      code: 'WINDOWS_TYPE_NEWER_THAN_PUBLIC_VPCRC_LIMITS',
      message:
        `${t.name} is not in the public VPC Resource Controller table (${describeVpcLimitsTable('VPCRC_PUBLIC')}) but is in its newer copy ` +
        `(${describeVpcLimitsTable('KARPENTER_NEWER')}): the figures come from the newer table. AWS rolls new types out to the ` +
        "controllers in EKS control planes over time and which table a cluster's controller runs is not public, so it may not " +
        `advertise vpc.amazonaws.com/PrivateIPv4Address for ${t.name} yet (then: "${vpcrcUnsupportedEventText(t.name)}").`,
      source: SOURCE.KARPENTER_VPC_LIMITS,
    });
  }
  return {
    instanceType: t.name,
    eligible: architectureSupported && offeredByEc2 && resolved !== undefined,
    architectureSupported,
    offeredByEc2,
    ec2Evidence: pl ? 'PRICE_LIST' : 'KNOWN_LIST',
    region: pl ? pl.region : null,
    limitsTable: resolved ? resolved.table : null,
    reasons,
  };
}
