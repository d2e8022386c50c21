import type { CniRule } from '../cni-rule-table.js';
import { alternateCniNeedsVendorSupport } from './alternate-cni.rules.js';
import {
  customNetworkingSeparatePodSubnets,
  overlayPodsOffVpc,
  prefixDelegationOptIn,
  secondaryIpDefaultMode,
} from './option-character.rules.js';
import { windowsKubeletMaxPodsRaised, windowsPodsExceedSecondaryIp, windowsPrefixDelegationNeedsNitro } from './pods-per-node.rules.js';
import {
  enhancedSubnetDiscovery,
  fragmentedSubnetsAvoidPrefixDelegation,
  ipv4ExhaustionLinux,
  ipv4ExhaustionWindows,
  ipv6PodsOffIpv4Subnets,
  customNetworkingNotOnIpv6,
  ipv6NeedsNitro,
  secondaryIpNotOnIpv6,
  subnetCannotHoldNodeGroup,
} from './subnets.rules.js';
import {
  calicoOverlayUnsupportedForWindows,
  customNetworkingNotOnWindows,
  windowsCannotRunHere,
  windowsGroupWithoutPodCapacity,
  windowsIpCooldown,
  windowsPrefixDelegationNoFallback,
  windowsRequiresVpcCni,
  windowsServerReleaseNotOnThisEks,
  windowsServiceCidrMismatch,
} from './windows.rules.js';
import {
  albIpTargetsNeedVpcIps,
  overlayWebhooksNeedHostNetwork,
  securityGroupsForPodsLinuxOnly,
  securityGroupsForPodsNeedVpcCni,
} from './workload-needs.rules.js';

export { CNI_WEIGHTS } from './cni-weights.js';
export { IPV4_EXHAUSTION_LINUX_SOURCE, ipv4ExhaustionLinuxMessage } from './subnets.rules.js';

/**
 * The CNI rules, in the order their reasons are listed under an option (each topic's rules live in
 * their own module: the options' character, Windows, pods per node, subnets, workload needs, alternate CNIs).
 */
export const CNI_RULES: readonly CniRule[] = [
  secondaryIpDefaultMode,
  prefixDelegationOptIn,
  customNetworkingSeparatePodSubnets,
  overlayPodsOffVpc,
  windowsCannotRunHere,
  windowsServerReleaseNotOnThisEks,
  windowsRequiresVpcCni,
  calicoOverlayUnsupportedForWindows,
  windowsServiceCidrMismatch,
  windowsGroupWithoutPodCapacity,
  windowsPodsExceedSecondaryIp,
  windowsPrefixDelegationNeedsNitro,
  windowsKubeletMaxPodsRaised,
  windowsPrefixDelegationNoFallback,
  windowsIpCooldown,
  fragmentedSubnetsAvoidPrefixDelegation,
  subnetCannotHoldNodeGroup,
  ipv4ExhaustionWindows,
  enhancedSubnetDiscovery,
  ipv4ExhaustionLinux,
  customNetworkingNotOnWindows,
  securityGroupsForPodsLinuxOnly,
  securityGroupsForPodsNeedVpcCni,
  albIpTargetsNeedVpcIps,
  overlayWebhooksNeedHostNetwork,
  alternateCniNeedsVendorSupport,
  ipv6PodsOffIpv4Subnets,
  ipv6NeedsNitro,
  customNetworkingNotOnIpv6,
  secondaryIpNotOnIpv6,
];
