import { WINDOWS_SERVER_FACTS } from '../../capacity/core/index.js';
import { SOURCE } from '../../common/core/sources.js';
import { names, reason, type CniContext } from './cni-context.js';
import type { CniReason, NetworkPolicyRecommendation } from './cni.types.js';

/**
 * The NetworkPolicy engine: Calico in policy-only mode on top of the VPC CNI when Windows pods need policy
 * (the VPC CNI agent is Linux-only) and some Windows group can run it (Windows nodes possible, a release
 * Calico for Windows supports), the VPC CNI agent for Linux-only policy, else none.
 */
export function chooseNetworkPolicyEngine(ctx: CniContext): NetworkPolicyRecommendation {
  const { needs } = ctx.r.normalized;
  const reasons: CniReason[] = [];
  // Windows Server releases without Calico for Windows (2025): no engine enforces policy on their groups.
  const ws2025 = ctx.windows.filter((g) => g.windowsServerVersion && !WINDOWS_SERVER_FACTS[g.windowsServerVersion].calicoSupported);
  const calicoGroups = ctx.windows.filter((g) => !ws2025.includes(g));
  if (needs.networkPolicyOnWindows && ws2025.length && !ctx.windowsBlockedBy) {
    reasons.push(
      reason(
        'WINDOWS_SERVER_2025_NETWORK_POLICY_UNSUPPORTED',
        'DISFAVOURS',
        0,
        `Calico for Windows supports Windows Server 2019 and 2022 only (projectcalico/calico#11691 is open), so NetworkPolicy is not enforced on ${ws2025.map((g) => `${g.name} (Windows Server ${WINDOWS_SERVER_FACTS[g.windowsServerVersion!].year})`).join(', ')}; ` +
          'and on Windows Server 2025 HNS switches an endpoint to default-deny as soon as any ACL policy is applied to it (microsoft/Windows-Containers#616). ' +
          (calicoGroups.length
            ? `Calico protects only ${names(calicoGroups)}: run the pods that need NetworkPolicy there.`
            : 'No Windows group runs a release Calico supports, so no Calico is installed for Windows: run the pods that need NetworkPolicy on Windows Server 2022 node groups.'),
        SOURCE.WINDOWS_SERVER_CALICO,
        ws2025.map((g) => g.name),
      ),
    );
  }
  // Calico for Windows only where Windows nodes can run (not IPv6, Fargate, Auto Mode, Hybrid Nodes) on a release it supports.
  if (needs.networkPolicyOnWindows && calicoGroups.length && !ctx.windowsBlockedBy) {
    reasons.push(
      reason(
        'WINDOWS_POLICY_NEEDS_CALICO_POLICY_ONLY',
        'FAVOURS',
        0,
        'NetworkPolicy on Windows pods: install Calico in policy-only mode on top of the VPC CNI (Installation cni.type: AmazonVPC) and set ANNOTATE_POD_IP=true on aws-node.' +
          (ws2025.length ? ` It enforces on ${names(calicoGroups)}.` : '') +
          (needs.networkPolicyOnLinux ? ' Calico enforces the Linux policies too.' : ''),
        `${SOURCE.UG_CNI_NETPOL}; ${SOURCE.TIGERA_EKS}`,
        ws2025.length ? calicoGroups.map((g) => g.name) : undefined,
      ),
      reason(
        'VPC_CNI_POLICY_LINUX_ONLY',
        'NOTE',
        0,
        'Keep the VPC CNI network policy agent off (enableNetworkPolicy: "false"): it enforces on Linux nodes only and conflicts with Calico.',
        SOURCE.UG_CNI_NETPOL,
      ),
    );
    return { engine: 'CALICO_POLICY_ONLY', reasons };
  }
  if (needs.networkPolicyOnWindows && ctx.windows.length && ctx.windowsBlockedBy) {
    reasons.push(
      reason(
        'WINDOWS_POLICY_NOT_APPLICABLE',
        'NOTE',
        0,
        `networkPolicyOnWindows was asked for, but Windows nodes cannot run in this cluster (${ctx.windowsBlockedBy}): no Windows policy engine.`,
        SOURCE.UG_WINDOWS_SUPPORT,
      ),
    );
  } else if (needs.networkPolicyOnWindows && !ctx.windows.length) {
    reasons.push(
      reason(
        'WINDOWS_POLICY_NOT_APPLICABLE',
        'NOTE',
        0,
        'networkPolicyOnWindows was asked for, but the cluster has no Windows node group.',
        SOURCE.UG_CNI_NETPOL,
      ),
    );
  }
  if (needs.networkPolicyOnLinux || needs.networkPolicyOnWindows) {
    reasons.push(
      reason(
        'LINUX_POLICY_VPC_CNI',
        'FAVOURS',
        0,
        'NetworkPolicy on Linux pods only: the VPC CNI (>= 1.14) network policy agent is enough (enableNetworkPolicy: "true").',
        SOURCE.UG_CNI_NETPOL,
      ),
    );
    return { engine: 'VPC_CNI', reasons };
  }
  reasons.push(reason('NO_NETWORK_POLICY_NEEDED', 'NOTE', 0, 'No NetworkPolicy was asked for.', SOURCE.UG_CNI_NETPOL));
  return { engine: 'NONE', reasons };
}
