/** The points each rule of the CNI table gives or takes (see VIABLE_MIN_SCORE in cni-rule-table.ts). */
export const CNI_WEIGHTS = {
  BASE_SECONDARY_IP: 50,
  BASE_PREFIX_DELEGATION: 40,
  BASE_CUSTOM_NETWORKING: 30,
  BASE_OVERLAY: 30,
  WINDOWS_PODS_EXCEED_SECONDARY_IP_SECONDARY: -25,
  WINDOWS_PODS_EXCEED_SECONDARY_IP_PD: 30,
  WINDOWS_PD_NEEDS_NITRO_ONLY_XEN: -30,
  WINDOWS_PD_NEEDS_NITRO_SOME_XEN: -10,
  FRAGMENTED_PD: -35,
  FRAGMENTED_SECONDARY: 15,
  SUBNET_CANNOT_HOLD: -20,
  IPV4_EXHAUSTION_WINDOWS_PD: 20,
  IPV4_EXHAUSTION_WINDOWS_SECONDARY: -10,
  // Linux exhaustion: enhanced subnet discovery (secondary-IP mode plus tagged subnets) first, custom
  // networking only for separate security groups or isolation, an overlay last (UG cni-subnet-selection).
  ENHANCED_SUBNET_DISCOVERY_SECONDARY: 25,
  IPV4_EXHAUSTION_LINUX_CUSTOM: 10,
  IPV4_EXHAUSTION_LINUX_OVERLAY: 5,
  CUSTOM_NETWORKING_MIXED_CLUSTER: -20,
  SGP_ON_OVERLAY: -40,
  ALB_IP_TARGETS_ON_OVERLAY: -20,
  WEBHOOKS_ON_OVERLAY: -10,
  VENDOR_SUPPORT_NOT_ACCEPTED: -30,
} as const;

/** The weight of a rule that only notes something, on the three VPC CNI options (not the overlay). */
export const NOTE_ON_VPC_CNI = { VPC_CNI_SECONDARY_IP: 0, VPC_CNI_PREFIX_DELEGATION: 0, VPC_CNI_CUSTOM_NETWORKING: 0 } as const;
