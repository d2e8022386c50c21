import { kubernetesYaml } from '../../common/kubernetes-yaml.js';
import { stringEnum, type EnumValue } from '../../common/core/string-enum.js';
import type { InstanceTypeFacts } from '../../catalog/core/instance-type.facts.js';
import { DomainError, ErrorCode } from '../../common/domain-error.js';
import { isJsonObject, parsePastedJson, parsePastedYamlDocuments, shapeError, type JsonObject } from '../../common/pasted-document.js';
import {
  checkWindowsServices,
  computeNodeCapacity,
  dsrKubeProxyFlags,
  parseKubernetesMinor,
  WINDOWS_SERVER_FACTS,
  WINDOWS_SERVER_VERSIONS,
  WINDOWS_SERVICES_PER_NODE_LIMIT,
  type NodeCapacity,
  type WindowsServerVersion,
} from '../../capacity/core/index.js';
import { checkPolicyForWindows } from '../../policies/core/index.js';
import { SOURCE } from '../../common/core/sources.js';
import { readVpcCniConfigMap, VPCRC_CONFIGMAP_SOURCE, type VpcCniConfigMap } from '../../diagnosis/core/vpc-cni-configmap.js';

/**
 * Audits a cluster from what kubectl prints: `kubectl get nodes -o json`, the amazon-vpc-cni
 * ConfigMap, `kubectl get networkpolicies -A -o yaml` and the Calico policies, and a Services count.
 * Each finding has a code and names the node group, node, policy or ConfigMap it is about; the
 * figures come from the capacity engine and the Windows policy check. Pure; nothing is kept.
 */

export const CLUSTER_AUDIT_LIMITS = {
  documentBytes: 1024 * 1024,
  /** Items of kind Node audited. */
  nodes: 2_000,
  /** Items of any kind read from nodesJson (a `kubectl get nodes,pods -A -o json` lists Pods too; they are left out). */
  items: 20_000,
  policies: 500,
  policyDocuments: 50,
  services: 1_000_000,
  nodesListedPerFinding: 20,
} as const;

export const AUDIT_SOURCES = {
  VPCRC_LIMITS: 'aws/amazon-vpc-resource-controller-k8s pkg/aws/vpc/limits.go',
  VPCRC_NODE: 'aws/amazon-vpc-resource-controller-k8s pkg/node/node.go',
  BPG_PREFIX: 'aws/aws-eks-best-practices latest/bpg/networking/prefix-mode_windows.adoc',
  BPG_WINDOWS_NETWORKING: 'aws/aws-eks-best-practices latest/bpg/windows/networking.adoc',
  UG_WINDOWS_SUPPORT: 'awsdocs/amazon-eks-user-guide windows-support',
  UG_WINDOWS_AMI: 'awsdocs/amazon-eks-user-guide eks-optimized-windows-ami',
  TIGERA_WINDOWS_REQ: 'tigera/docs windows-calico/requirements; projectcalico/calico#11691',
  HNS_2025_DEFAULT_DENY: 'microsoft/Windows-Containers#616',
  FELIX_WINDOWS: 'projectcalico/calico felix/dataplane/windows/policysets/policysets.go',
  KARPENTER_LABELS: 'aws/karpenter-provider-aws pkg/apis/v1/labels.go',
  K8S_NODE: 'kubernetes/api core/v1 types.go (Node)',
  VPCRC_WINDOWS_NODE_WORKFLOW:
    'aws/amazon-vpc-resource-controller-k8s docs/windows/secondary_ip_mode_workflow.md (a new Windows node: warm pool first, then the vpc.amazonaws.com/PrivateIPv4Address capacity)',
  VPCRC_PREFIX_PROVIDER:
    'aws/amazon-vpc-resource-controller-k8s pkg/provider/prefix/provider.go (a node in prefix delegation advertises (I - 1) * 16, AdvertiseCapacityIfNotSet)',
  VPCRC_IP_PROVIDER:
    'aws/amazon-vpc-resource-controller-k8s pkg/provider/ip/provider.go (a node in secondary-IP mode advertises I - 1, AdvertiseCapacityIfNotSet)',
} as const;

export const AuditSeverity = stringEnum('ERROR', 'WARNING', 'INFO');
export type AuditSeverity = EnumValue<typeof AuditSeverity>;
export const AuditSubjectKind = stringEnum('CLUSTER', 'NODE_GROUP', 'NODE', 'POLICY', 'CONFIG_MAP');
export type AuditSubjectKind = EnumValue<typeof AuditSubjectKind>;
/** Operating system of a node or node group: UNKNOWN when its nodes differ or say none. */
export const AuditNodeOs = stringEnum('WINDOWS', 'LINUX', 'UNKNOWN');
export type AuditNodeOs = EnumValue<typeof AuditNodeOs>;

export interface AuditFinding {
  code: string;
  severity: AuditSeverity;
  subjectKind: AuditSubjectKind;
  /** The node group, node, `namespace/name` of a policy, or `kube-system/amazon-vpc-cni`. */
  subject: string;
  /** The nodes concerned (at most 20 listed; nodeCount has them all). */
  nodes: string[];
  nodeCount: number;
  message: string;
  /** Formulas and figures with values put in. */
  details: string[];
  fix: { text: string; templateId: string | null };
  source: string;
  /** For a policy rule: where in the policy (e.g. `spec.egress[0].to[0].ipBlock.except`). */
  path: string | null;
}

export interface AuditNodeGroup {
  name: string;
  os: AuditNodeOs;
  instanceTypes: string[];
  nodes: number;
}

export interface ClusterAudit {
  nodes: number;
  windowsNodes: number;
  linuxNodes: number;
  nodeGroups: AuditNodeGroup[];
  policiesChecked: number;
  servicesCount: number | null;
  findings: AuditFinding[];
}

export interface ClusterAuditInput {
  nodesJson: string;
  vpcCniConfigMap?: string;
  networkPolicies?: string;
  calicoPolicies?: string;
  servicesCount?: number;
  /** kube-proxy on the Windows nodes runs with --enable-dsr=true. */
  dsrEnabled?: boolean;
  kubernetesVersion?: string;
}

/** The catalog's types by name, for the types the nodes' labels name (resolved by the caller). */
export type ClusterAuditCatalog = ReadonlyMap<string, InstanceTypeFacts>;

/** Who starts the node's Start-EKSBootstrap.ps1, known from the label that named its group: it decides how DSR is turned on. */
type Provisioner = 'MANAGED' | 'EKSCTL' | 'KARPENTER' | 'SELF_MANAGED';

interface AuditedNode {
  name: string;
  group: string;
  provisioner: Provisioner;
  os: AuditNodeOs;
  instanceType: string | null;
  windowsBuild: string | null;
  /** The Kubernetes minor kube-proxy runs on the node (nodeInfo.kubeProxyVersion, else kubeletVersion): 32 for v1.32.5-eks-1a2b3c4. */
  kubeProxyMinor: number | null;
  pods: number | null;
  privateIpv4: number | null;
  /**
   * status of the node's Ready condition (status.conditions): "True", "False", "Unknown", "absent" when the
   * conditions list has no Ready entry, null when the node has no status.conditions at all.
   */
  ready: string | null;
}

const GROUP_LABELS: ReadonlyArray<readonly [string, Provisioner]> = [
  ['eks.amazonaws.com/nodegroup', 'MANAGED'],
  ['alpha.eksctl.io/nodegroup-name', 'EKSCTL'],
  ['karpenter.sh/nodepool', 'KARPENTER'],
  ['karpenter.sh/provisioner-name', 'KARPENTER'],
];

function quantity(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d{1,9}$/.test(value.trim())) return Number(value.trim());
  return null;
}

/** "Windows Server 2025 Datacenter" -> the 2025 OS build (aws/karpenter-provider-aws pkg/apis/v1/labels.go). */
function buildFromOsImage(osImage: string): string | null {
  const version = WINDOWS_SERVER_VERSIONS.find((v) => osImage.includes(`Windows Server ${WINDOWS_SERVER_FACTS[v].year}`));
  return version ? WINDOWS_SERVER_FACTS[version].osBuild : null;
}

/**
 * "v1.32.5-eks-1a2b3c4" -> 32. The node reports its versions in status.nodeInfo (kubernetes/api core/v1 types.go,
 * NodeSystemInfo). kubeProxyVersion is deprecated and was only ever the kubelet's own version (kubernetes/enhancements
 * KEP-4004), and on EKS Windows nodes kube-proxy comes with the kubelet in the AMI, so the kubelet's version stands in for it.
 */
function kubernetesMinorOf(version: unknown): number | null {
  const m = typeof version === 'string' ? /^v?1\.(\d{1,2})(\.|$)/.exec(version.trim()) : null;
  return m ? Number(m[1]) : null;
}

/** What nodesJson held: its Nodes, and the items of other kinds left out (a `kubectl get nodes,pods -o json`). */
interface PastedNodes {
  nodes: AuditedNode[];
  /** Items whose `kind` is present and is not Node, as `items[i] Kind namespace/name`. */
  skipped: string[];
  /** Their kinds, with how many of each. */
  skippedKinds: Map<string, number>;
  /** One Node was pasted (`kubectl get node NAME -o json`), not the List of the cluster's nodes. */
  singleNode: boolean;
}

function readNodes(text: string): PastedNodes {
  const field = 'nodesJson';
  const doc = parsePastedJson(text, field, CLUSTER_AUDIT_LIMITS.documentBytes);
  const items = isJsonObject(doc) && Array.isArray(doc.items) ? doc.items : isJsonObject(doc) && doc.kind === 'Node' ? [doc] : null;
  if (!items) throw shapeError(field, 'items', 'expected `kubectl get nodes -o json` output (a List with items)');
  // The API server's own lists (a PodList) leave the kind out of their items: the list's kind says what they are.
  if (isJsonObject(doc) && typeof doc.kind === 'string' && /.List$/.test(doc.kind) && doc.kind !== 'NodeList')
    throw shapeError(field, 'kind', `a ${doc.kind}, not Nodes: expected \`kubectl get nodes -o json\` output`);
  // Bounded twice: every item is looked at (so all items count), but only the Nodes are audited (so the node limit
  // counts those alone: 300 nodes listed with their 2,000 Pods are 300 nodes).
  if (items.length > CLUSTER_AUDIT_LIMITS.items)
    throw shapeError(
      field,
      'items',
      `${items.length} items; at most ${CLUSTER_AUDIT_LIMITS.items} are read (Nodes and items of other kinds)`,
    );
  const nodeItems = items.filter((item) => !isJsonObject(item) || item.kind === undefined || item.kind === 'Node').length;
  if (nodeItems > CLUSTER_AUDIT_LIMITS.nodes)
    throw shapeError(field, 'items', `${nodeItems} nodes; at most ${CLUSTER_AUDIT_LIMITS.nodes} are audited`);
  const nodes: AuditedNode[] = [];
  const skipped: string[] = [];
  const skippedKinds = new Map<string, number>();
  items.forEach((item, i) => {
    const at = `items[${i}]`;
    if (!isJsonObject(item) || !isJsonObject(item.metadata)) throw shapeError(field, `${at}.metadata`, 'expected a Node with metadata');
    const metadata = item.metadata;
    // kubectl prints each item's kind; one that says another kind (a Pod of `kubectl get nodes,pods`) is no node.
    if (item.kind !== undefined && typeof item.kind !== 'string') throw shapeError(field, `${at}.kind`, 'expected the kind name');
    if (item.kind !== undefined && item.kind !== 'Node') {
      skippedKinds.set(item.kind, (skippedKinds.get(item.kind) ?? 0) + 1);
      const name = `${typeof metadata.namespace === 'string' ? `${metadata.namespace}/` : ''}${typeof metadata.name === 'string' ? metadata.name : '(no name)'}`;
      skipped.push(`${at} ${item.kind} ${name}`);
      return;
    }
    if (typeof metadata.name !== 'string') throw shapeError(field, `${at}.metadata.name`, 'expected the node name');
    const labels = (isJsonObject(metadata.labels) ? metadata.labels : {}) as Record<string, unknown>;
    const label = (k: string) => (typeof labels[k] === 'string' ? (labels[k] as string) : null);
    const status = isJsonObject(item.status) ? item.status : {};
    const allocatable = isJsonObject(status.allocatable) ? status.allocatable : {};
    const capacity = isJsonObject(status.capacity) ? status.capacity : {};
    const nodeInfo = isJsonObject(status.nodeInfo) ? status.nodeInfo : {};
    const osLabel =
      label('kubernetes.io/os') ??
      label('beta.kubernetes.io/os') ??
      (typeof nodeInfo.operatingSystem === 'string' ? nodeInfo.operatingSystem : null);
    const resource = (key: string) => quantity(allocatable[key] ?? capacity[key]);
    const groupLabel = GROUP_LABELS.find(([key]) => label(key) !== null);
    nodes.push({
      name: metadata.name,
      group: groupLabel ? (label(groupLabel[0]) as string) : '(no node group label)',
      provisioner: groupLabel ? groupLabel[1] : 'SELF_MANAGED',
      os: osLabel === 'windows' ? 'WINDOWS' : osLabel === 'linux' ? 'LINUX' : 'UNKNOWN',
      instanceType: label('node.kubernetes.io/instance-type') ?? label('beta.kubernetes.io/instance-type'),
      // The label Karpenter and the EKS AMIs set; else the build from the kernel version or the OS image name.
      windowsBuild:
        label('node.kubernetes.io/windows-build') ??
        (typeof nodeInfo.kernelVersion === 'string' && /^10\.0\.\d{5}/.test(nodeInfo.kernelVersion) && osLabel === 'windows'
          ? nodeInfo.kernelVersion
          : null) ??
        (typeof nodeInfo.osImage === 'string' ? buildFromOsImage(nodeInfo.osImage) : null),
      kubeProxyMinor: kubernetesMinorOf(nodeInfo.kubeProxyVersion) ?? kubernetesMinorOf(nodeInfo.kubeletVersion),
      pods: resource('pods'),
      privateIpv4: resource('vpc.amazonaws.com/PrivateIPv4Address'),
      ready: readyStatus(status.conditions),
    });
  });
  if (nodes.length === 0 && skipped.length > 0) {
    throw shapeError(
      field,
      'items',
      `no Node among the ${items.length} item${items.length === 1 ? '' : 's'} (${kindCounts(skippedKinds)}): expected \`kubectl get nodes -o json\` output`,
    );
  }
  return { nodes, skipped, skippedKinds, singleNode: !Array.isArray((doc as JsonObject).items) };
}

/** The status of a node's Ready condition (K8S_NODE: NodeCondition type Ready, status True/False/Unknown). */
function readyStatus(conditions: unknown): string | null {
  if (!Array.isArray(conditions)) return null;
  const ready = conditions.find((c) => isJsonObject(c) && c.type === 'Ready') as JsonObject | undefined;
  if (!ready) return 'absent';
  return typeof ready.status === 'string' ? ready.status : 'Unknown';
}

/** "Pod: 3, Service: 1". */
function kindCounts(kinds: ReadonlyMap<string, number>): string {
  return [...kinds].map(([kind, count]) => `${kind}: ${count}`).join(', ');
}

interface PolicyItem {
  name: string;
  /** Where the policy is in the pasted text: `$` (the only document), `documents[2]`, `items[3]`, `documents[1].items[0]`. */
  at: string;
  manifest: string;
}

function readPolicies(text: string | undefined, field: string): PolicyItem[] {
  if (text === undefined || text.trim() === '') return [];
  const docs = parsePastedYamlDocuments(text, field, CLUSTER_AUDIT_LIMITS.documentBytes, CLUSTER_AUDIT_LIMITS.policyDocuments);
  const items: Array<{ value: unknown; at: string }> = [];
  docs.forEach((doc, d) => {
    const prefix = docs.length > 1 ? `documents[${d}].` : '';
    if (isJsonObject(doc) && Array.isArray(doc.items)) doc.items.forEach((value, i) => items.push({ value, at: `${prefix}items[${i}]` }));
    else items.push({ value: doc, at: prefix ? `documents[${d}]` : '$' });
  });
  if (items.length > CLUSTER_AUDIT_LIMITS.policies)
    throw shapeError(field, 'items', `${items.length} policies; at most ${CLUSTER_AUDIT_LIMITS.policies} are checked`);
  return items.map(({ value, at }) => {
    if (!isJsonObject(value)) throw shapeError(field, at, 'expected a policy object');
    const metadata = (isJsonObject(value.metadata) ? value.metadata : {}) as JsonObject;
    const name = `${typeof metadata.namespace === 'string' ? `${metadata.namespace}/` : ''}${String(metadata.name ?? at)}`;
    const trimmed = {
      apiVersion: value.apiVersion,
      kind: value.kind,
      metadata: { name: metadata.name, namespace: metadata.namespace },
      spec: value.spec,
    };
    return { name, at, manifest: kubernetesYaml(trimmed) };
  });
}

function list(nodes: AuditedNode[]): { nodes: string[]; nodeCount: number } {
  return { nodes: nodes.slice(0, CLUSTER_AUDIT_LIMITS.nodesListedPerFinding).map((n) => n.name), nodeCount: nodes.length };
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const bucket = out.get(k);
    if (bucket) bucket.push(item);
    else out.set(k, [item]);
  }
  return out;
}

function windowsVersionOfBuild(build: string | null): WindowsServerVersion | null {
  if (!build) return null;
  return WINDOWS_SERVER_VERSIONS.find((v) => build.startsWith(WINDOWS_SERVER_FACTS[v].osBuild)) ?? null;
}

function auditWindowsGroup(
  group: string,
  instanceType: string | null,
  nodes: AuditedNode[],
  configMap: VpcCniConfigMap | null,
  catalog: ClusterAuditCatalog,
  findings: AuditFinding[],
): void {
  const base = { subjectKind: 'NODE_GROUP' as const, subject: group, path: null };
  if (!instanceType) return;
  const facts = catalog.get(instanceType);
  if (!facts) {
    findings.push({
      ...base,
      ...list(nodes),
      code: 'WINDOWS_TYPE_UNKNOWN',
      severity: 'WARNING',
      message: `${instanceType} is not in the instance catalog, so its Windows capacity cannot be checked.`,
      details: [],
      fix: { text: 'Check the node.kubernetes.io/instance-type label, or refresh the catalog.', templateId: null },
      source: AUDIT_SOURCES.VPCRC_LIMITS,
    });
    return;
  }
  const requested = configMap?.prefixDelegation ? 'PREFIX_DELEGATION' : 'SECONDARY_IP';
  const capacity: NodeCapacity = computeNodeCapacity({ instanceType: facts, os: 'WINDOWS', ipMode: requested });
  const formula = `${instanceType}: ${capacity.formula.join('; ')}`;
  if (capacity.limitedBy === 'UNSUPPORTED' || capacity.maxPods === 0) {
    findings.push({
      ...base,
      ...list(nodes),
      code: 'WINDOWS_TYPE_UNSUPPORTED',
      severity: 'ERROR',
      message: `${instanceType} cannot be a Windows node that runs pods: ${capacity.warnings
        .filter((w) => w.code.startsWith('WINDOWS_'))
        .map((w) => w.message)
        .join(' ')}`,
      details: [formula],
      fix: {
        text: 'Replace the node group with an x86_64 type the VPC Resource Controller knows (nodeCapacity, os WINDOWS, says which).',
        templateId: null,
      },
      source: capacity.warnings.map((w) => w.source).join('; ') || AUDIT_SOURCES.VPCRC_LIMITS,
    });
    return;
  }
  const noAllocatable = capacity.warnings.find((w) => w.code === 'NO_ALLOCATABLE_RESOURCES');
  if (noAllocatable) {
    // The IPs and the kubelet allow pods, but the Windows reservations take all of the node's memory (or CPU): whatever it
    // advertises, no pod is ever placed on it, and an idle node of it gives no other sign.
    findings.push({
      ...base,
      ...list(nodes),
      code: 'WINDOWS_NODE_NO_POD_CAPACITY',
      severity: 'ERROR',
      message:
        `${instanceType} Windows nodes can never run a pod: ${capacity.allocatable.memoryMiB === 0 ? 'memory' : 'CPU'} left for pods is 0 once ` +
        'the reservations a Windows node needs are taken (at least 2 GiB for the OS and its processes: kube-reserved 0.5Gi, ' +
        'system-reserved 1.5Gi, eviction 200Mi).',
      details: [formula, ...capacity.allocatable.formula.map((step) => `${instanceType}: ${step}`)],
      fix: {
        text: `Replace the node group with a larger x86_64 type (memory well above 2 GiB, e.g. t3.medium rather than ${instanceType}); nodeCapacity, os WINDOWS, shows allocatable memory per type.`,
        templateId: null,
      },
      source: noAllocatable.source,
    });
    return;
  }
  if (requested === 'PREFIX_DELEGATION' && capacity.effectiveIpMode !== 'PREFIX_DELEGATION') {
    const fallback = capacity.warnings.find((w) => w.code === 'WINDOWS_PREFIX_DELEGATION_FALLBACK');
    findings.push({
      ...base,
      ...list(nodes),
      code: 'PREFIX_DELEGATION_SILENT_FALLBACK',
      severity: 'WARNING',
      message: `enable-windows-prefix-delegation is "true", but ${fallback?.message ?? `${instanceType} is not Nitro: the controller stays in secondary-IP mode.`}`,
      details: [formula],
      fix: {
        text: 'Move the Windows nodes to a Nitro type to get prefixes, or plan for secondary-IP capacity on these nodes.',
        templateId: null,
      },
      source: fallback ? fallback.source : AUDIT_SOURCES.BPG_PREFIX,
    });
  }
  if (configMap && requested === 'PREFIX_DELEGATION') {
    // A node still advertising I - 1 is flagged by WINDOWS_NODE_FEWER_IPS, whose fix says why.
    auditAdvertisedCapacity(group, instanceType, nodes, capacity, [], findings);
    return;
  }
  // No ConfigMap, or one with prefix delegation off: each node shows the mode it is in. The
  // controller advertises (I - 1) * 16 in prefix delegation and I - 1 in secondary-IP mode, and sets a node's
  // figure once (AdvertiseCapacityIfNotSet): a node advertising the prefix figure, where the two differ, is in
  // prefix delegation; every other node is taken as in secondary-IP mode, the default.
  const prefix = computeNodeCapacity({ instanceType: facts, os: 'WINDOWS', ipMode: 'PREFIX_DELEGATION' });
  const pd = prefix.ipLimitedPods;
  const provesPrefix = prefix.effectiveIpMode === 'PREFIX_DELEGATION' && pd !== capacity.ipLimitedPods;
  const inPrefixMode = nodes.filter((n) => provesPrefix && n.privateIpv4 === pd);
  const others = nodes.filter((n) => !inPrefixMode.includes(n));
  const inSecondaryMode = others.filter((n) => n.privateIpv4 === capacity.ipLimitedPods);
  const prefixFormula = `${instanceType}: ${prefix.formula[0]}`;
  if (configMap && inPrefixMode.length > 0) {
    // The ConfigMap has prefix delegation off, yet these nodes advertise its figure: they joined while it was on.
    findings.push({
      ...base,
      ...list(inPrefixMode),
      code: 'WINDOWS_NODE_IP_MODE_NOT_AS_CONFIGURED',
      severity: 'WARNING',
      message:
        `Windows nodes advertise ${pd} vpc.amazonaws.com/PrivateIPv4Address, the prefix-delegation figure of ${instanceType}, though the ConfigMap has ` +
        `prefix delegation off (secondary IP gives ${capacity.ipLimitedPods}): the controller set their figure when they joined and they keep that mode.`,
      details: [prefixFormula, `${instanceType}: ${capacity.formula[0]}`],
      fix: {
        text: 'Replace these nodes (a rolling update) to run them in the mode the ConfigMap asks for, or turn prefix delegation back on.',
        templateId: 'vpc-cni-windows-ipam-configmap',
      },
      source: `${AUDIT_SOURCES.VPCRC_PREFIX_PROVIDER}; ${VPCRC_CONFIGMAP_SOURCE}`,
    });
  }
  if (!configMap && inPrefixMode.length > 0 && inSecondaryMode.length > 0) {
    findings.push({
      ...base,
      ...list([...inPrefixMode, ...inSecondaryMode]),
      code: 'WINDOWS_NODE_GROUP_MIXED_IP_MODES',
      severity: 'WARNING',
      message:
        `Nodes of one group advertise different IP modes: ${inPrefixMode.length} advertise ${pd} vpc.amazonaws.com/PrivateIPv4Address (prefix delegation), ` +
        `${inSecondaryMode.length} advertise ${capacity.ipLimitedPods} (secondary IP), so the same ${instanceType} holds ${pd} or ${capacity.ipLimitedPods} Windows pods. ` +
        "The controller sets a node's figure once, when it joins: nodes that joined before enable-windows-prefix-delegation changed keep the other mode.",
      details: [
        `prefix delegation (${inPrefixMode.length}): ${prefixFormula}`,
        `secondary IP (${inSecondaryMode.length}): ${instanceType}: ${capacity.formula[0]}`,
      ],
      fix: {
        text: 'Paste the amazon-vpc-cni ConfigMap to see which mode is asked for, and replace the nodes in the other mode (a rolling update of the node group).',
        templateId: null,
      },
      source: `${AUDIT_SOURCES.VPCRC_PREFIX_PROVIDER}; ${AUDIT_SOURCES.VPCRC_IP_PROVIDER}`,
    });
  }
  if (inPrefixMode.length > 0) {
    const inferred =
      `IP mode prefix delegation, known from the vpc.amazonaws.com/PrivateIPv4Address the nodes advertise: ${pd} = (I - 1) * 16, ` +
      `where secondary IP gives I - 1 = ${capacity.ipLimitedPods}; ${configMap ? 'the ConfigMap has prefix delegation off' : 'no amazon-vpc-cni ConfigMap was pasted'}. ` +
      `Source: ${AUDIT_SOURCES.VPCRC_PREFIX_PROVIDER}`;
    auditAdvertisedCapacity(group, instanceType, inPrefixMode, prefix, [inferred], findings);
  }
  if (others.length > 0) auditAdvertisedCapacity(group, instanceType, others, capacity, [], findings);
}

/**
 * What the nodes advertise against what their type allows in the IP mode of `capacity`: no IPs, fewer IPs,
 * kubelet --max-pods below or above W. `notes` end each finding's details (how the mode was known).
 */
function auditAdvertisedCapacity(
  group: string,
  instanceType: string,
  nodes: AuditedNode[],
  capacity: NodeCapacity,
  notes: string[],
  findings: AuditFinding[],
): void {
  const base = { subjectKind: 'NODE_GROUP' as const, subject: group, path: null };
  const formula = `${instanceType}: ${capacity.formula.join('; ')}`;
  const w = capacity.ipLimitedPods;
  // Karpenter writes the bootstrap call and its --max-pods: the kubelet's pod limit is set in the EC2NodeClass.
  const karpenter = nodes.length > 0 && nodes.every((n) => n.provisioner === 'KARPENTER');
  const advertisesNone = nodes.filter((n) => n.privateIpv4 === null || n.privateIpv4 === 0);
  // A node whose Ready condition is not True (just joined, or NotReady): the controller sets up its warm pool and
  // then the capacity (VPCRC_WINDOWS_NODE_WORKFLOW), so no figure yet is no sign of a misconfiguration on its own.
  const notReady = advertisesNone.filter((n) => n.ready !== null && n.ready !== 'True');
  const noIps = advertisesNone.filter((n) => !notReady.includes(n));
  const fewerIps = nodes.filter((n) => n.privateIpv4 !== null && n.privateIpv4 > 0 && n.privateIpv4 < w);
  if (noIps.length > 0) {
    findings.push({
      ...base,
      ...list(noIps),
      code: 'WINDOWS_NODE_ADVERTISES_NO_IPS',
      severity: 'ERROR',
      message: `Windows nodes advertise no vpc.amazonaws.com/PrivateIPv4Address although ${instanceType} allows W = ${w}: Windows pods stay Pending with "Insufficient vpc.amazonaws.com/PrivateIPv4Address".`,
      details: [formula, ...notes],
      fix: {
        text: 'Set enable-windows-ipam: "true" in kube-system/amazon-vpc-cni; if it is, the cluster\'s controller may not know the type yet (Unsupported event on the node).',
        templateId: 'vpc-cni-windows-ipam-configmap',
      },
      source: `${AUDIT_SOURCES.VPCRC_NODE}; ${VPCRC_CONFIGMAP_SOURCE}`,
    });
  }
  if (notReady.length > 0) {
    const states = [...new Set(notReady.map((n) => (n.ready === 'absent' ? 'no Ready condition' : `Ready=${n.ready}`)))].join(', ');
    findings.push({
      ...base,
      ...list(notReady),
      code: 'WINDOWS_NODE_NOT_READY_NO_IPS',
      severity: 'WARNING',
      message: `Windows nodes that are not Ready (${states}) advertise no vpc.amazonaws.com/PrivateIPv4Address yet (${instanceType} allows W = ${w}): the VPC Resource Controller sets up a node's warm pool and then advertises the resource, so a node that just joined may not have it yet; Windows pods cannot be scheduled on it until it does.`,
      details: [formula, ...notes],
      fix: {
        text: 'Wait for the nodes to become Ready and audit again; if they stay without the resource once Ready, check enable-windows-ipam: "true" in kube-system/amazon-vpc-cni and the node\'s events.',
        templateId: null,
      },
      source: `${AUDIT_SOURCES.VPCRC_WINDOWS_NODE_WORKFLOW}; ${AUDIT_SOURCES.K8S_NODE}`,
    });
  }
  if (fewerIps.length > 0) {
    findings.push({
      ...base,
      ...list(fewerIps),
      code: 'WINDOWS_NODE_FEWER_IPS',
      severity: 'WARNING',
      message: `Windows nodes advertise ${[...new Set(fewerIps.map((n) => n.privateIpv4))].join(', ')} vpc.amazonaws.com/PrivateIPv4Address, fewer than the ${w} ${instanceType} allows in ${capacity.effectiveIpMode === 'PREFIX_DELEGATION' ? 'prefix-delegation' : 'secondary-IP'} mode.`,
      details: [formula, ...notes],
      fix: {
        text:
          capacity.effectiveIpMode === 'PREFIX_DELEGATION'
            ? "The nodes may still run in secondary-IP mode (prefix delegation turned on after they joined, or the subnet has no free /28s: InsufficientCidrBlocks): replace the nodes and check the subnet's /28 blocks."
            : 'Check that the controller knows the type, and replace nodes that joined before Windows IPAM was enabled.',
        templateId: null,
      },
      source: AUDIT_SOURCES.VPCRC_LIMITS,
    });
  }
  // The controller advertises exactly W of its limits table (AdvertiseCapacityIfNotSet) and never changes it, so a
  // larger figure was not set by this controller from these limits: a hand-patched status, or a table that differs.
  const moreIps = nodes.filter((n) => n.privateIpv4 !== null && n.privateIpv4 > w);
  if (moreIps.length > 0) {
    const mode = capacity.effectiveIpMode === 'PREFIX_DELEGATION' ? 'prefix-delegation' : 'secondary-IP';
    findings.push({
      ...base,
      ...list(moreIps),
      code: 'WINDOWS_NODE_MORE_IPS_THAN_TYPE_ALLOWS',
      severity: 'WARNING',
      message:
        `Windows nodes advertise ${[...new Set(moreIps.map((n) => n.privateIpv4))].join(', ')} vpc.amazonaws.com/PrivateIPv4Address, more than the ${w} ${instanceType} ` +
        `allows in ${mode} mode (the figure the VPC Resource Controller sets when a node joins): the scheduler places up to the advertised figure, ` +
        `and pods beyond the ${w} addresses the controller can assign stay in ContainerCreating without an IP.`,
      details: [formula, ...notes],
      fix: {
        text:
          "Check whether the node's status was patched by hand or the cluster's VPC Resource Controller has other limits for the type (its version); " +
          'replace the nodes so the controller advertises its own figure.',
        templateId: null,
      },
      source: `${AUDIT_SOURCES.VPCRC_LIMITS}; ${capacity.effectiveIpMode === 'PREFIX_DELEGATION' ? AUDIT_SOURCES.VPCRC_PREFIX_PROVIDER : AUDIT_SOURCES.VPCRC_IP_PROVIDER}`,
    });
  }
  const fewerPods = nodes.filter((n) => n.pods !== null && n.pods < w);
  if (fewerPods.length > 0) {
    const pods = [...new Set(fewerPods.map((n) => n.pods))].join(', ');
    findings.push({
      ...base,
      ...list(fewerPods),
      code: 'WINDOWS_NODE_FEWER_PODS',
      severity: 'INFO',
      message: `Windows nodes advertise ${pods} pods (kubelet --max-pods) while ${instanceType} has IPs for ${w}: raise --max-pods to use them.`,
      details: [formula, `pods advertised ${pods} < W = ${w}`, ...notes],
      fix: karpenter
        ? {
            text:
              'Set spec.kubelet.maxPods in the EC2NodeClass: Karpenter passes --max-pods to Start-EKSBootstrap.ps1 itself (110 unless maxPods is set), ' +
              'so -KubeletExtraArgs in userData does not change it; AWS guidance under prefix delegation: 110, up to 250 on large types.',
            templateId: 'karpenter-windows-nodepool',
          }
        : {
            text: "Pass -KubeletExtraArgs '--max-pods=N' to Start-EKSBootstrap.ps1 (eksctl maxPodsPerNode); AWS guidance under prefix delegation: 110, up to 250 on large types.",
            templateId: 'windows-userdata-bootstrap-dsr',
          },
      source: karpenter
        ? `${AUDIT_SOURCES.BPG_PREFIX}; ${SOURCE.KARPENTER_INSTANCE_TYPES} (pods(): maxPods, else 110)`
        : AUDIT_SOURCES.BPG_PREFIX,
    });
  }
  const morePods = nodes.filter((n) => n.pods !== null && n.pods > w);
  if (morePods.length > 0) {
    findings.push({
      ...base,
      ...list(morePods),
      code: 'WINDOWS_NODE_MORE_PODS_THAN_IPS',
      severity: 'WARNING',
      message: `Windows nodes accept ${[...new Set(morePods.map((n) => n.pods))].join(', ')} pods but ${instanceType} has IPs for only ${w}: pods beyond ${w} stay Pending with "Insufficient vpc.amazonaws.com/PrivateIPv4Address".`,
      details: [formula, ...notes],
      fix: karpenter
        ? {
            text: `Set spec.kubelet.maxPods to at most ${w} in the EC2NodeClass (Karpenter passes --max-pods itself, 110 unless it is set), or turn on prefix delegation on a Nitro type.`,
            templateId: 'karpenter-windows-nodepool',
          }
        : { text: `Set --max-pods to at most ${w}, or turn on prefix delegation on a Nitro type.`, templateId: null },
      source: karpenter
        ? `${AUDIT_SOURCES.VPCRC_LIMITS}; ${SOURCE.KARPENTER_INSTANCE_TYPES} (pods(): maxPods, else 110)`
        : AUDIT_SOURCES.VPCRC_LIMITS,
    });
  }
}

/** How DSR is turned on for nodes of a provisioner: who owns the Start-EKSBootstrap.ps1 call decides. */
function dsrFixFor(provisioner: Provisioner): { how: string; where: string; text: string; templateId: string; source: string } {
  switch (provisioner) {
    case 'KARPENTER':
      return {
        how: 'Karpenter nodes (karpenter.sh/nodepool)',
        where: 'through a patch of Start-EKSBootstrap.ps1 in the EC2NodeClass userData',
        text: "Karpenter calls Start-EKSBootstrap.ps1 itself and passes no -KubeProxyExtraArgs: patch the script's kube-proxy arguments in the EC2NodeClass userData, which runs first.",
        templateId: 'windows-userdata-dsr-patch',
        source: `${SOURCE.KARPENTER_WINDOWS_DSR_ISSUE}; ${SOURCE.BPG_WINDOWS_NETWORKING_DSR_PATCH}`,
      };
    case 'MANAGED':
      return {
        how: 'managed node group (eks.amazonaws.com/nodegroup)',
        where: 'through a patch of Start-EKSBootstrap.ps1 in the user data that runs before it',
        text: 'A managed node group without a custom AMI id runs its own Start-EKSBootstrap.ps1 call: patch the script in the user data that runs before it (eksctl preBootstrapCommands, terraform pre_bootstrap_user_data); with a custom AMI id, pass -KubeProxyExtraArgs.',
        templateId: 'windows-userdata-dsr-patch',
        source: `${SOURCE.EKSCTL_MANAGED_WINDOWS}; ${SOURCE.TERRAFORM_MANAGED_USER_DATA_ISSUE}; ${SOURCE.BPG_WINDOWS_NETWORKING_DSR_PATCH}`,
      };
    case 'EKSCTL':
      return {
        how: 'eksctl node group (alpha.eksctl.io/nodegroup-name)',
        where: 'through a patch of Start-EKSBootstrap.ps1 in preBootstrapCommands',
        text: 'eksctl writes the Start-EKSBootstrap.ps1 call: patch the script in preBootstrapCommands.',
        templateId: 'windows-userdata-dsr-patch',
        source: `${SOURCE.EKSCTL_WINDOWS_BOOTSTRAP}; ${SOURCE.BPG_WINDOWS_NETWORKING_DSR_PATCH}`,
      };
    case 'SELF_MANAGED':
      return {
        how: 'self-managed nodes (no node group label)',
        where: 'through Start-EKSBootstrap.ps1 -KubeProxyExtraArgs',
        text: 'Pass the flags with Start-EKSBootstrap.ps1 -KubeProxyExtraArgs in the launch template user data (terraform bootstrap_extra_args).',
        templateId: 'windows-userdata-bootstrap-dsr',
        source: `${SOURCE.EKS_BOOTSTRAP}; ${SOURCE.TERRAFORM_WINDOWS_USER_DATA}`,
      };
  }
}

/** The audit of what kubectl printed; `servicesCount` is a whole number of 0 or more (the edge's pipe checks it). */
export function auditCluster(input: ClusterAuditInput, catalog: ClusterAuditCatalog): ClusterAudit {
  if (input.kubernetesVersion !== undefined) parseKubernetesMinor(input.kubernetesVersion);
  const { nodes, skipped, skippedKinds, singleNode } = readNodes(input.nodesJson);
  const configMap =
    input.vpcCniConfigMap !== undefined && input.vpcCniConfigMap.trim() !== '' ? readVpcCniConfigMap(input.vpcCniConfigMap) : null;
  const k8sPolicies = readPolicies(input.networkPolicies, 'networkPolicies');
  const calicoPolicies = readPolicies(input.calicoPolicies, 'calicoPolicies');
  const findings: AuditFinding[] = [];
  const windows = nodes.filter((n) => n.os === 'WINDOWS');
  const linux = nodes.filter((n) => n.os === 'LINUX');
  const cluster = { subjectKind: 'CLUSTER' as const, subject: 'cluster', nodes: [], nodeCount: 0, path: null };
  const configMapSubject = {
    subjectKind: 'CONFIG_MAP' as const,
    subject: 'kube-system/amazon-vpc-cni',
    nodes: [],
    nodeCount: 0,
    path: null,
  };

  if (skipped.length > 0) {
    findings.push({
      ...cluster,
      code: 'NON_NODE_ITEMS_SKIPPED',
      severity: 'INFO',
      message: `${skipped.length} of the ${skipped.length + nodes.length} items pasted as nodesJson are not Nodes (${kindCounts(skippedKinds)}) and were left out; the audit covers the other ${nodes.length}.`,
      details: skipped.slice(0, CLUSTER_AUDIT_LIMITS.nodesListedPerFinding),
      fix: { text: 'Paste `kubectl get nodes -o json` alone: the audit reads the items of kind Node.', templateId: null },
      source: AUDIT_SOURCES.K8S_NODE,
    });
  }
  if (nodes.length === 0) {
    // An empty list (a cluster with no nodes yet, or a selector that matched none): read, not refused, but said.
    findings.push({
      ...cluster,
      code: 'NO_NODES_PASTED',
      severity: 'INFO',
      message:
        'nodesJson is a list with no items: no node was audited (pods and IPs per node, IP modes, the Linux nodes CoreDNS needs); ' +
        'only what else was pasted was checked.',
      details: [],
      fix: {
        text: 'Paste `kubectl get nodes -o json` once the cluster has nodes (a label selector that matches no node prints an empty list too).',
        templateId: null,
      },
      source: AUDIT_SOURCES.K8S_NODE,
    });
  }
  if (singleNode && windows.length > 0) {
    // One Windows node says nothing of the nodes that were not pasted: no ERROR for a Linux node it cannot show.
    findings.push({
      ...cluster,
      code: 'LINUX_NODES_NOT_CHECKED',
      severity: 'INFO',
      message:
        `Only one node was pasted (${nodes[0].name}, kind Node): whether the cluster has the Linux nodes CoreDNS needs ` +
        '(at least two, for Windows pods to get DNS) is not known from it.',
      details: ['Linux nodes pasted: 0; Windows nodes pasted: 1'],
      fix: {
        text: 'Paste `kubectl get nodes -o json` (every node) to check the Linux nodes too.',
        templateId: null,
      },
      source: AUDIT_SOURCES.UG_WINDOWS_SUPPORT,
    });
  } else if (windows.length > 0 && linux.length < 2) {
    findings.push({
      ...cluster,
      code: linux.length === 0 ? 'NO_LINUX_NODES' : 'ONE_LINUX_NODE',
      severity: linux.length === 0 ? 'ERROR' : 'WARNING',
      message:
        linux.length === 0
          ? 'The cluster has Windows nodes but no Linux node: CoreDNS (and the Linux parts of the VPC CNI and Calico) cannot run, so Windows pods get no DNS.'
          : 'Only one Linux node runs CoreDNS for the cluster: a second one keeps DNS up while it is replaced.',
      details: [`Linux nodes: ${linux.length}; Windows nodes: ${windows.length}`],
      fix: {
        text:
          'Add a Linux node group with at least two nodes (eksctl requires one for Windows clusters).' +
          (linux.length === 0
            ? ' If the pasted list was filtered (kubectl get nodes -l kubernetes.io/os=windows), paste `kubectl get nodes -o json` without a selector instead.'
            : ''),
        templateId: 'eksctl-windows-cluster',
      },
      source: AUDIT_SOURCES.UG_WINDOWS_SUPPORT,
    });
  }
  if (configMap && windows.length > 0 && !configMap.windowsIpam) {
    findings.push({
      ...configMapSubject,
      ...list(windows),
      code: 'WINDOWS_IPAM_DISABLED',
      severity: 'ERROR',
      message: `The ConfigMap has enable-windows-ipam: "${configMap.data['enable-windows-ipam'] ?? '(missing)'}": the VPC Resource Controller gives Windows pods no IPs.`,
      details: [],
      fix: { text: 'Set enable-windows-ipam: "true".', templateId: 'vpc-cni-windows-ipam-configmap' },
      source: VPCRC_CONFIGMAP_SOURCE,
    });
  }
  if (configMap && configMap.shadowedWindowsWarmKeys.length > 0) {
    const shadowed = configMap.shadowedWindowsWarmKeys;
    const twins = shadowed.map((k) => k.slice('windows-'.length));
    findings.push({
      ...configMapSubject,
      code: 'WARM_POOL_KEYS_BOTH_FAMILIES',
      severity: 'WARNING',
      message:
        `Both families of warm-pool keys are set (${twins.join(', ')} and ${shadowed.join(', ')}): the VPC Resource Controller reads each un-prefixed key first ` +
        `and its windows-* twin only when it is absent, so ${shadowed.join(', ')} ${shadowed.length === 1 ? 'is' : 'are'} ignored.`,
      details: [...twins, ...shadowed].map((k) => `${k}: "${configMap.data[k]}"`),
      fix: {
        text: 'Keep one family: the un-prefixed keys (what the VPC CNI Helm chart writes) and remove the windows-* ones.',
        templateId: 'vpc-cni-windows-ipam-configmap',
      },
      source: `${SOURCE.VPCRC_LOADER}; ${VPCRC_CONFIGMAP_SOURCE}`,
    });
  }

  const byGroup = groupBy(windows, (n) => `${n.group}\u0000${n.instanceType ?? ''}`);
  for (const groupNodes of byGroup.values())
    auditWindowsGroup(groupNodes[0].group, groupNodes[0].instanceType, groupNodes, configMap, catalog, findings);

  if (
    windows.length > 0 &&
    input.servicesCount !== undefined &&
    input.servicesCount > WINDOWS_SERVICES_PER_NODE_LIMIT &&
    input.dsrEnabled !== true
  ) {
    const servicesCount = input.servicesCount;
    // Every Windows node programs every Service, but how DSR is turned on depends on who calls Start-EKSBootstrap.ps1,
    // and its flags on the kube-proxy version the group's nodes run (a node group may lag the control plane), so each
    // group gets its own finding, with its own fix.
    for (const [group, groupNodes] of groupBy(windows, (n) => n.group)) {
      const minors = [...new Set(groupNodes.map((n) => n.kubeProxyMinor).filter((m): m is number => m !== null))].sort((a, b) => a - b);
      const groupVersion = minors.length === 1 ? `1.${minors[0]}` : minors.length === 0 ? input.kubernetesVersion : undefined;
      const [warning] = checkWindowsServices({
        servicesPerNode: servicesCount,
        ...(groupVersion ? { kubernetesVersion: groupVersion } : {}),
      });
      const flagLines =
        minors.length > 0
          ? minors.map((m) => {
              const count = groupNodes.filter((n) => n.kubeProxyMinor === m).length;
              return `kube-proxy 1.${m} (${count} node${count === 1 ? '' : 's'}): ${dsrKubeProxyFlags(`1.${m}`).args}`;
            })
          : input.kubernetesVersion
            ? [`kube-proxy ${dsrKubeProxyFlags(input.kubernetesVersion).args}`]
            : [];
      const lag =
        input.kubernetesVersion !== undefined &&
        minors.some((m) => `1.${m}` !== dsrKubeProxyFlags(input.kubernetesVersion!).kubernetesVersion)
          ? [
              `the nodes run kube-proxy ${minors.map((m) => `1.${m}`).join(', ')}, not the cluster's ${input.kubernetesVersion}: the flags follow the nodes (nodeInfo.kubeletVersion)`,
            ]
          : [];
      const dsr = dsrFixFor(groupNodes[0].provisioner);
      const versions = groupBy(groupNodes, (n) => {
        const v = windowsVersionOfBuild(n.windowsBuild);
        return v ? `Windows Server ${WINDOWS_SERVER_FACTS[v].year}` : 'Windows Server version not known';
      });
      findings.push({
        subjectKind: 'NODE_GROUP',
        subject: group,
        ...list(groupNodes),
        path: null,
        code: 'WINDOWS_SERVICES_WITHOUT_DSR',
        severity: 'ERROR',
        // The shared warning says how a self-managed group passes the flags; other groups take theirs from the fix.
        message: `${servicesCount} Services, programmed on every Windows node, without Direct Server Return: ${
          dsr.templateId === 'windows-userdata-bootstrap-dsr'
            ? warning.message
            : warning.message.replace(/, through Start-EKSBootstrap\.ps1 -KubeProxyExtraArgs\.$/, `, ${dsr.where}.`)
        }`,
        details: [
          ...flagLines,
          ...lag,
          `${dsr.how}: ${[...versions].map(([v, n]) => `${v}: ${n.length} node${n.length === 1 ? '' : 's'}`).join(', ')}`,
        ],
        fix: { text: dsr.text, templateId: dsr.templateId },
        source: `${warning.source}; ${dsr.source}${minors.length > 0 ? `; ${AUDIT_SOURCES.K8S_NODE} (nodeInfo.kubeletVersion)` : ''}`,
      });
    }
  }

  const policyCount = k8sPolicies.length + calicoPolicies.length;
  const ws2025 = windows.filter((n) => windowsVersionOfBuild(n.windowsBuild) === 'WINDOWS_SERVER_2025');
  if (ws2025.length > 0 && policyCount > 0) {
    for (const [group, groupNodes] of groupBy(ws2025, (n) => n.group)) {
      findings.push({
        subjectKind: 'NODE_GROUP',
        subject: group,
        ...list(groupNodes),
        path: null,
        code: 'WINDOWS_2025_WITH_CALICO_POLICIES',
        severity: 'ERROR',
        message:
          `Windows Server 2025 nodes (node.kubernetes.io/windows-build ${WINDOWS_SERVER_FACTS.WINDOWS_SERVER_2025.osBuild}) with ${calicoPolicies.length} Calico and ${k8sPolicies.length} Kubernetes network policies: ` +
          'Calico for Windows supports Windows Server 2019 and 2022 only, and on 2025 HNS turns an endpoint to default-deny as soon as any ACL policy is applied to it.',
        details: [],
        fix: {
          text: 'Run the policy-enforced Windows workloads on Windows Server 2022 nodes until Calico supports 2025.',
          templateId: null,
        },
        source: `${AUDIT_SOURCES.TIGERA_WINDOWS_REQ}; ${AUDIT_SOURCES.HNS_2025_DEFAULT_DENY}; ${AUDIT_SOURCES.KARPENTER_LABELS}`,
      });
    }
  }

  for (const [field, policies] of [
    ['networkPolicies', k8sPolicies],
    ['calicoPolicies', calicoPolicies],
  ] as const) {
    policies.forEach((policy) => {
      let check: ReturnType<typeof checkPolicyForWindows>;
      try {
        check = checkPolicyForWindows(policy.manifest);
      } catch (e) {
        if (e instanceof DomainError) {
          const where = policy.name === policy.at ? policy.at : `${policy.at} (${policy.name})`;
          throw new DomainError(ErrorCode.VALIDATION_FAILED, `${field}: ${where}: ${e.message.replace(/^Document 0 /, 'the policy ')}`, {
            field,
            rule: 'policy',
            // Where the paste holds it: the check saw the policy alone, so its own "Document 0" is not it.
            path: policy.at,
            policy: policy.name,
          });
        }
        throw e;
      }
      for (const f of check.findings) {
        findings.push({
          subjectKind: 'POLICY',
          subject: policy.name,
          nodes: [],
          nodeCount: 0,
          path: f.path.replace(/^documents\[0\]\./, ''),
          code: `WINDOWS_POLICY_${f.rule}`,
          severity: 'WARNING',
          message: f.message,
          details: f.rewrite?.yaml ? [f.rewrite.yaml] : [],
          fix: { text: f.rewrite?.description ?? 'Keep the rule in a Linux-only policy.', templateId: null },
          source: f.source,
        });
      }
    });
  }

  const groups = groupBy(nodes, (n) => n.group);
  return {
    nodes: nodes.length,
    windowsNodes: windows.length,
    linuxNodes: linux.length,
    nodeGroups: [...groups.entries()].map(([name, members]) => ({
      name,
      os: members.every((m) => m.os === members[0].os) ? members[0].os : 'UNKNOWN',
      instanceTypes: [...new Set(members.map((m) => m.instanceType).filter((t): t is string => t !== null))].sort(),
      nodes: members.length,
    })),
    policiesChecked: policyCount,
    servicesCount: input.servicesCount ?? null,
    findings,
  };
}
