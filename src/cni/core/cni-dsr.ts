import { dsrKubeProxyFlags, HNS_PORT_EXHAUSTION_ERROR, WINDOWS_SERVICES_PER_NODE_LIMIT } from '../../capacity/core/index.js';
import { SOURCE } from '../../common/core/sources.js';
import { reason, type CniContext } from './cni-context.js';
import type { CniReason, DsrRecommendation, NetworkPolicyRecommendation } from './cni.types.js';

/** Direct Server Return on Windows kube-proxy: for many Services, externalTrafficPolicy: Local, or Calico policy. */
export function decideDsr(ctx: CniContext, policy: NetworkPolicyRecommendation): DsrRecommendation {
  const n = ctx.r.normalized;
  const reasons: CniReason[] = [];
  if (!ctx.windows.length) {
    const why = 'No Windows node group: DSR (a Windows kube-proxy setting) does not apply.';
    return {
      enable: false,
      kubeProxyFlags: [],
      reason: why,
      reasons: [reason('DSR_NOT_NEEDED', 'NOTE', 0, why, SOURCE.BPG_WINDOWS_NETWORKING)],
    };
  }
  if (ctx.windowsBlockedBy) {
    const why = `Windows nodes cannot run in this cluster (${ctx.windowsBlockedBy}), so DSR does not apply.`;
    return {
      enable: false,
      kubeProxyFlags: [],
      reason: why,
      reasons: [reason('DSR_NOT_NEEDED', 'NOTE', 0, why, SOURCE.UG_WINDOWS_SUPPORT)],
    };
  }
  if (n.servicesPerWindowsNode > WINDOWS_SERVICES_PER_NODE_LIMIT) {
    reasons.push(
      reason(
        'WINDOWS_SERVICE_PORT_EXHAUSTION_DSR',
        'FAVOURS',
        0,
        `${n.servicesPerWindowsNode} Services per Windows node (> ${WINDOWS_SERVICES_PER_NODE_LIMIT}) risk HNS port exhaustion ("${HNS_PORT_EXHAUSTION_ERROR}"); Direct Server Return avoids it.`,
        SOURCE.BPG_WINDOWS_NETWORKING,
      ),
    );
  }
  if (n.needs.externalTrafficPolicyLocal) {
    reasons.push(
      reason(
        'EXTERNAL_TRAFFIC_POLICY_LOCAL_DSR',
        'FAVOURS',
        0,
        'externalTrafficPolicy: Local on Windows nodes needs DSR (it also keeps the client source IP).',
        SOURCE.BPG_WINDOWS_NETWORKING,
      ),
    );
  }
  if (policy.engine === 'CALICO_POLICY_ONLY') {
    reasons.push(
      reason(
        'CALICO_POLICY_DSR',
        'FAVOURS',
        0,
        'Calico policy on Windows sees pod IPs on Service traffic only with DSR.',
        SOURCE.BPG_WINDOWS_NETWORKING,
      ),
    );
  }
  if (!reasons.length) {
    const why = `${n.servicesPerWindowsNode} Services per Windows node (<= ${WINDOWS_SERVICES_PER_NODE_LIMIT}), no externalTrafficPolicy: Local, no Windows policy: DSR not needed.`;
    return {
      enable: false,
      kubeProxyFlags: [],
      reason: why,
      reasons: [reason('DSR_NOT_NEEDED', 'NOTE', 0, why, SOURCE.BPG_WINDOWS_NETWORKING)],
    };
  }
  const flags = dsrKubeProxyFlags(n.kubernetesVersion);
  return {
    enable: true,
    kubeProxyFlags: [...flags.flags],
    reason: `${reasons.map((x) => x.message).join(' ')} kube-proxy flags for Kubernetes ${n.kubernetesVersion}: ${flags.flags.join(' ')} (${SOURCE.KEP_5100}).`,
    reasons,
  };
}
