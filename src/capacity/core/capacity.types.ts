/**
 * Shared vocabulary of the capacity core: operating systems, IP modes, warnings with sources,
 * and the name/value pairs every answer carries so each number can be explained.
 */
import type { Source } from '../../common/core/sources.js';
import { enumValues, stringEnum, type EnumValue } from '../../common/core/string-enum.js';

export const NodeOs = stringEnum('WINDOWS', 'LINUX');
export type NodeOs = EnumValue<typeof NodeOs>;
export const IpMode = stringEnum('SECONDARY_IP', 'PREFIX_DELEGATION');
export type IpMode = EnumValue<typeof IpMode>;

export const NODE_OSES: readonly NodeOs[] = enumValues(NodeOs);
export const IP_MODES: readonly IpMode[] = enumValues(IpMode);

export type CapacityWarningCode =
  | 'WINDOWS_UNSUPPORTED_ARCHITECTURE'
  | 'WINDOWS_TYPE_NOT_IN_VPCRC_LIMITS'
  | 'WINDOWS_PREFIX_DELEGATION_FALLBACK'
  | 'WINDOWS_CUSTOM_NETWORKING_UNSUPPORTED'
  | 'WINDOWS_SECURITY_GROUPS_FOR_PODS_UNSUPPORTED'
  | 'WINDOWS_MAX_ENIS_IGNORED'
  | 'WINDOWS_IPV4_PER_INTERFACE_DIFFERS'
  | 'KUBELET_MAX_PODS_ABOVE_IP_LIMIT'
  | 'KUBELET_MAX_PODS_ABOVE_RECOMMENDED'
  | 'KUBELET_MAX_PODS_BELOW_IP_LIMIT'
  | 'LINUX_PREFIX_DELEGATION_NEEDS_NITRO'
  | 'LINUX_PREFIX_DELEGATION_NEEDS_CNI_1_9'
  | 'LINUX_PREFIX_DELEGATION_BARE_METAL_NEEDS_CNI_1_10_3'
  | 'LINUX_CUSTOM_NETWORKING_ENI'
  | 'LINUX_SECURITY_GROUPS_FOR_PODS_TRUNK_ENI'
  | 'LINUX_SECURITY_GROUPS_FOR_PODS_NOT_TRUNKING_COMPATIBLE'
  | 'MAX_ENIS_CAP'
  | 'NO_POD_CAPACITY'
  | 'NO_ALLOCATABLE_RESOURCES'
  | 'PREFIX_FRAGMENTATION_RISK'
  | 'CUSTOM_NETWORKING_POD_SUBNET'
  | 'WARM_IP_COOLDOWN'
  | 'WARM_POOL_TARGET_ADJUSTED'
  | 'WINDOWS_SERVICE_PORT_EXHAUSTION'
  | 'LINUX_NODES_FOR_COREDNS'
  | 'WINDOWS_NOT_OFFERED_BY_EC2'
  | 'WINDOWS_TYPE_NEWER_THAN_PUBLIC_VPCRC_LIMITS'
  | 'WINDOWS_IP_COOLDOWN'
  | 'WINDOWS_PREFIX_DELEGATION_NO_FALLBACK'
  | 'ACCELERATED_TYPE_NOT_ASKED_FOR'
  | 'PRICES_UNKNOWN'
  | 'REGION_AVAILABILITY_STALE'
  | 'WINDOWS_SERVER_VERSION_NEEDS_NEWER_EKS'
  | 'WINDOWS_CONTAINER_OS_BUILD'
  | 'WINDOWS_SERVER_NETWORK_POLICY_UNSUPPORTED'
  | 'WINDOWS_SERVER_2019_ADDONS_LEAVING';

export interface CapacityWarning {
  code: CapacityWarningCode;
  message: string;
  source: Source | string;
}

/** One input actually used by a computation, with where it came from. */
export interface NamedValue {
  name: string;
  value: number | string | boolean | null;
  note?: string;
}
