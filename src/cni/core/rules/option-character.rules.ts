import { SOURCE } from '../../../common/core/sources.js';
import type { CniRule } from '../cni-rule-table.js';
import { CNI_WEIGHTS } from './cni-weights.js';

/** Each option's own character: the base points it starts from. */

export const secondaryIpDefaultMode: CniRule = {
  code: 'VPC_CNI_DEFAULT_MODE',
  weight: { VPC_CNI_SECONDARY_IP: CNI_WEIGHTS.BASE_SECONDARY_IP },
  assess: () => ({
    message: 'The default mode: one secondary IP per pod, nothing to opt into; Windows nodes get I - 1 pods (one ENI).',
    source: `${SOURCE.UG_MANAGING_VPC_CNI}; ${SOURCE.BPG_WINDOWS_NETWORKING}`,
  }),
};

export const prefixDelegationOptIn: CniRule = {
  code: 'PREFIX_DELEGATION_OPT_IN',
  weight: { VPC_CNI_PREFIX_DELEGATION: CNI_WEIGHTS.BASE_PREFIX_DELEGATION },
  assess: () => ({
    message:
      'Opt-in (enable-windows-prefix-delegation / ENABLE_PREFIX_DELEGATION): one /28 per slot, (I - 1) * 16 pod IPs on Windows; needs Nitro types and free aligned /28 blocks.',
    source: SOURCE.BPG_PREFIX_WINDOWS,
  }),
};

export const customNetworkingSeparatePodSubnets: CniRule = {
  code: 'CUSTOM_NETWORKING_SEPARATE_POD_SUBNETS',
  weight: { VPC_CNI_CUSTOM_NETWORKING: CNI_WEIGHTS.BASE_CUSTOM_NETWORKING },
  assess: () => ({
    message: 'Linux pods draw IPs from separate subnets (ENIConfig per AZ, typically 100.64.0.0/10); costs one ENI per Linux node.',
    source: SOURCE.UG_CUSTOM_NETWORKING,
  }),
};

export const overlayPodsOffVpc: CniRule = {
  code: 'OVERLAY_PODS_OFF_VPC',
  weight: { CALICO_OVERLAY: CNI_WEIGHTS.BASE_OVERLAY },
  assess: () => ({
    message: 'Pods take addresses from the Calico IP pool, not the VPC: pods per node are bounded by kubelet max-pods only.',
    source: SOURCE.TIGERA_EKS,
  }),
};
