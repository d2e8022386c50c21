import { SOURCE } from '../../../common/core/sources.js';
import { names } from '../cni-context.js';
import type { CniRule } from '../cni-rule-table.js';
import { CNI_WEIGHTS, NOTE_ON_VPC_CNI } from './cni-weights.js';

/** What the workloads need from the network: security groups for pods, load balancer targets, webhooks. */

export const securityGroupsForPodsLinuxOnly: CniRule = {
  code: 'SGP_LINUX_ONLY',
  weight: NOTE_ON_VPC_CNI,
  assess: ({ ctx: { r, windows } }) =>
    r.normalized.needs.securityGroupsForPods && windows.length > 0 && r.normalized.windowsPods > 0
      ? {
          message: `Security groups for pods work on Linux nodes only: the Windows pods (${names(windows)}) cannot get pod security groups; secure them with node security groups or network policy.`,
          source: SOURCE.UG_SGP,
          nodeGroups: windows.map((g) => g.name),
        }
      : null,
};

export const securityGroupsForPodsNeedVpcCni: CniRule = {
  code: 'SGP_NEEDS_VPC_CNI',
  weight: { CALICO_OVERLAY: CNI_WEIGHTS.SGP_ON_OVERLAY },
  assess: ({ ctx }) =>
    ctx.r.normalized.needs.securityGroupsForPods
      ? {
          message: 'Security groups for pods need the VPC CNI (branch ENIs on a trunk ENI); overlay pods cannot have them.',
          source: SOURCE.UG_SGP,
        }
      : null,
};

export const albIpTargetsNeedVpcIps: CniRule = {
  code: 'ALB_IP_TARGETS_NEED_VPC_IPS',
  weight: { CALICO_OVERLAY: CNI_WEIGHTS.ALB_IP_TARGETS_ON_OVERLAY },
  assess: ({ ctx }) =>
    ctx.r.normalized.needs.albIpTargets
      ? {
          message: 'ALB/NLB target-type: ip registers pod IPs, which must be VPC IPs; on an overlay use target-type: instance.',
          source: SOURCE.AWS_LBC_TARGET_TYPE,
        }
      : null,
};

export const overlayWebhooksNeedHostNetwork: CniRule = {
  code: 'OVERLAY_WEBHOOKS_NEED_HOST_NETWORK',
  weight: { CALICO_OVERLAY: CNI_WEIGHTS.WEBHOOKS_ON_OVERLAY },
  assess: ({ ctx }) =>
    ctx.r.normalized.needs.webhooksOnPods
      ? {
          message: 'The EKS control plane cannot reach overlay pod IPs: webhook and metrics-server pods need hostNetwork: true.',
          source: SOURCE.TIGERA_EKS,
        }
      : null,
};
