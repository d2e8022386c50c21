import type { InstanceTypeFacts } from '../../catalog/core/instance-type.facts.js';
import {
  checkWindowsServices,
  computeNodeCapacity,
  dsrKubeProxyFlags,
  poolOfNode,
  vpcrcUnsupportedEventText,
  WINDOWS_SERVER_FACTS,
  type IpMode,
  type NodeCapacity,
  type WindowsServerVersion,
} from '../../capacity/core/index.js';
import { KARPENTER_SOURCE } from '../../karpenter/core/karpenter-windows-plan.js';
import { getKarpenterIpv4PerInterface, KARPENTER_VPC_LIMITS_SOURCE } from '../../karpenter/core/karpenter-vpc-limits.js';
import { SOURCE } from '../../common/core/sources.js';
import type { VpcCniConfigMap } from './vpc-cni-configmap.js';

/**
 * What a pasted line means: one small matcher a row, each with its code, the pattern it looks for,
 * the cause, the checks in the order to make them, the fix (and the template that renders it), and
 * the upstream source. `explain` adds what the cluster facts make certain (pods per node from the
 * capacity engine, the DSR flags for the Kubernetes version, the image build for the Windows version).
 */

export interface DiagnosisFix {
  text: string;
  /** A template of `policyTemplates` that renders the fix, when one applies. */
  templateId: string | null;
}

/** What the caller says about the cluster, already read. */
export interface DiagnosisContext {
  instanceType: InstanceTypeFacts | null;
  /** The instance type named (kept even when the catalog does not know it). */
  instanceTypeName: string | null;
  ipMode: IpMode | null;
  configMap: VpcCniConfigMap | null;
  kubernetesVersion: string | null;
  windowsServerVersion: WindowsServerVersion | null;
  servicesPerNode: number | null;
  kubeletMaxPods: number | null;
  /** The catalog's types by name, for the types the pasted text names. */
  catalog: ReadonlyMap<string, InstanceTypeFacts>;
}

export interface DiagnosisRule {
  code: string;
  pattern: RegExp;
  cause: string;
  checks: string[];
  fix: DiagnosisFix;
  source: string;
  /**
   * The symptom is as common on Linux (Go's resolver prints the same timeouts): the rule is dropped when
   * the paste names its node OS as linux and never as windows (`pasteOperatingSystems`).
   */
  windowsOnly?: boolean;
  /** Facts-based lines (formula with values) and a narrower cause and fix, when the facts allow. */
  explain?: (context: DiagnosisContext, match: RegExpExecArray) => { details: string[]; cause?: string; fix?: DiagnosisFix };
}

/**
 * The node OS a paste names, as kubectl prints it: the kubernetes.io/os label (describe `=`, yaml `:`,
 * json `": "`, and the beta label) and describe node's `Operating System:` line.
 */
const PASTE_OS = /\bkubernetes\.io\/os"?\s*[=:]\s*"?(linux|windows)\b|^\s*Operating System:\s*(linux|windows)\b/gim;

export function pasteOperatingSystems(lines: readonly string[]): Set<'linux' | 'windows'> {
  const found = new Set<'linux' | 'windows'>();
  for (const line of lines) {
    for (const m of line.matchAll(PASTE_OS)) found.add((m[1] ?? m[2]).toLowerCase() as 'linux' | 'windows');
  }
  return found;
}

export const DIAGNOSIS_SOURCES = {
  ROADMAP_240: 'aws/containers-roadmap#240',
  VPCRC_TROUBLESHOOTING: 'aws/amazon-vpc-resource-controller-k8s docs/troubleshooting.md',
  VPCRC_NODE: 'aws/amazon-vpc-resource-controller-k8s pkg/node/node.go',
  VPCRC_POOL: 'aws/amazon-vpc-resource-controller-k8s pkg/pool/pool.go',
  VPCRC_COOLDOWN: 'aws/amazon-vpc-resource-controller-k8s pkg/config/type.go (CoolDownPeriod 30 s)',
  VPCRC_ERRORS: 'aws/amazon-vpc-resource-controller-k8s pkg/utils/errors.go',
  ROADMAP_463: 'aws/containers-roadmap#463',
  KARPENTER_TROUBLESHOOTING: 'aws/karpenter-provider-aws website/content/en/docs/troubleshooting.md',
  UG_WINDOWS_SUPPORT: 'awsdocs/amazon-eks-user-guide windows-support',
  UG_WINDOWS_AMI: 'awsdocs/amazon-eks-user-guide eks-optimized-windows-ami',
  BPG_WINDOWS_NETWORKING: 'aws/aws-eks-best-practices latest/bpg/windows/networking.adoc',
  BPG_PREFIX: 'aws/aws-eks-best-practices latest/bpg/networking/prefix-mode_windows.adoc',
  KARPENTER_LABELS: 'aws/karpenter-provider-aws pkg/apis/v1/labels.go',
  KARPENTER_SCHEDULING:
    'kubernetes-sigs/karpenter pkg/controllers/provisioning/scheduling/nodeclaim.go (InstanceTypeFilterError: "no instance type has enough resources"; before v1 "no instance type satisfied resources")',
  MOBY_IMAGE_OS: 'moby/moby distribution/pull_v2.go (image operating system %q cannot be used on this platform)',
  KARPENTER_REQUIREMENTS: 'kubernetes-sigs/karpenter pkg/scheduling/requirements.go (badKeyError: "key %s, %s not in %s")',
} as const;

/** At most this many instance types of a Karpenter message's requirements are looked up. */
const KARPENTER_TYPES_LOOKED_UP = 10;

/**
 * What a Karpenter scheduling failure says about Windows pod IPs: the vpc.amazonaws.com/PrivateIPv4Address
 * it asked for (pod and DaemonSet overhead; JSON logs escape the quotes) and, per instance type the
 * requirements name or the caller gave, the I - 1 Karpenter's own limits table gives it.
 */
function karpenterWindowsIpLines(context: DiagnosisContext, line: string): { details: string[]; requested: number | null } {
  // The resources it could not fit, not the DaemonSet overhead printed before them.
  const asked = /(?:satisfied resources|resources=)\s*\{[^}]*?vpc\.amazonaws\.com\/PrivateIPv4Address\\?"?\s*:\s*\\?"?(\d{1,6})/i.exec(
    line,
  );
  const requested = asked ? Number(asked[1]) : null;
  const details: string[] = [];
  if (requested !== null) details.push(`vpc.amazonaws.com/PrivateIPv4Address in the resources Karpenter could not fit = ${requested}`);
  const named = /node\.kubernetes\.io\/instance-type In \[([^\]]*)\]/.exec(line)?.[1].split(/\s+/) ?? [];
  const types = [...new Set([...(context.instanceTypeName ? [context.instanceTypeName] : []), ...named])]
    .filter((t) => /^[a-z][a-z0-9-]*\.[a-z0-9-]+$/.test(t))
    .slice(0, KARPENTER_TYPES_LOOKED_UP);
  for (const t of types) {
    const ipv4 = getKarpenterIpv4PerInterface(t);
    const ips = ipv4 === undefined ? 0 : ipv4 - 1;
    const figure =
      ipv4 === undefined
        ? `Karpenter ${t} vpc.amazonaws.com/PrivateIPv4Address = 0 (not in Karpenter's limits table, generated ${KARPENTER_VPC_LIMITS_SOURCE.generated})`
        : `Karpenter ${t} vpc.amazonaws.com/PrivateIPv4Address = I - 1 = ${ipv4} - 1 = ${ips} (its limits table, whatever the IP mode)`;
    details.push(requested !== null && ips < requested ? `${figure} < ${requested} requested: no pod of these fits it` : figure);
  }
  const capacity = windowsCapacityOf(context);
  if (capacity && capacity.effectiveIpMode === 'PREFIX_DELEGATION') {
    const ipv4 = getKarpenterIpv4PerInterface(capacity.instanceType);
    details.push(
      `with prefix delegation the VPC Resource Controller gives ${capacity.instanceType} W = ${capacity.ipLimitedPods}, but Karpenter still counts ${ipv4 === undefined ? 0 : ipv4 - 1} (${KARPENTER_SOURCE.PREFIX_DELEGATION})`,
    );
  }
  return { details, requested };
}

/** Pods per node for the Windows node in the mode the facts give (ConfigMap PD key, else ipMode, else secondary IP). */
export function windowsCapacityOf(context: DiagnosisContext, instanceType = context.instanceType): NodeCapacity | null {
  if (!instanceType) return null;
  const ipMode: IpMode = context.configMap
    ? context.configMap.prefixDelegation
      ? 'PREFIX_DELEGATION'
      : 'SECONDARY_IP'
    : (context.ipMode ?? 'SECONDARY_IP');
  return computeNodeCapacity({
    instanceType,
    os: 'WINDOWS',
    ipMode,
    ...(context.kubeletMaxPods !== null ? { kubeletMaxPods: context.kubeletMaxPods } : {}),
  });
}

function capacityLines(capacity: NodeCapacity): string[] {
  return [
    `${capacity.instanceType} (Windows, ${capacity.effectiveIpMode === 'PREFIX_DELEGATION' ? 'prefix delegation' : 'secondary IP'}): ${capacity.formula.join('; ')}`,
    ...capacity.warnings.map((w) => `${w.message} (${w.source})`),
  ];
}

/** The kube-proxy DSR flags for the cluster's Kubernetes version, when it is known. */
export function dsrFlagLines(context: DiagnosisContext): string[] {
  if (!context.kubernetesVersion) return [];
  const dsr = dsrKubeProxyFlags(context.kubernetesVersion);
  return [`kube-proxy flags for Kubernetes ${dsr.kubernetesVersion}: ${dsr.args} (${dsr.source})`];
}

function unknownTypeLine(context: DiagnosisContext): string[] {
  return context.instanceTypeName && !context.instanceType
    ? [`${context.instanceTypeName} is not in the instance catalog: check the name.`]
    : [];
}

/**
 * Why a type runs no Windows pods, from its Windows eligibility (capacity/core windows-eligibility.ts):
 * an arm64 or Mac type has IP figures but no Windows AMI, EC2 refuses Windows on some types, and the
 * controller gives no IPs to a type it does not know. Each failed gate's reason, with its source.
 */
function noWindowsPodsCause(capacity: NodeCapacity): string {
  const e = capacity.windowsEligibility;
  // The newer-table note is a caution on a type that passes the controller gate, not a failed gate.
  const failed = e.reasons.filter((r) => r.code !== 'WINDOWS_TYPE_NEWER_THAN_PUBLIC_VPCRC_LIMITS');
  const why = failed.length > 0 ? failed.map((r) => `${r.message} (${r.source})`).join(' ') : capacity.formula.join('; ');
  return !e.architectureSupported || !e.offeredByEc2
    ? `${capacity.instanceType} cannot be a Windows node, so no node of it advertises vpc.amazonaws.com/PrivateIPv4Address: ${why}`
    : `${capacity.instanceType} gets no Windows pod IPs: ${why}`;
}

/** A type only the newer copy of the controller's table knows: its W is computed, but the cluster's controller may lack it. */
function newerTableCause(instanceType: string): string {
  return (
    `Or the cluster's VPC Resource Controller does not know ${instanceType} yet: only the newer copy of its limits table has it, ` +
    `so the node may advertise no vpc.amazonaws.com/PrivateIPv4Address at all (events: "${vpcrcUnsupportedEventText(instanceType)}", reason Unsupported).`
  );
}

const IPAM_TEMPLATE = 'vpc-cni-windows-ipam-configmap';

/** Said first when the ConfigMap pasted has Windows IPAM on: the cause is then elsewhere. */
const IPAM_ON = 'Windows IPAM is on (the ConfigMap has enable-windows-ipam: "true")';

/** For a type no Windows node can run on (arm64, Mac, EC2 refuses Windows): neither IPAM nor more nodes help. */
const NEVER_WINDOWS_FIX: DiagnosisFix = {
  text: 'Move the Windows node group to an x86_64 type EC2 runs Windows on and the VPC Resource Controller knows (nodeCapacity, os WINDOWS, says which); keep this type for Linux nodes.',
  templateId: null,
};

export const DIAGNOSIS_RULES: readonly DiagnosisRule[] = [
  {
    code: 'INSUFFICIENT_PRIVATE_IPV4_ADDRESS',
    pattern: /Insufficient vpc\.amazonaws\.com\/PrivateIPv4Address/i,
    cause:
      'No Windows node advertises a free vpc.amazonaws.com/PrivateIPv4Address: Windows IPAM is off, the VPC Resource Controller does not know the instance type, or the nodes are full.',
    checks: [
      'kubectl -n kube-system get configmap amazon-vpc-cni -o yaml: enable-windows-ipam must be "true".',
      'kubectl get nodes -l kubernetes.io/os=windows -o custom-columns=NAME:.metadata.name,TYPE:.metadata.labels.node\\.kubernetes\\.io/instance-type,IPS:.status.allocatable.vpc\\.amazonaws\\.com/PrivateIPv4Address: a type the controller does not know advertises none.',
      'Count the Windows pods per node against the pods per node of the type (nodeCapacity).',
    ],
    fix: {
      text: 'Set enable-windows-ipam: "true" in kube-system/amazon-vpc-cni; use a type the controller knows; add nodes or turn on prefix delegation when the nodes are full.',
      templateId: IPAM_TEMPLATE,
    },
    source: `${DIAGNOSIS_SOURCES.ROADMAP_240}; ${DIAGNOSIS_SOURCES.VPCRC_TROUBLESHOOTING}`,
    explain: (context) => {
      const details = [...unknownTypeLine(context)];
      let cause: string | undefined;
      if (context.configMap && !context.configMap.windowsIpam) {
        cause = `Windows IPAM is off: the ConfigMap has enable-windows-ipam: "${context.configMap.data['enable-windows-ipam'] ?? '(missing)'}", so no Windows node advertises vpc.amazonaws.com/PrivateIPv4Address.`;
      }
      const capacity = windowsCapacityOf(context);
      if (capacity) {
        details.push(...capacityLines(capacity));
        // A type that can never be a Windows node is the cause whatever the ConfigMap says: IPAM on would not help.
        const never = !capacity.windowsEligibility.architectureSupported || !capacity.windowsEligibility.offeredByEc2;
        if (never) return { details, cause: noWindowsPodsCause(capacity), fix: NEVER_WINDOWS_FIX };
        if (!cause && capacity.maxPods === 0) cause = noWindowsPodsCause(capacity);
        if (!cause && capacity.maxPods > 0) {
          const ipam = context.configMap ? 'Windows IPAM is on and' : 'With Windows IPAM on,';
          cause = `${ipam} ${capacity.instanceType} advertises ${capacity.ipLimitedPods} IPs: the node is full once ${capacity.maxPods} pods run on it (pods beyond stay Pending).`;
          // Only Karpenter's newer copy of the controller's table knows the type (aws/karpenter-provider-aws
          // zz_generated.vpclimits.go, not VPCRC pkg/aws/vpc/limits.go): the cluster's controller may not know it yet.
          if (capacity.limitsTable === 'KARPENTER_NEWER') cause += ` ${newerTableCause(capacity.instanceType)}`;
        }
      }
      if (!context.configMap?.windowsIpam) return { details, cause };
      return {
        details,
        cause: cause ?? `${IPAM_ON}: the VPC Resource Controller does not know the instance type, or the nodes are full.`,
        fix: {
          text: 'Use a type the controller knows; add nodes or turn on prefix delegation when the nodes are full.',
          templateId: IPAM_TEMPLATE,
        },
      };
    },
  },
  {
    // The node's capacity or allocatable, as kubectl prints it: `describe node` ("name:  0" in its
    // Capacity and Allocatable sections; the "Allocated resources" table of requests has no colon and
    // is not matched), `get node -o yaml` (`name: "0"`, a quantity is a string) and `-o json`
    // (`"name": "0"`, also one line of `jq -c`).
    code: 'NODE_ADVERTISES_NO_WINDOWS_IPS',
    pattern:
      /^\s*vpc\.amazonaws\.com\/PrivateIPv4Address:\s+(?:0|"0"|'0')\s*$|"vpc\.amazonaws\.com\/PrivateIPv4Address"\s*:\s*"0"\s*(?:[,}]|$)/i,
    cause:
      'The Windows node advertises no vpc.amazonaws.com/PrivateIPv4Address: Windows IPAM is off, or the VPC Resource Controller does not know the instance type.',
    checks: [
      'kubectl -n kube-system get configmap amazon-vpc-cni -o yaml: enable-windows-ipam must be "true".',
      'kubectl get events --field-selector involvedObject.kind=Node,reason=Unsupported: the controller names types it does not know.',
    ],
    fix: { text: 'Set enable-windows-ipam: "true"; move the node group to a type the controller knows.', templateId: IPAM_TEMPLATE },
    source: `${DIAGNOSIS_SOURCES.VPCRC_NODE}; ${DIAGNOSIS_SOURCES.VPCRC_TROUBLESHOOTING}`,
    explain: (context) => {
      const capacity = windowsCapacityOf(context);
      const details = capacity ? capacityLines(capacity) : unknownTypeLine(context);
      const never = capacity && (!capacity.windowsEligibility.architectureSupported || !capacity.windowsEligibility.offeredByEc2);
      if (capacity && never) return { details, cause: noWindowsPodsCause(capacity), fix: NEVER_WINDOWS_FIX };
      if (!context.configMap?.windowsIpam) return { details };
      return {
        details,
        cause: `${IPAM_ON}, so the VPC Resource Controller does not know the node's instance type (it posts an Unsupported event on the node naming it).`,
        fix: { text: 'Move the node group to a type the controller knows (nodeCapacity, os WINDOWS, says which).', templateId: null },
      };
    },
  },
  {
    code: 'INSTANCE_TYPE_NOT_SUPPORTED_BY_VPC_RESOURCE_CONTROLLER',
    // The type as the event names it, quoted or not ('c7i-flex.large', "c7i-flex.large", c7i-flex.large),
    // and in the escaped quotes of a JSON log line or `kubectl get events -o json` (\"c7i-flex.large\").
    pattern: /The instance type \\?['"]?([^\s'"\\]+)\\?['"]? is not supported yet by the vpc resource controller/i,
    cause:
      'The VPC Resource Controller in the EKS control plane has no limits row for the type, so it advertises no Windows pod IPs on the node.',
    checks: [
      'kubectl get events -A --field-selector reason=Unsupported: the node and type named.',
      'Look the type up in nodeCapacity (os WINDOWS): it says which limits table knows it.',
    ],
    fix: {
      text: 'Use a type the controller knows for the Windows node group, or wait until AWS rolls the newer controller out to your cluster.',
      templateId: null,
    },
    source: DIAGNOSIS_SOURCES.VPCRC_NODE,
    explain: (context, match) => {
      const name = match[1].replace(/['",.]+$/, '');
      const facts = context.catalog.get(name);
      if (!facts) return { details: [`${name} is not in the instance catalog.`] };
      const capacity = windowsCapacityOf(context, facts);
      return { details: capacity ? capacityLines(capacity) : [] };
    },
  },
  {
    // Karpenter's scheduling failure, as its log line or the pod's FailedScheduling event prints it,
    // naming the Windows pod IP resource among the resources no instance type had.
    code: 'KARPENTER_NO_TYPE_WITH_WINDOWS_POD_IPS',
    pattern:
      /no instance type (?:satisfied resources|\b.{0,120}?enough resources)(?=.*vpc\.amazonaws\.com\/PrivateIPv4Address)|vpc\.amazonaws\.com\/PrivateIPv4Address.*no instance type (?:satisfied resources|\b.{0,120}?enough resources)/i,
    cause:
      'Karpenter found no instance type in the NodePool with enough vpc.amazonaws.com/PrivateIPv4Address for the Windows pod: it takes that figure from its own limits table, I - 1 per type whatever the IP mode (prefix delegation is not modelled), and gives 0 to a type its table does not have, so it never launches such a type for Windows pods.',
    checks: [
      "The resources in the message: the vpc.amazonaws.com/PrivateIPv4Address asked for (the pod's and the Windows DaemonSets') against I - 1 of the NodePool's types.",
      "karpenterWindowsPlan with the NodePool's types: each type's Karpenter PrivateIPv4Address (0 when Karpenter's limits table lacks it) and warning KARPENTER_TYPE_NOT_IN_ITS_LIMITS_TABLE.",
      'The NodePool selects Windows: requirement kubernetes.io/os In [windows] and an EC2NodeClass with amiSelectorTerms alias windows2019/2022/2025@latest.',
    ],
    fix: {
      text: "Allow types Karpenter's limits table has, with I - 1 at least the IPs asked for (karpenterWindowsPlan says which; the template renders the NodePool); upgrade Karpenter for types newer than its table. With prefix delegation on, Karpenter still plans I - 1 pods a node: size by that, or keep this NodePool in secondary-IP mode.",
      templateId: 'karpenter-windows-nodepool',
    },
    source: `${DIAGNOSIS_SOURCES.KARPENTER_SCHEDULING}; ${KARPENTER_SOURCE.TYPES}; ${SOURCE.KARPENTER_VPC_LIMITS}; ${KARPENTER_SOURCE.LIMITS_TABLE_MISSING}; ${KARPENTER_SOURCE.PREFIX_DELEGATION}`,
    explain: (context, match) => {
      const { details } = karpenterWindowsIpLines(context, match.input);
      return { details };
    },
  },
  {
    // Karpenter's requirement mismatch on the OS label: the pod's requirement first, the NodePool's after.
    code: 'KARPENTER_NODEPOOL_NOT_WINDOWS',
    pattern:
      /key kubernetes\.io\/os, kubernetes\.io\/os In \[windows\] not in kubernetes\.io\/os (In \[[^\]]*\]|NotIn \[[^\]]*\]|DoesNotExist)/i,
    cause:
      'The Windows pod requires kubernetes.io/os windows, but the NodePool Karpenter tried does not allow it: no NodePool launches Windows nodes for this pod.',
    checks: [
      'kubectl get nodepools -o yaml: a NodePool with requirement kubernetes.io/os In [windows], and the pod able to use it (its taints, weight, limits).',
      "That NodePool's EC2NodeClass: amiSelectorTerms alias windows2019@latest, windows2022@latest or windows2025@latest.",
    ],
    fix: {
      text: "Add a Windows NodePool (requirement kubernetes.io/os In [windows]) whose EC2NodeClass selects the Windows AMI of the pods' Windows Server version (amiSelectorTerms alias windows2022@latest, ...).",
      templateId: 'karpenter-windows-nodepool',
    },
    source: `${DIAGNOSIS_SOURCES.KARPENTER_REQUIREMENTS}; ${SOURCE.KARPENTER_WINDOWS_EXAMPLE}`,
    explain: (_context, match) => ({ details: [`the NodePool allows kubernetes.io/os ${match[1]}`] }),
  },
  {
    code: 'IP_COOLDOWN',
    pattern: /cannot assign resource now, resources are being cooled down/i,
    cause:
      'Every Windows IP of the node is either in use or cooling down: a released IP waits 30 s before the controller hands it out again, so churning pods (Jobs, CI runners) run the node dry.',
    checks: [
      'How many pods on the node were replaced in the last 30 s (kubectl get events --field-selector involvedObject.kind=Pod).',
      "The node's vpc.amazonaws.com/PrivateIPv4Address against the pods it runs.",
    ],
    fix: {
      text: 'Keep pods per node at or below W - IPs released per 30 s (lower kubelet --max-pods or spread the churn over more nodes), or turn on prefix delegation for more IPs per node.',
      templateId: IPAM_TEMPLATE,
    },
    source: `${DIAGNOSIS_SOURCES.VPCRC_POOL}; ${DIAGNOSIS_SOURCES.VPCRC_COOLDOWN}`,
    explain: (context) => {
      const capacity = windowsCapacityOf(context);
      if (!capacity) return { details: unknownTypeLine(context) };
      return {
        details: [
          ...capacityLines(capacity),
          `churn headroom: pods per node <= W - IPs released per 30 s = ${capacity.ipLimitedPods} - released per 30 s`,
        ],
      };
    },
  },
  {
    code: 'INSUFFICIENT_CIDR_BLOCKS',
    pattern: /InsufficientCidrBlocks|does not have enough free cidr blocks/i,
    cause:
      'EC2 found no free aligned /28 block in the subnet for a prefix: scattered /32s (primary and secondary IPs) spoil blocks. The controller does not fall back to secondary IPs; it waits for you to change the subnet.',
    checks: [
      'aws ec2 describe-network-interfaces --filters Name=subnet-id,Values=<subnet> and aws ec2 get-subnet-cidr-reservations --subnet-id <subnet>: paste both into subnetPrefixAvailability to see the free, used and spoiled /28 blocks.',
      'Which node group shares the subnet with secondary-IP nodes or other ENIs.',
    ],
    fix: {
      text: 'Reserve a free aligned range for prefixes (aws ec2 create-subnet-cidr-reservation --reservation-type prefix), or move the Windows nodes to a dedicated subnet with a prefix reservation.',
      templateId: null,
    },
    source: `${DIAGNOSIS_SOURCES.VPCRC_POOL}; ${DIAGNOSIS_SOURCES.VPCRC_ERRORS}; ${DIAGNOSIS_SOURCES.BPG_PREFIX}`,
    explain: (context) => {
      const capacity = windowsCapacityOf(context);
      if (!capacity || capacity.effectiveIpMode !== 'PREFIX_DELEGATION') return { details: [] };
      const pool = poolOfNode(capacity, capacity.maxPods);
      return {
        details: [
          `each ${capacity.instanceType} node needs one /32 and, with the default warm pool, ${pool.prefixes} free /28 blocks at ${capacity.maxPods} pods: ${pool.formula.find((f) => f.startsWith('prefixes ='))}`,
        ],
      };
    },
  },
  {
    code: 'POD_MISSING_PRIVATE_IPV4_LABEL',
    pattern: /pod does not have label vpc\.amazonaws\.com\/PrivateIPv4Address/i,
    cause:
      'Windows support is not enabled: the VPC Resource Controller did not annotate the pod with its IP, so the Windows CNI cannot set it up.',
    checks: [
      'kubectl -n kube-system get configmap amazon-vpc-cni -o yaml: enable-windows-ipam must be "true".',
      "The pod has nodeSelector kubernetes.io/os: windows (so the controller's webhook handles it).",
    ],
    fix: { text: 'Set enable-windows-ipam: "true" in kube-system/amazon-vpc-cni and recreate the pods.', templateId: IPAM_TEMPLATE },
    source: `${DIAGNOSIS_SOURCES.ROADMAP_463}; ${DIAGNOSIS_SOURCES.KARPENTER_TROUBLESHOOTING}`,
    explain: (context) => {
      if (!context.configMap) return { details: [] };
      if (!context.configMap.windowsIpam) {
        return {
          details: [],
          cause: `Windows support is not enabled: the ConfigMap has enable-windows-ipam: "${context.configMap.data['enable-windows-ipam'] ?? '(missing)'}".`,
        };
      }
      return {
        details: [],
        cause: `${IPAM_ON}, yet the VPC Resource Controller did not annotate the pod: pods created before IPAM was turned on keep failing, and its webhook handles only pods with nodeSelector kubernetes.io/os: windows.`,
        fix: { text: 'Give the pods nodeSelector kubernetes.io/os: windows and recreate them.', templateId: null },
      };
    },
  },
  {
    code: 'HNS_LOAD_BALANCER_PORT_EXHAUSTION',
    pattern:
      /hcnCreateLoadBalancer failed in Win32: The specified port already exists|Policy creation failed.*port already exists|0x803b0013/i,
    cause:
      'More than about 100 Services on the Windows node without Direct Server Return exhaust the ports HNS load-balancer policies need.',
    checks: [
      'kubectl get services -A --no-headers | wc -l: every Windows node programs every Service.',
      'Get-HnsPolicyList on the node (the log collector gathers it): ELB policies with IsDSR False.',
    ],
    fix: {
      text: 'Turn on DSR in kube-proxy through -KubeProxyExtraArgs (userdata), then replace the nodes.',
      templateId: 'windows-userdata-bootstrap-dsr',
    },
    source: DIAGNOSIS_SOURCES.BPG_WINDOWS_NETWORKING,
    explain: (context) => {
      const details = dsrFlagLines(context);
      if (context.servicesPerNode !== null) {
        const warnings = checkWindowsServices({
          servicesPerNode: context.servicesPerNode,
          ...(context.kubernetesVersion ? { kubernetesVersion: context.kubernetesVersion } : {}),
        });
        details.push(
          warnings.length > 0
            ? `${context.servicesPerNode} Services per node > 100.`
            : `${context.servicesPerNode} Services per node is within 100: check the Service ports (one ELB policy each).`,
        );
      }
      return { details };
    },
  },
  {
    // A Linux pod with hostNetwork (aws-node, kube-proxy, a log or metrics agent) on a Windows node:
    // its sandbox asks for the "host" network, which a Windows node has only for HostProcess pods.
    code: 'LINUX_HOST_NETWORK_POD_ON_WINDOWS_NODE',
    pattern: /network host not found/i,
    cause:
      'A Linux pod with hostNetwork (usually a DaemonSet such as aws-node or kube-proxy without a kubernetes.io/os: linux nodeSelector) was scheduled onto a Windows node: Windows nodes give host networking only to HostProcess pods, so its sandbox fails with "network host not found".',
    checks: [
      'kubectl get pods -A -o wide --field-selector spec.nodeName=<windows node>: the pods that are not Windows pods.',
      "kubectl get daemonsets -A -o custom-columns=NS:.metadata.namespace,NAME:.metadata.name,SELECTOR:.spec.template.spec.nodeSelector: each Linux DaemonSet's nodeSelector.",
    ],
    fix: {
      text: 'Give every Linux workload, DaemonSets first, nodeSelector kubernetes.io/os: linux (kubectl -n <ns> patch daemonset <name> -p \'{"spec":{"template":{"spec":{"nodeSelector":{"kubernetes.io/os":"linux"}}}}}\'), or taint the Windows nodes (os=windows:NoSchedule) and tolerate it only in Windows pods.',
      templateId: null,
    },
    source: `${DIAGNOSIS_SOURCES.UG_WINDOWS_SUPPORT} (host networking on Windows nodes only with HostProcess pods; Linux-only system pods need Linux nodes)`,
  },
  {
    code: 'IMAGE_OS_BUILD_MISMATCH',
    pattern: /no match for platform in manifest/i,
    cause:
      "The container image has no variant for the node's platform: a Windows image must match the host's OS build, and a Linux-only image (a pod without nodeSelector kubernetes.io/os: linux) cannot run on a Windows node.",
    checks: [
      'kubectl get pod <pod> -o wide and kubectl get node <node> -L kubernetes.io/os: a Linux image on a Windows node (or the reverse) needs a nodeSelector, not another build.',
      'kubectl get node <node> -o jsonpath={.metadata.labels.node\\.kubernetes\\.io/windows-build}',
      'docker manifest inspect <image> (or crane manifest): the os.version of each Windows variant.',
    ],
    fix: {
      text: "Build or pick the image for the node's Windows Server version (ltsc2019 10.0.17763, ltsc2022 10.0.20348, 2025 10.0.26100), and select nodes by node.kubernetes.io/windows-build.",
      templateId: null,
    },
    source: `${DIAGNOSIS_SOURCES.KARPENTER_TROUBLESHOOTING}; ${DIAGNOSIS_SOURCES.KARPENTER_LABELS}`,
    explain: (context) => {
      if (!context.windowsServerVersion) return { details: [] };
      const f = WINDOWS_SERVER_FACTS[context.windowsServerVersion];
      return {
        details: [`Windows Server ${f.year} nodes run OS build ${f.osBuild}: the image needs a variant with os.version ${f.osBuild}.*`],
      };
    },
  },
  {
    // Docker (the EKS Windows AMIs before containerd, and Linux nodes on Docker) refuses an image of the
    // other OS at pull: the pod landed on the wrong OS's node.
    code: 'IMAGE_OS_NOT_NODE_OS',
    pattern: /image operating system \\?"(linux|windows)\\?" cannot be used on this platform/i,
    cause: "The image is built for another OS than the node's: the pod has no nodeSelector kubernetes.io/os for its image's OS.",
    checks: [
      'kubectl get pod <pod> -o wide and kubectl get node <node> -L kubernetes.io/os: the OS of the node it landed on.',
      "The pod spec's nodeSelector (kubernetes.io/os) and the image's OS (docker manifest inspect <image>).",
    ],
    fix: {
      text: 'Give the pod nodeSelector kubernetes.io/os matching its image (windows for Windows images, linux for the rest), and taint the Windows nodes so pods without it stay off them.',
      templateId: null,
    },
    source: `${DIAGNOSIS_SOURCES.MOBY_IMAGE_OS}; ${DIAGNOSIS_SOURCES.UG_WINDOWS_SUPPORT}`,
    explain: (_context, match) =>
      match[1].toLowerCase() === 'linux'
        ? {
            details: [],
            cause:
              'A Linux image was pulled on a Windows node: the pod (often a Linux DaemonSet or a Deployment without nodeSelector) has no nodeSelector kubernetes.io/os: linux.',
          }
        : {
            details: [],
            cause:
              'A Windows image was pulled on a Linux node: the Windows pod has no nodeSelector kubernetes.io/os: windows (which also keeps the VPC Resource Controller from giving it a Windows IP).',
          },
  },
  {
    code: 'WINDOWS_POD_DNS_FAILURE',
    windowsOnly: true,
    pattern:
      /DNS request timed out|No such host is known|The remote name could not be resolved|Could not resolve host|DNS name does not exist|This operation returned because the timeout period expired|could not find host|dial udp [\d.]+:53: i\/o timeout|on [\d.]+:53: (?:read udp|dial udp)|Non-existent domain/i,
    cause:
      'DNS fails on Windows pods: most often the node role lacks the eks:kube-proxy-windows group in aws-auth (or its access entry), so kube-proxy on the node cannot program Services; or the node uses another Service CIDR than the cluster.',
    checks: [
      'kubectl -n kube-system get configmap aws-auth -o yaml: the Windows node role lists groups system:bootstrappers, system:nodes and eks:kube-proxy-windows (or the access entry is of type EC2_WINDOWS).',
      "The node's vpc-bridge.conf serviceCIDR against the cluster's serviceIpv4Cidr (aws eks describe-cluster).",
      'At least one Linux node runs CoreDNS (kubectl -n kube-system get pods -l k8s-app=kube-dns -o wide).',
    ],
    fix: {
      text: "Add eks:kube-proxy-windows to the Windows node role's groups in aws-auth (or use an EC2_WINDOWS access entry); pass -ServiceCIDR and -DNSClusterIP when the node's default differs.",
      templateId: null,
    },
    source: `${DIAGNOSIS_SOURCES.KARPENTER_TROUBLESHOOTING}; ${DIAGNOSIS_SOURCES.UG_WINDOWS_SUPPORT}`,
  },
];
