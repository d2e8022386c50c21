import { describe, expect, it } from 'vitest';
import { computeNodeCapacity, computeSubnetUsage, dsrKubeProxyFlags, type NodeCapacityInput } from '../../capacity/core/index.js';
import { readBundledSnapshot } from '../../catalog/bundled-catalog.js';
import { DomainError, ErrorCode } from '../../common/domain-error.js';
import { listTemplates } from '../../policies/core/index.js';
import {
  CNI_OPTIONS,
  CNI_TEMPLATE_IDS,
  deriveWindowsServiceDefaults,
  recommendCni,
  spreadPods,
  type CniNodeGroupInput,
  type CniOption,
  type CniRecommendation,
  type CniRecommendationInput,
  type CniRuleCode,
  type NetworkPolicyEngine,
} from './index.js';
import { lin, win } from './cni.test-fixtures.js';
import { toCniPlan } from '../cni-input.resolution.js';

const catalogueIds = listTemplates().map((t) => t.id);
const snapshot = readBundledSnapshot();
const byName = new Map(snapshot.types.map((t) => [t.name, t]));
const lookup = (name: string) => {
  const t = byName.get(name);
  if (!t) throw new DomainError(ErrorCode.INSTANCE_TYPE_NOT_FOUND, `no instance type ${name}`);
  return t;
};
/** The core on an input as the service hands it over: checked at the edge, instance types resolved. */
const recommend = (input: CniRecommendationInput) => recommendCni(toCniPlan(input, lookup));

const base = (over: Partial<CniRecommendationInput> = {}): CniRecommendationInput => ({
  kubernetesVersion: '1.31',
  nodeGroups: [win(), lin()],
  windowsPods: 15,
  linuxPods: 20,
  ...over,
});

const DSR_1_31 = ['--feature-gates=WinDSR=true', '--enable-dsr=true'];
const PROVISIONERS = ['EKSCTL', 'KARPENTER', 'TERRAFORM_SELF_MANAGED', 'TERRAFORM_MANAGED', 'MANAGED_NODE_GROUP'] as const;
const DSR_1_33 = ['--enable-dsr=true'];

interface Scenario {
  name: string;
  rule: CniRuleCode;
  input: CniRecommendationInput;
  /** The top-ranked option; null when every option is UNSUPPORTED. */
  first: CniOption | null;
  unsupported: CniOption[];
  engine: NetworkPolicyEngine;
  dsrFlags: string[];
  /** Options that must carry the scenario's rule among their reasons (default: none checked). */
  ruleOn?: CniOption[];
  /** The rule must appear in notes. */
  ruleInNotes?: boolean;
  extra?: (out: CniRecommendation) => void;
}

const ALL = [...CNI_OPTIONS];

const scenarios: Scenario[] = [
  {
    // m5.large: I = 10; secondary W = 9 < 30 wanted; PD W = 9 * 16 = 144, kubelet 110 -> 110.
    name: 'small Windows cluster on m5.large needing 30 pods/node: PD wins',
    rule: 'WINDOWS_PODS_EXCEED_SECONDARY_IP',
    input: base({ windowsPods: 90 }),
    first: 'VPC_CNI_PREFIX_DELEGATION',
    unsupported: ['CALICO_OVERLAY'],
    engine: 'NONE',
    dsrFlags: [],
    ruleOn: ['VPC_CNI_SECONDARY_IP', 'VPC_CNI_PREFIX_DELEGATION'],
    extra: (out) => {
      const pd = option(out, 'VPC_CNI_PREFIX_DELEGATION').consequences.find((c) => c.nodeGroup === 'windows');
      expect(pd?.maxPodsPerNode).toBe(110);
      const sec = option(out, 'VPC_CNI_SECONDARY_IP').consequences.find((c) => c.nodeGroup === 'windows');
      expect(sec?.maxPodsPerNode).toBe(9);
      expect(sec?.nodesNeeded).toBe(10); // ceil(90 / 9)
      expect(option(out, 'VPC_CNI_SECONDARY_IP').verdict).toBe('VIABLE');
      expect(setting(out, 'enable-windows-prefix-delegation')?.value).toBe('true');
      expect(setting(out, 'maxPodsPerNode')?.value).toBe(110);
    },
  },
  {
    // Same demand, but fragmented subnets: PD would fail with InsufficientCidrBlocks.
    name: 'fragmented subnets: secondary IP wins even with 30 pods/node wanted',
    rule: 'FRAGMENTED_SUBNETS_AVOID_PD',
    input: base({ windowsPods: 90, subnetsFragmented: true }),
    first: 'VPC_CNI_SECONDARY_IP',
    unsupported: ['CALICO_OVERLAY'],
    engine: 'NONE',
    dsrFlags: [],
    ruleOn: ['VPC_CNI_SECONDARY_IP', 'VPC_CNI_PREFIX_DELEGATION'],
    extra: (out) => {
      expect(option(out, 'VPC_CNI_PREFIX_DELEGATION').verdict).toBe('VIABLE');
      expect(setting(out, 'warm-ip-target')?.value).toBe('1');
      expect(setting(out, 'minimum-ip-target')?.value).toBe('9'); // min(30 wanted, W = 9)
      expect(setting(out, 'enable-windows-prefix-delegation')).toBeUndefined();
    },
  },
  {
    name: 'fragmented subnets, few pods: secondary IP wins, PD not recommended',
    rule: 'FRAGMENTED_SUBNETS_AVOID_PD',
    input: base({ subnetsFragmented: true }),
    first: 'VPC_CNI_SECONDARY_IP',
    unsupported: ['CALICO_OVERLAY'],
    engine: 'NONE',
    dsrFlags: [],
    extra: (out) => expect(option(out, 'VPC_CNI_PREFIX_DELEGATION').verdict).toBe('NOT_RECOMMENDED'),
  },
  {
    name: 'IPv6 cluster with Windows nodes: every option unsupported, explained',
    rule: 'WINDOWS_UNSUPPORTED_IPV6',
    input: base({ ipFamily: 'IPV6' }),
    first: null,
    unsupported: ALL,
    engine: 'NONE',
    dsrFlags: [],
    ruleOn: ALL,
    ruleInNotes: true,
  },
  {
    name: 'IPv6 cluster with Windows nodes and 150 Services: still unsupported, no DSR flags',
    rule: 'WINDOWS_UNSUPPORTED_IPV6',
    input: base({ ipFamily: 'IPV6', servicesPerWindowsNode: 150, nodeGroups: [win(), lin()] }),
    first: null,
    unsupported: ALL,
    engine: 'NONE',
    dsrFlags: [],
    ruleOn: ALL,
    extra: (out) => {
      expect(out.settings.filter((x) => x.templateId === CNI_TEMPLATE_IDS.VPC_CNI_WINDOWS_CONFIGMAP)).toEqual([]);
      const c = option(out, 'VPC_CNI_SECONDARY_IP').consequences;
      expect(c.find((x) => x.nodeGroup === 'windows')?.supported).toBe(false);
      expect(c.find((x) => x.nodeGroup === 'linux')?.subnet).toBeNull(); // IPv6 pods: no IPv4 subnet math
    },
  },
  {
    name: 'Fargate with Windows nodes: every option unsupported',
    rule: 'WINDOWS_UNSUPPORTED_ON_FARGATE',
    input: base({ platform: 'FARGATE' }),
    first: null,
    unsupported: ALL,
    engine: 'NONE',
    dsrFlags: [],
    ruleOn: ALL,
    ruleInNotes: true,
  },
  {
    name: 'Auto Mode with Windows nodes: every option unsupported',
    rule: 'WINDOWS_UNSUPPORTED_ON_AUTO_MODE',
    input: base({ platform: 'AUTO_MODE' }),
    first: null,
    unsupported: ALL,
    engine: 'NONE',
    dsrFlags: [],
    ruleOn: ALL,
    ruleInNotes: true,
  },
  {
    name: 'Hybrid Nodes with Windows nodes: every option unsupported',
    rule: 'WINDOWS_UNSUPPORTED_ON_HYBRID_NODES',
    input: base({ platform: 'HYBRID_NODES' }),
    first: null,
    unsupported: ALL,
    engine: 'NONE',
    dsrFlags: [],
    ruleOn: ALL,
  },
  {
    // Calico policy-only also wants DSR so policy sees pod IPs on Service traffic (BPG).
    name: 'NetworkPolicy on Windows pods: Calico policy-only on the VPC CNI',
    rule: 'WINDOWS_POLICY_NEEDS_CALICO_POLICY_ONLY',
    input: base({ needs: { networkPolicyOnWindows: true, networkPolicyOnLinux: true } }),
    first: 'VPC_CNI_SECONDARY_IP',
    unsupported: ['CALICO_OVERLAY'],
    engine: 'CALICO_POLICY_ONLY',
    dsrFlags: DSR_1_31,
    extra: (out) => {
      expect(out.networkPolicyEngine.reasons.map((r) => r.rule)).toContain('VPC_CNI_POLICY_LINUX_ONLY');
      expect(setting(out, 'cni.type')).toMatchObject({
        value: 'AmazonVPC',
        templateId: CNI_TEMPLATE_IDS.CALICO_POLICY_ONLY_INSTALLATION,
      });
      expect(setting(out, 'ANNOTATE_POD_IP')?.value).toBe('true');
      expect(setting(out, 'enableNetworkPolicy')?.value).toBe('false');
      expect(out.dsr.reasons.map((r) => r.rule)).toContain('CALICO_POLICY_DSR');
    },
  },
  {
    name: 'NetworkPolicy on Linux pods only: VPC CNI network policy',
    rule: 'LINUX_POLICY_VPC_CNI',
    input: base({ needs: { networkPolicyOnLinux: true } }),
    first: 'VPC_CNI_SECONDARY_IP',
    unsupported: ['CALICO_OVERLAY'],
    engine: 'VPC_CNI',
    dsrFlags: [],
    extra: (out) => expect(setting(out, 'enableNetworkPolicy')?.value).toBe('true'),
  },
  {
    name: 'more than 100 Services per Windows node on 1.31: DSR with the WinDSR gate',
    rule: 'WINDOWS_SERVICE_PORT_EXHAUSTION_DSR',
    input: base({ servicesPerWindowsNode: 150 }),
    first: 'VPC_CNI_SECONDARY_IP',
    unsupported: ['CALICO_OVERLAY'],
    engine: 'NONE',
    dsrFlags: DSR_1_31,
    extra: (out) => {
      expect(out.dsr.reason).toContain('hcnCreateLoadBalancer failed in Win32: The specified port already exists.');
      const pre = out.settings.find((s) => s.key === 'preBootstrapCommands');
      expect(pre?.templateId).toBe(CNI_TEMPLATE_IDS.WINDOWS_USERDATA_DSR_PATCH);
      const own = out.settings.find((s) => s.key === '-KubeProxyExtraArgs');
      expect(own?.templateId).toBe(CNI_TEMPLATE_IDS.WINDOWS_USERDATA_BOOTSTRAP_DSR);
    },
  },
  {
    name: 'more than 100 Services per Windows node on 1.33: --enable-dsr alone',
    rule: 'WINDOWS_SERVICE_PORT_EXHAUSTION_DSR',
    input: base({ kubernetesVersion: '1.33', servicesPerWindowsNode: 101 }),
    first: 'VPC_CNI_SECONDARY_IP',
    unsupported: ['CALICO_OVERLAY'],
    engine: 'NONE',
    dsrFlags: DSR_1_33,
  },
  {
    name: 'exactly 100 Services: no DSR',
    rule: 'DSR_NOT_NEEDED',
    input: base({ servicesPerWindowsNode: 100 }),
    first: 'VPC_CNI_SECONDARY_IP',
    unsupported: ['CALICO_OVERLAY'],
    engine: 'NONE',
    dsrFlags: [],
  },
  {
    name: 'externalTrafficPolicy: Local on Windows: DSR',
    rule: 'EXTERNAL_TRAFFIC_POLICY_LOCAL_DSR',
    input: base({ kubernetesVersion: '1.34', needs: { externalTrafficPolicyLocal: true } }),
    first: 'VPC_CNI_SECONDARY_IP',
    unsupported: ['CALICO_OVERLAY'],
    engine: 'NONE',
    dsrFlags: DSR_1_33,
  },
  {
    name: 'security groups for pods with Windows pods: Linux only, explained',
    rule: 'SGP_LINUX_ONLY',
    input: base({ needs: { securityGroupsForPods: true } }),
    first: 'VPC_CNI_SECONDARY_IP',
    unsupported: ['CALICO_OVERLAY'],
    engine: 'NONE',
    dsrFlags: [],
    ruleOn: ['VPC_CNI_SECONDARY_IP', 'VPC_CNI_PREFIX_DELEGATION', 'VPC_CNI_CUSTOM_NETWORKING'],
    ruleInNotes: true,
  },
  {
    name: 'ALB ip targets on a Linux-only cluster: the overlay cannot serve them',
    rule: 'ALB_IP_TARGETS_NEED_VPC_IPS',
    input: base({ nodeGroups: [lin()], windowsPods: 0, acceptUnsupportedCni: true, needs: { albIpTargets: true } }),
    first: 'VPC_CNI_SECONDARY_IP',
    unsupported: [],
    engine: 'NONE',
    dsrFlags: [],
    ruleOn: ['CALICO_OVERLAY'],
    extra: (out) => expect(option(out, 'CALICO_OVERLAY').verdict).toBe('NOT_RECOMMENDED'),
  },
  {
    name: 'webhooks on overlay pods need hostNetwork',
    rule: 'OVERLAY_WEBHOOKS_NEED_HOST_NETWORK',
    input: base({ nodeGroups: [lin()], windowsPods: 0, acceptUnsupportedCni: true, needs: { webhooksOnPods: true } }),
    first: 'VPC_CNI_SECONDARY_IP',
    unsupported: [],
    engine: 'NONE',
    dsrFlags: [],
    ruleOn: ['CALICO_OVERLAY'],
  },
  {
    // Decision: acceptUnsupportedCni makes the overlay VIABLE on Linux-only clusters, never for Windows.
    name: 'Linux-only cluster accepting an unsupported CNI: overlay viable, pods off the VPC',
    rule: 'ALTERNATE_CNI_NEEDS_VENDOR_SUPPORT',
    input: base({ nodeGroups: [lin()], windowsPods: 0, acceptUnsupportedCni: true }),
    first: 'VPC_CNI_SECONDARY_IP',
    unsupported: [],
    engine: 'NONE',
    dsrFlags: [],
    ruleOn: ['CALICO_OVERLAY'],
    extra: (out) => {
      const overlay = option(out, 'CALICO_OVERLAY');
      expect(overlay.verdict).toBe('VIABLE');
      const c = overlay.consequences[0];
      expect(c.podsUseVpcIps).toBe(false);
      expect(c.maxPodsPerNode).toBe(110); // kubelet max-pods, m5.large has 2 vCPUs
      expect(c.workloadPodsPerNode).toBe(108); // 110 - calico-node - kube-proxy
      expect(c.subnet?.ipsConsumed).toBe(2); // 2 nodes x 1 primary IP
      expect(c.subnet?.usableAddresses).toBe(251); // /24: 256 - 5
    },
  },
  {
    name: 'Linux-only cluster not accepting an unsupported CNI: overlay not recommended',
    rule: 'ALTERNATE_CNI_NEEDS_VENDOR_SUPPORT',
    input: base({ nodeGroups: [lin()], windowsPods: 0 }),
    first: 'VPC_CNI_SECONDARY_IP',
    unsupported: [],
    engine: 'NONE',
    dsrFlags: [],
    ruleOn: ['CALICO_OVERLAY'],
    extra: (out) => expect(option(out, 'CALICO_OVERLAY').verdict).toBe('NOT_RECOMMENDED'),
  },
  {
    name: 'Windows cluster accepting an unsupported CNI: Calico overlay still unsupported',
    rule: 'CALICO_OVERLAY_WINDOWS_UNSUPPORTED_ON_EKS',
    input: base({ acceptUnsupportedCni: true }),
    first: 'VPC_CNI_SECONDARY_IP',
    unsupported: ['CALICO_OVERLAY'],
    engine: 'NONE',
    dsrFlags: [],
    ruleOn: ['CALICO_OVERLAY'],
    extra: (out) => expect(out.conflicts[0].positions).toHaveLength(2),
  },
  {
    name: 'no Linux node group in a Windows cluster: CoreDNS warning; custom networking unsupported',
    rule: 'LINUX_NODES_FOR_COREDNS',
    input: base({ nodeGroups: [win()], linuxPods: 0 }),
    first: 'VPC_CNI_SECONDARY_IP',
    unsupported: ['VPC_CNI_CUSTOM_NETWORKING', 'CALICO_OVERLAY'],
    engine: 'NONE',
    dsrFlags: [],
    ruleInNotes: true,
    extra: (out) => expect(out.notes.find((n) => n.rule === 'LINUX_NODES_FOR_COREDNS')?.severity).toBe('WARNING'),
  },
  {
    // t2.medium: Xen, I = 6 -> W = 5; 10 pods/node wanted; PD falls back to secondary IP (5).
    name: 'Xen Windows type wanting PD: falls back to secondary IP, explained',
    rule: 'WINDOWS_PD_NEEDS_NITRO',
    input: base({ nodeGroups: [win({ instanceType: 't2.medium', nodes: 2 }), lin()], windowsPods: 20 }),
    first: 'VPC_CNI_SECONDARY_IP',
    unsupported: ['CALICO_OVERLAY'],
    engine: 'NONE',
    dsrFlags: [],
    ruleOn: ['VPC_CNI_PREFIX_DELEGATION'],
    extra: (out) => {
      const pd = option(out, 'VPC_CNI_PREFIX_DELEGATION');
      const c = pd.consequences.find((x) => x.nodeGroup === 'windows');
      expect(c?.effectiveIpMode).toBe('SECONDARY_IP');
      expect(c?.maxPodsPerNode).toBe(5);
      expect(c?.nodesNeeded).toBe(4); // ceil(20 / 5)
      expect(pd.verdict).toBe('NOT_RECOMMENDED');
    },
  },
  {
    // m6g.large is arm64: no EKS-optimized Windows AMI.
    name: 'Graviton type as a Windows node: every VPC CNI option unsupported',
    rule: 'WINDOWS_NEEDS_X86_64',
    input: base({ nodeGroups: [win({ instanceType: 'm6g.large' }), lin()] }),
    first: null,
    unsupported: ALL,
    engine: 'NONE',
    dsrFlags: [],
    ruleOn: ['VPC_CNI_SECONDARY_IP', 'VPC_CNI_PREFIX_DELEGATION', 'VPC_CNI_CUSTOM_NETWORKING'],
  },
  {
    // Linux /27: 32 - 5 = 27 usable; 4 x m5.large at 29 pods each cannot fit in secondary-IP mode.
    // awsdocs/amazon-eks-user-guide cni-subnet-selection: enhanced subnet discovery "for most use cases", before custom networking.
    name: 'IPv4 exhaustion, Linux pods: enhanced subnet discovery first, then custom networking',
    rule: 'IPV4_EXHAUSTION_LINUX',
    input: base({
      nodeGroups: [lin({ nodes: 4, subnetCidrs: ['10.0.1.0/27'] })],
      windowsPods: 0,
      linuxPods: 100,
    }),
    first: 'VPC_CNI_SECONDARY_IP',
    unsupported: [],
    engine: 'NONE',
    dsrFlags: [],
    ruleOn: ['VPC_CNI_SECONDARY_IP', 'VPC_CNI_CUSTOM_NETWORKING', 'CALICO_OVERLAY'],
    ruleInNotes: true,
    extra: (out) => {
      const esd = option(out, 'VPC_CNI_SECONDARY_IP').reasons.find((r) => r.rule === 'ENHANCED_SUBNET_DISCOVERY');
      expect(esd?.effect).toBe('FAVOURS');
      expect(esd?.message).toContain('kubernetes.io/role/cni=1');
      expect(esd?.message).toContain('Linux nodes only');
      expect(esd?.source).toContain('cni-subnet-selection');
      const rank = (o: CniOption) => option(out, o).rank;
      expect(rank('VPC_CNI_SECONDARY_IP')).toBeLessThan(rank('VPC_CNI_CUSTOM_NETWORKING'));
      expect(setting(out, 'kubernetes.io/role/cni')).toMatchObject({ target: 'EC2_SUBNET_TAG', value: '1' });
      const note = out.notes.find((n) => n.rule === 'IPV4_EXHAUSTION_LINUX');
      expect(note!.message.indexOf('enhanced subnet discovery')).toBeLessThan(note!.message.indexOf('Custom networking'));
    },
  },
  {
    // WS2025 nodes with Windows NetworkPolicy: Calico for Windows supports 2019 and 2022 only.
    name: 'Windows Server 2025 with Windows NetworkPolicy: Calico does not support it, HNS default-deny',
    rule: 'WINDOWS_SERVER_2025_NETWORK_POLICY_UNSUPPORTED',
    input: base({
      kubernetesVersion: '1.35',
      nodeGroups: [win({ windowsServerVersion: 'WINDOWS_SERVER_2025' }), lin()],
      needs: { networkPolicyOnWindows: true },
    }),
    first: 'VPC_CNI_SECONDARY_IP',
    unsupported: ['CALICO_OVERLAY'],
    // No Calico for Windows on a cluster whose only Windows group is 2025, so no DSR for Calico policy either.
    engine: 'VPC_CNI',
    dsrFlags: [],
    ruleInNotes: true,
    extra: (out) => {
      const r = out.networkPolicyEngine.reasons.find((x) => x.rule === 'WINDOWS_SERVER_2025_NETWORK_POLICY_UNSUPPORTED');
      expect(r?.message).toContain('Windows Server 2019 and 2022 only');
      expect(r?.message).toContain('default-deny');
      expect(r?.source).toContain('microsoft/Windows-Containers#616');
      expect(r?.nodeGroups).toEqual(['windows']);
      expect(setting(out, 'amiFamily')?.value).toBe('WindowsServer2025CoreContainer');
      const build = out.notes.find((n) => n.rule === 'WINDOWS_CONTAINER_OS_BUILD');
      expect(build?.message).toContain('10.0.26100');
      expect(out.notes.map((n) => n.rule)).not.toContain('WINDOWS_SERVER_VERSION_GATE'); // 1.35 is new enough
    },
  },
  {
    // EKS publishes Windows Server 2025 AMIs for 1.35 only (eks-ami-versions-windows), so a 2025 group on 1.31 cannot be
    // launched by any provisioner: every VPC CNI option is ruled out for it (the 2022 group alone would take secondary IP).
    name: 'Windows Server 2025 on EKS 1.31: no AMI, every option ruled out for the group',
    rule: 'WINDOWS_SERVER_VERSION_GATE',
    input: base({
      nodeGroups: [
        win({ windowsServerVersion: 'WINDOWS_SERVER_2025' }),
        win({ name: 'win2022', windowsServerVersion: 'WINDOWS_SERVER_2022', subnetCidrs: ['10.0.2.0/24'] }),
        lin(),
      ],
    }),
    first: null,
    unsupported: ALL,
    engine: 'NONE',
    dsrFlags: [],
    ruleOn: ['VPC_CNI_SECONDARY_IP', 'VPC_CNI_PREFIX_DELEGATION', 'VPC_CNI_CUSTOM_NETWORKING'],
    ruleInNotes: true,
    extra: (out) => {
      const why = option(out, 'VPC_CNI_SECONDARY_IP').reasons.find((r) => r.rule === 'WINDOWS_SERVER_VERSION_GATE');
      expect(why).toMatchObject({
        effect: 'RULES_OUT',
        nodeGroups: ['windows'],
        message:
          "windows: EKS publishes Windows Server 2025 AMIs for Kubernetes 1.35 and later only, and the cluster runs 1.31: no provisioner can launch the group (eksctl refuses WindowsServer2025CoreContainer, Karpenter's windows2025@latest and the 2025 ami_types find no AMI). Raise kubernetesVersion to 1.35 or run the group on Windows Server 2022.",
      });
      expect(why!.source).toContain('awsdocs/amazon-eks-user-guide eks-ami-versions-windows');
      expect(out.settings.filter((x) => x.key === 'amiFamily')).toEqual([]);
      const gate = out.notes.filter((n) => n.rule === 'WINDOWS_SERVER_VERSION_GATE');
      expect(gate).toHaveLength(1);
      expect(gate[0].message).toContain('EKS 1.35');
      expect(gate[0].message).toMatch(/^windows:/);
      const builds = out.notes.filter((n) => n.rule === 'WINDOWS_CONTAINER_OS_BUILD').map((n) => n.message);
      expect(builds.some((m) => m.startsWith('win2022:') && m.includes('10.0.20348'))).toBe(true);
    },
  },
  {
    // Windows nodes in 100.64.0.0/24 (a secondary VPC CIDR): not in 10.0.0.0/8, so they default to 10.100.0.0/16,
    // DNS 10.100.0.10; the cluster's Service CIDR is 172.20.0.0/16 (DNS 172.20.0.10).
    // Terraform's self-managed module passes neither on its bootstrap call (eksctl's passes both: see below).
    name: 'Windows nodes outside 10.0.0.0/8 with a 172.20.0.0/16 Service CIDR: pass -ServiceCIDR and -DNSClusterIP',
    rule: 'WINDOWS_SERVICE_CIDR_MISMATCH',
    input: base({
      nodeGroups: [win({ subnetCidrs: ['100.64.0.0/24'] }), lin()],
      serviceIpv4Cidr: '172.20.0.0/16',
      provisioner: 'TERRAFORM_SELF_MANAGED',
    }),
    first: 'VPC_CNI_SECONDARY_IP',
    unsupported: ['CALICO_OVERLAY'],
    engine: 'NONE',
    dsrFlags: [],
    ruleOn: ['VPC_CNI_SECONDARY_IP', 'VPC_CNI_PREFIX_DELEGATION', 'VPC_CNI_CUSTOM_NETWORKING'],
    ruleInNotes: true,
    extra: (out) => {
      expect(setting(out, 'bootstrap_extra_args')).toMatchObject({
        target: 'TERRAFORM_NODE_GROUP',
        value: "-ServiceCIDR '172.20.0.0/16' -DNSClusterIP '172.20.0.10'",
        nodeGroup: 'windows',
      });
      const note = out.notes.find((n) => n.rule === 'WINDOWS_SERVICE_CIDR_MISMATCH');
      expect(note?.severity).toBe('WARNING');
      expect(note?.message).toContain('100.64.0.0/24 -> 10.100.0.0/16 (DNS 10.100.0.10)');
      expect(out.input.serviceIpv4Cidr).toBe('172.20.0.0/16');
    },
  },
  {
    // m5.large secondary W = 9; 3 pods replaced per 30 s leave 9 - 3 = 6 per node; 21 pods on 3 nodes want 7.
    name: 'churning Windows pods: released IPs cool down 30 s, prefix delegation wins',
    rule: 'WINDOWS_IP_COOLDOWN',
    input: base({ nodeGroups: [win({ podChurnPer30s: 3 }), lin()], windowsPods: 21 }),
    first: 'VPC_CNI_PREFIX_DELEGATION',
    unsupported: ['CALICO_OVERLAY'],
    engine: 'NONE',
    dsrFlags: [],
    ruleOn: ['VPC_CNI_SECONDARY_IP', 'VPC_CNI_PREFIX_DELEGATION'],
    extra: (out) => {
      const sec = option(out, 'VPC_CNI_SECONDARY_IP').consequences.find((c) => c.nodeGroup === 'windows');
      expect(sec?.workloadPodsPerNode).toBe(6);
      expect(sec?.nodesNeeded).toBe(4); // ceil(21 / 6)
      expect(option(out, 'VPC_CNI_SECONDARY_IP').reasons.map((r) => r.rule)).toContain('WINDOWS_PODS_EXCEED_SECONDARY_IP');
      const pd = option(out, 'VPC_CNI_PREFIX_DELEGATION').consequences.find((c) => c.nodeGroup === 'windows');
      expect(pd?.workloadPodsPerNode).toBe(110); // min(110, 144 - 3)
    },
  },
  {
    // PD recommended for Windows: say that it never falls back after InsufficientCidrBlocks.
    name: 'Windows prefix delegation never falls back after InsufficientCidrBlocks',
    rule: 'WINDOWS_PD_NO_FALLBACK',
    input: base({ windowsPods: 90 }),
    first: 'VPC_CNI_PREFIX_DELEGATION',
    unsupported: ['CALICO_OVERLAY'],
    engine: 'NONE',
    dsrFlags: [],
    ruleOn: ['VPC_CNI_PREFIX_DELEGATION'],
    extra: (out) => {
      const r = option(out, 'VPC_CNI_PREFIX_DELEGATION').reasons.find((x) => x.rule === 'WINDOWS_PD_NO_FALLBACK');
      expect(r?.message).toContain('InsufficientCidrBlocks');
      expect(r?.source).toContain('pkg/pool/pool.go');
    },
  },
  {
    // p5.48xlarge: W = 49 by the IP math, but EC2 refuses Windows on it (aws/karpenter-provider-aws#7985).
    name: 'a type EC2 does not offer with Windows: every VPC CNI option unsupported for the group',
    rule: 'NODE_GROUP_NO_POD_CAPACITY',
    input: base({ nodeGroups: [win({ instanceType: 'p5.48xlarge' }), lin()] }),
    first: null,
    unsupported: ALL,
    engine: 'NONE',
    dsrFlags: [],
    ruleOn: ['VPC_CNI_SECONDARY_IP', 'VPC_CNI_PREFIX_DELEGATION', 'VPC_CNI_CUSTOM_NETWORKING'],
    extra: (out) => {
      const r = option(out, 'VPC_CNI_SECONDARY_IP').reasons.find((x) => x.rule === 'NODE_GROUP_NO_POD_CAPACITY');
      expect(r?.message).toContain("UnsupportedOperation: Microsoft Windows is not supported for the instance type 'p5.48xlarge'");
    },
  },
  ...(['t3.nano', 't3.small'] as const).map((type): Scenario => ({
    // 512 MiB / 2 GiB less 7.5% VM overhead and the 2248 MiB Windows reservations: 0 MiB allocatable, whatever
    // the IPs (W = 1 / 3 in secondary-IP mode, 16 / 48 under PD).
    name: `${type}: the reservations leave a Windows node no memory, every option unsupported for the group`,
    rule: 'NODE_GROUP_NO_POD_CAPACITY',
    input: base({ nodeGroups: [win({ instanceType: type }), lin()] }),
    first: null,
    unsupported: ALL,
    engine: 'NONE',
    dsrFlags: [],
    ruleOn: ['VPC_CNI_SECONDARY_IP', 'VPC_CNI_PREFIX_DELEGATION', 'VPC_CNI_CUSTOM_NETWORKING'],
    extra: (out) => {
      expect(out.recommended).toBeNull();
      for (const o of ['VPC_CNI_SECONDARY_IP', 'VPC_CNI_PREFIX_DELEGATION', 'VPC_CNI_CUSTOM_NETWORKING'] as const) {
        const r = option(out, o).reasons.filter((x) => x.rule === 'NODE_GROUP_NO_POD_CAPACITY');
        expect(r).toHaveLength(1);
        expect(r[0].effect).toBe('RULES_OUT');
        expect(r[0].nodeGroups).toEqual(['windows']);
        expect(r[0].message).toContain(`windows: The reservations take all of a WINDOWS ${type} node's memory`);
        expect(r[0].message).toContain('Under any IP mode');
        expect(r[0].source).toContain('aws-eks-best-practices latest/bpg/windows/oom.adoc');
        const c = option(out, o).consequences.find((x) => x.nodeGroup === 'windows')!;
        expect(c.supported).toBe(false);
        expect(c.workloadPodsPerNode).toBe(0);
        expect(c.nodesNeeded).toBeNull();
      }
      expect(option(out, 'CALICO_OVERLAY').consequences.find((x) => x.nodeGroup === 'windows')?.supported).toBe(false);
    },
  })),
  {
    // Windows /26: 59 usable; 120 pods on m5.large need 14 nodes and > 120 IPs in secondary mode.
    name: 'IPv4 exhaustion, Windows pods: PD plus dedicated large subnets',
    rule: 'IPV4_EXHAUSTION_WINDOWS',
    input: base({ nodeGroups: [win({ nodes: 4, subnetCidrs: ['10.0.0.0/26'] }), lin()], windowsPods: 120 }),
    first: 'VPC_CNI_PREFIX_DELEGATION',
    unsupported: ['CALICO_OVERLAY'],
    engine: 'NONE',
    dsrFlags: [],
    ruleOn: ['VPC_CNI_SECONDARY_IP', 'VPC_CNI_PREFIX_DELEGATION'],
    ruleInNotes: true,
  },
];

function option(out: CniRecommendation, o: CniOption) {
  const found = out.options.find((x) => x.option === o);
  if (!found) throw new Error(`option ${o} missing`);
  return found;
}
function setting(out: CniRecommendation, key: string) {
  return out.settings.find((s) => s.key === key);
}

/** The capacity-engine input the spec expects for an option and group, written out independently. */
function expectedCapacityInput(o: CniOption, g: CniNodeGroupInput): NodeCapacityInput | null {
  if (o === 'CALICO_OVERLAY') return null;
  const facts = lookup(g.instanceType);
  const input: NodeCapacityInput = {
    instanceType: facts,
    os: g.os,
    ipMode: o === 'VPC_CNI_PREFIX_DELEGATION' ? 'PREFIX_DELEGATION' : 'SECONDARY_IP',
  };
  if (o === 'VPC_CNI_CUSTOM_NETWORKING' && g.os === 'LINUX') input.customNetworking = true;
  // Windows under PD: kubelet max-pods raised to 110, or 250 above 30 vCPUs (BPG prefix-mode), but not above the
  // W nodeCapacity gives under the mode that applies (the guidance where the type gets none).
  if (o === 'VPC_CNI_PREFIX_DELEGATION' && g.os === 'WINDOWS') {
    const guidance = facts.vcpus > 30 ? 250 : 110;
    const w = computeNodeCapacity({ instanceType: facts, os: 'WINDOWS', ipMode: 'PREFIX_DELEGATION' }).ipLimitedPods;
    input.kubeletMaxPods = w > 0 ? Math.min(guidance, w) : guidance;
  }
  if (g.os === 'WINDOWS' && g.podChurnPer30s !== undefined) input.podChurnPer30s = g.podChurnPer30s;
  return input;
}

describe('recommendCni scenarios', () => {
  it.each(scenarios)('$rule: $name', (s) => {
    const out = recommend(s.input);

    // All four options, ranked 1..4.
    expect(out.options.map((o) => o.option).sort()).toEqual([...CNI_OPTIONS].sort());
    expect(out.options.map((o) => o.rank)).toEqual([1, 2, 3, 4]);

    // First option and RECOMMENDED: exactly one unless all are unsupported.
    const recommended = out.options.filter((o) => o.verdict === 'RECOMMENDED');
    if (s.first === null) {
      expect(recommended).toHaveLength(0);
      expect(out.recommended).toBeNull();
    } else {
      expect(out.options[0].option).toBe(s.first);
      expect(recommended.map((o) => o.option)).toEqual([s.first]);
      expect(out.recommended).toBe(s.first);
    }
    expect(
      out.options
        .filter((o) => o.verdict === 'UNSUPPORTED')
        .map((o) => o.option)
        .sort(),
    ).toEqual([...s.unsupported].sort());

    expect(out.networkPolicyEngine.engine).toBe(s.engine);
    expect(out.dsr.enable).toBe(s.dsrFlags.length > 0);
    expect(out.dsr.kubeProxyFlags).toEqual(s.dsrFlags);
    if (out.dsr.enable) {
      expect(out.dsr.kubeProxyFlags).toEqual(dsrKubeProxyFlags(s.input.kubernetesVersion).flags);
    }

    // The scenario's rule is really what fired.
    const rulesOf = (o: CniOption) => option(out, o).reasons.map((r) => r.rule);
    for (const o of s.ruleOn ?? []) expect(rulesOf(o)).toContain(s.rule);
    if (s.ruleInNotes) expect(out.notes.map((n) => n.rule)).toContain(s.rule);
    const everyRule = [
      ...out.options.flatMap((o) => o.reasons.map((r) => r.rule)),
      ...out.networkPolicyEngine.reasons.map((r) => r.rule),
      ...out.dsr.reasons.map((r) => r.rule),
      ...out.notes.map((n) => n.rule),
    ];
    expect(everyRule).toContain(s.rule);

    s.extra?.(out);
  });

  it.each(scenarios)('every reason, note and setting has a source: $name', (s) => {
    const out = recommend(s.input);
    const sourced = [
      ...out.options.flatMap((o) => o.reasons),
      ...out.networkPolicyEngine.reasons,
      ...out.dsr.reasons,
      ...out.notes,
      ...out.settings,
    ];
    expect(sourced.length).toBeGreaterThan(0);
    for (const x of sourced) {
      expect(x.source.trim(), JSON.stringify(x)).not.toBe('');
      expect(('message' in x ? x.message : x.reason).trim()).not.toBe('');
    }
    for (const c of out.conflicts) for (const p of c.positions) expect(p.source.trim()).not.toBe('');
    // Template ids come from the one constant.
    const ids = new Set<string>(Object.values(CNI_TEMPLATE_IDS));
    for (const st of out.settings) if (st.templateId !== null) expect(ids.has(st.templateId)).toBe(true);
  });

  it.each(scenarios)('every settings templateId names a template of the policies catalogue: $name', (s) => {
    const out = recommend(s.input);
    for (const st of out.settings) {
      if (st.templateId !== null) expect(catalogueIds, JSON.stringify(st)).toContain(st.templateId);
    }
  });

  it('every id in CNI_TEMPLATE_IDS is in listTemplates(), and the scenarios emit each of them', () => {
    for (const id of Object.values(CNI_TEMPLATE_IDS)) expect(catalogueIds).toContain(id);
    const inputs = [
      ...scenarios.map((s) => s.input),
      ...PROVISIONERS.map((provisioner) => base({ windowsPods: 90, servicesPerWindowsNode: 150, provisioner })),
    ];
    const emitted = new Set(inputs.flatMap((input) => recommend(input).settings.map((st) => st.templateId)));
    for (const id of Object.values(CNI_TEMPLATE_IDS)) expect([...emitted]).toContain(id);
  });

  it.each(scenarios)('consequences agree with the capacity engine: $name', (s) => {
    const out = recommend(s.input);
    const ipv4 = (s.input.ipFamily ?? 'IPV4') === 'IPV4';
    for (const o of out.options) {
      for (const c of o.consequences) {
        const g = s.input.nodeGroups.find((x) => x.name === c.nodeGroup)!;
        const capIn = expectedCapacityInput(o.option, g);
        if (!c.podsUseVpcIps || capIn === null) continue;
        const cap = computeNodeCapacity(capIn);
        expect(c.maxPodsPerNode, `${o.option}/${c.nodeGroup} maxPods`).toBe(cap.maxPods);
        expect(c.effectiveIpMode).toBe(cap.effectiveIpMode);
        // Workload pods: Windows maxPods (with churn: what a node holds while IPs cool down); Linux maxPods - 2
        // host-network pods (aws-node, kube-proxy).
        // A node its reservations leave no memory or CPU runs no pod (NO_ALLOCATABLE_RESOURCES).
        const noRoom = cap.allocatable.memoryMiB === 0 || cap.allocatable.cpuMillicores === 0;
        const workload = noRoom
          ? 0
          : g.os === 'WINDOWS'
            ? Math.min(cap.maxPods, cap.podsDuringCooldown ?? cap.maxPods)
            : Math.max(0, cap.maxPods - 2);
        expect(c.workloadPodsPerNode).toBe(workload);
        const needed = workload > 0 ? Math.ceil(c.pods / workload) : c.pods === 0 ? 0 : null;
        expect(c.nodesNeeded).toBe(needed);
        const nodeCount = Math.max(g.nodes, needed ?? 0);
        expect(c.nodesForSubnet).toBe(nodeCount);
        if (!ipv4) {
          expect(c.subnet).toBeNull();
          continue;
        }
        const usage = computeSubnetUsage({
          instanceType: capIn.instanceType,
          nodeCount,
          os: g.os,
          ipMode: capIn.ipMode,
          podsPerNode: nodeCount > 0 ? Math.min(workload, Math.ceil(c.pods / nodeCount)) : 0,
          subnetCidrs: g.subnetCidrs,
          ...(capIn.kubeletMaxPods !== undefined ? { kubeletMaxPods: capIn.kubeletMaxPods } : {}),
          ...(capIn.customNetworking ? { customNetworking: true } : {}),
        });
        expect(c.subnet).toEqual({
          ipsPerNode: usage.ipsPerNode,
          ipsConsumed: usage.totalIps,
          usableAddresses: usage.usableAddresses,
          ipsLeft: usage.usableAddresses - usage.totalIps,
          fits: usage.verdict.fits,
          message: usage.verdict.message,
          sharedWith: [],
        });
      }
    }
  });

  it.each(scenarios)('no group lists a warning twice: $name', (s) => {
    for (const o of recommend(s.input).options) {
      for (const c of o.consequences) {
        const keys = c.warnings.map((w) => `${w.code}: ${w.message}`);
        expect(keys, `${o.option}/${c.nodeGroup}`).toEqual([...new Set(keys)]);
      }
    }
  });

  it("lists each capacity warning of a group once, the churn's and the subnet usage's included", () => {
    const out = recommend(base({ nodeGroups: [win({ podChurnPer30s: 3 }), lin()], windowsPods: 21 }));
    const pd = option(out, 'VPC_CNI_PREFIX_DELEGATION').consequences.find((c) => c.nodeGroup === 'windows')!;
    // One cool-down warning: the churn's (W - churn pods per node), not also the warm pool's bare "IPs cool down 30 s".
    expect(pd.warnings.map((w) => w.code)).toEqual([
      'KUBELET_MAX_PODS_BELOW_IP_LIMIT',
      'WINDOWS_PREFIX_DELEGATION_NO_FALLBACK',
      'WINDOWS_IP_COOLDOWN',
      'PREFIX_FRAGMENTATION_RISK',
    ]);
    const sec = option(out, 'VPC_CNI_SECONDARY_IP').consequences.find((c) => c.nodeGroup === 'windows')!;
    expect(sec.warnings.filter((w) => w.code === 'WINDOWS_IP_COOLDOWN')).toHaveLength(1);
    expect(sec.warnings.map((w) => w.code)).not.toContain('WARM_IP_COOLDOWN');
    expect(sec.warnings.find((w) => w.code === 'WINDOWS_IP_COOLDOWN')?.source).toBe(
      'aws/amazon-vpc-resource-controller-k8s pkg/config/type.go (CoolDownPeriod); aws/amazon-vpc-resource-controller-k8s pkg/pool/pool.go',
    );
    // Without churn the warm pool's warning is the only one, and stays.
    const calm = option(recommend(base({ windowsPods: 21 })), 'VPC_CNI_SECONDARY_IP').consequences.find((c) => c.nodeGroup === 'windows')!;
    expect(calm.warnings.map((w) => w.code)).toContain('WARM_IP_COOLDOWN');
    expect(calm.warnings.map((w) => w.code)).not.toContain('WINDOWS_IP_COOLDOWN');
    // IPv6: no subnet usage, the capacity's warnings alone, once.
    const v6 = option(
      recommend(base({ ipFamily: 'IPV6', nodeGroups: [lin({ instanceType: 'm4.large' })], windowsPods: 0 })),
      'VPC_CNI_PREFIX_DELEGATION',
    );
    expect(v6.consequences[0].warnings.map((w) => w.code)).toEqual(['LINUX_PREFIX_DELEGATION_NEEDS_NITRO']);
  });

  it('is deterministic and leaves its input alone', () => {
    const input = base({ windowsPods: 90, needs: { networkPolicyOnWindows: true }, servicesPerWindowsNode: 120 });
    const copy = structuredClone(input);
    const a = recommend(input);
    const b = recommend(input);
    expect(a).toEqual(b);
    expect(input).toEqual(copy);
  });

  it('spreads pods over node groups of one OS by node count, exactly', () => {
    expect(spreadPods(10, [3, 1])).toEqual([8, 2]); // 7.5 / 2.5 -> remainder to the first
    expect(spreadPods(7, [0, 0])).toEqual([4, 3]);
    expect(spreadPods(0, [2, 2])).toEqual([0, 0]);
  });
});

describe('recommendCni: the kubelet max-pods set under Windows prefix delegation is one the node holds', () => {
  it('t3.medium: W = (6 - 1) * 16 = 80 < 110, so max-pods 80, no KUBELET_MAX_PODS_ABOVE_IP_LIMIT', () => {
    const out = recommend(base({ nodeGroups: [win({ instanceType: 't3.medium' }), lin()], windowsPods: 150 }));
    expect(out.recommended).toBe('VPC_CNI_PREFIX_DELEGATION');
    const c = option(out, 'VPC_CNI_PREFIX_DELEGATION').consequences.find((x) => x.nodeGroup === 'windows')!;
    expect(c.effectiveIpMode).toBe('PREFIX_DELEGATION');
    expect(c.maxPodsPerNode).toBe(80);
    expect(c.formula).toContain('maxPods = min(kubelet max-pods, W) = min(80, 80) = 80');
    expect(c.warnings.map((w) => w.code)).not.toContain('KUBELET_MAX_PODS_ABOVE_IP_LIMIT');
    expect(setting(out, 'maxPodsPerNode')?.value).toBe(80);
    expect(setting(out, '--max-pods')?.value).toBe(80);
    const raised = option(out, 'VPC_CNI_PREFIX_DELEGATION').reasons.find((r) => r.rule === 'WINDOWS_KUBELET_MAX_PODS_RAISED');
    expect(raised?.message).toContain('set --max-pods (eksctl maxPodsPerNode) to windows: 80 (');
  });

  it('m4.large (Xen): the controller stays in secondary-IP mode, so max-pods is W = I - 1 = 9, not 110', () => {
    const out = recommend(base({ nodeGroups: [win({ instanceType: 'm4.large' }), lin()] }));
    const c = option(out, 'VPC_CNI_PREFIX_DELEGATION').consequences.find((x) => x.nodeGroup === 'windows')!;
    expect(c.effectiveIpMode).toBe('SECONDARY_IP');
    expect(c.formula).toContain('maxPods = min(kubelet max-pods, W) = min(9, 9) = 9');
    expect(c.warnings.map((w) => w.code)).toEqual(['WINDOWS_PREFIX_DELEGATION_FALLBACK', 'WARM_IP_COOLDOWN']);
  });

  it('t3.nano: its node holds no pod, so no max-pods is recommended for it, nor any IP-limit warning', () => {
    const out = recommend(base({ nodeGroups: [win({ instanceType: 't3.nano' }), lin()] }));
    const pd = option(out, 'VPC_CNI_PREFIX_DELEGATION');
    expect(pd.reasons.map((r) => r.rule)).not.toContain('WINDOWS_KUBELET_MAX_PODS_RAISED');
    const c = pd.consequences.find((x) => x.nodeGroup === 'windows')!;
    expect(c.formula).toContain('maxPods = min(kubelet max-pods, W) = min(16, 16) = 16');
    expect(c.warnings.map((w) => w.code)).not.toContain('KUBELET_MAX_PODS_ABOVE_IP_LIMIT');
  });

  it('t3.nano, ruled out for holding no pod: no prefix-delegation no-fallback warning, as option reason or group warning', () => {
    const out = recommend(base({ nodeGroups: [win({ instanceType: 't3.nano' }), lin()] }));
    const pd = option(out, 'VPC_CNI_PREFIX_DELEGATION');
    expect(pd.reasons.filter((r) => r.rule === 'NODE_GROUP_NO_POD_CAPACITY').map((r) => r.nodeGroups)).toEqual([['windows']]);
    expect(pd.reasons.map((r) => r.rule)).not.toContain('WINDOWS_PD_NO_FALLBACK');
    const c = pd.consequences.find((x) => x.nodeGroup === 'windows')!;
    expect(c.effectiveIpMode).toBe('PREFIX_DELEGATION');
    expect(c.warnings.map((w) => w.code)).toContain('NO_ALLOCATABLE_RESOURCES');
    expect(c.warnings.map((w) => w.code)).not.toContain('WINDOWS_PREFIX_DELEGATION_NO_FALLBACK');
  });

  it('beside a t3.nano group, a Windows m5.large group still gets the no-fallback warning, and only it is named', () => {
    const out = recommend(
      base({ nodeGroups: [win({ name: 'nano', instanceType: 't3.nano' }), win({ name: 'large' }), lin()], windowsPods: 30 }),
    );
    const pd = option(out, 'VPC_CNI_PREFIX_DELEGATION');
    expect(pd.reasons.find((r) => r.rule === 'WINDOWS_PD_NO_FALLBACK')?.nodeGroups).toEqual(['large']);
    const large = pd.consequences.find((x) => x.nodeGroup === 'large')!;
    expect(large.warnings.map((w) => w.code)).toContain('WINDOWS_PREFIX_DELEGATION_NO_FALLBACK');
    const nano = pd.consequences.find((x) => x.nodeGroup === 'nano')!;
    expect(nano.warnings.map((w) => w.code)).not.toContain('WINDOWS_PREFIX_DELEGATION_NO_FALLBACK');
  });

  it('m5.large keeps the guidance 110 below its W of 144', () => {
    const out = recommend(base({ windowsPods: 90 }));
    expect(setting(out, 'maxPodsPerNode')?.value).toBe(110);
  });
});

describe('deriveWindowsServiceDefaults (awsdocs/amazon-eks-user-guide eks-optimized-windows-ami)', () => {
  it.each([
    ['10.0.0.0/24', '172.20.0.0/16', '172.20.0.10'], // primary IP in 10.0.0.0/8
    ['10.255.3.0/24', '172.20.0.0/16', '172.20.0.10'],
    ['100.64.0.0/24', '10.100.0.0/16', '10.100.0.10'], // outside 10.0.0.0/8
    ['172.31.0.0/20', '10.100.0.0/16', '10.100.0.10'],
    ['192.168.1.0/24', '10.100.0.0/16', '10.100.0.10'],
  ])('a node in %s defaults to %s (DNS %s)', (subnet, serviceCidr, dnsClusterIp) => {
    expect(deriveWindowsServiceDefaults(subnet)).toEqual({ serviceCidr, dnsClusterIp });
  });

  it('no mismatch, no reason: nodes in 10.0.0.0/24 with the 172.20.0.0/16 default', () => {
    const out = recommend(base({ serviceIpv4Cidr: '172.20.0.0/16' }));
    expect(out.notes.map((n) => n.rule)).not.toContain('WINDOWS_SERVICE_CIDR_MISMATCH');
    expect(setting(out, '-ServiceCIDR')).toBeUndefined();
  });
});

describe('recommendCni: the settings name the templates of the provisioner', () => {
  // m5.large wanting 30 pods a node: PD wins, kubelet 110 (2 vCPUs <= 30); 150 Services: DSR, 1.31 flags.
  const windowsSettings = (provisioner: (typeof PROVISIONERS)[number]) =>
    recommend(base({ windowsPods: 90, servicesPerWindowsNode: 150, provisioner })).settings.filter(
      (x) => x.nodeGroup === 'windows' || x.target === 'KUBE_PROXY',
    );

  it.each([
    {
      provisioner: 'EKSCTL',
      templates: ['eksctl-windows-cluster', 'windows-userdata-dsr-patch', 'windows-userdata-bootstrap-dsr'],
      maxPods: ['maxPodsPerNode', 110],
      dsr: ['preBootstrapCommands', `kube-proxy ${DSR_1_31.join(' ')}`],
    },
    {
      provisioner: 'KARPENTER',
      templates: ['karpenter-windows-nodepool'],
      maxPods: ['spec.kubelet.maxPods', 110],
      dsr: ['spec.userData', `DSR patch of Start-EKSBootstrap.ps1: kube-proxy ${DSR_1_31.join(' ')}`],
    },
    {
      provisioner: 'TERRAFORM_SELF_MANAGED',
      templates: ['terraform-eks-windows-self-managed-node-group'],
      // One string variable: max-pods and DSR in one value.
      maxPods: ['bootstrap_extra_args', `-KubeletExtraArgs '--max-pods=110' -KubeProxyExtraArgs '${DSR_1_31.join(' ')}'`],
      dsr: ['bootstrap_extra_args', `-KubeletExtraArgs '--max-pods=110' -KubeProxyExtraArgs '${DSR_1_31.join(' ')}'`],
    },
    {
      provisioner: 'TERRAFORM_MANAGED',
      templates: ['terraform-eks-windows-managed-node-group'],
      // No bootstrap_extra_args: a managed group without a custom AMI ignores it; the kubelet setting says so.
      maxPods: ['--max-pods', 110],
      dsr: ['pre_bootstrap_user_data', `DSR patch of Start-EKSBootstrap.ps1: kube-proxy ${DSR_1_31.join(' ')}`],
    },
    {
      provisioner: 'MANAGED_NODE_GROUP',
      templates: ['eksctl-windows-cluster', 'windows-userdata-dsr-patch'],
      maxPods: ['--max-pods', 110],
      dsr: ['preBootstrapCommands', `kube-proxy ${DSR_1_31.join(' ')}`],
    },
  ] as const)('$provisioner', ({ provisioner, templates, maxPods, dsr }) => {
    const settings = windowsSettings(provisioner);
    const ids = [...new Set(settings.map((x) => x.templateId).filter((x) => x !== null))];
    expect(ids.sort()).toEqual([...templates].sort());
    expect(
      settings.find((x) => x.key === maxPods[0] && x.value === maxPods[1]),
      JSON.stringify(settings),
    ).toBeDefined();
    expect(
      settings.find((x) => x.key === dsr[0] && x.value === dsr[1]),
      JSON.stringify(settings),
    ).toBeDefined();
    for (const x of settings) expect(x.source.trim()).not.toBe('');
  });

  // Windows nodes in 100.64.0.0/24 default to 10.100.0.0/16; the cluster's is 172.20.0.0/16 (DNS 172.20.0.10).
  it.each([
    { provisioner: 'KARPENTER', key: 'spec.userData', value: 'SERVICE_IPV4_CIDR=172.20.0.0/16', templateId: 'karpenter-windows-nodepool' },
    {
      provisioner: 'TERRAFORM_SELF_MANAGED',
      key: 'bootstrap_extra_args',
      value: "-ServiceCIDR '172.20.0.0/16' -DNSClusterIP '172.20.0.10'",
      templateId: 'terraform-eks-windows-self-managed-node-group',
    },
    {
      provisioner: 'TERRAFORM_MANAGED',
      key: 'pre_bootstrap_user_data',
      value: 'SERVICE_IPV4_CIDR=172.20.0.0/16',
      templateId: 'terraform-eks-windows-managed-node-group',
    },
    { provisioner: 'MANAGED_NODE_GROUP', key: 'preBootstrapCommands', value: 'SERVICE_IPV4_CIDR=172.20.0.0/16', templateId: null },
  ] as const)('$provisioner: the Service CIDR goes where that provisioner takes it ($key)', ({ provisioner, key, value, templateId }) => {
    const out = recommend(
      base({ nodeGroups: [win({ subnetCidrs: ['100.64.0.0/24'] }), lin()], serviceIpv4Cidr: '172.20.0.0/16', provisioner }),
    );
    const cidr = out.settings.filter((x) => x.nodeGroup === 'windows' && String(x.value).includes('172.20.0.'));
    expect(cidr[0]).toMatchObject({ key, value, templateId });
    expect(cidr).toHaveLength(1);
  });

  // eksctl-io/eksctl pkg/nodebootstrap/windows.go: eksctl's own call passes -ServiceCIDR and -DNSClusterIP.
  it("EKSCTL: eksctl's own bootstrap call passes the cluster's Service CIDR, so nothing is set and the note is INFO", () => {
    const out = recommend(base({ nodeGroups: [win({ subnetCidrs: ['100.64.0.0/24'] }), lin()], serviceIpv4Cidr: '172.20.0.0/16' }));
    expect(out.dsr.enable).toBe(false);
    expect(out.settings.filter((x) => String(x.value).includes('172.20.0.'))).toEqual([]);
    const note = out.notes.find((n) => n.rule === 'WINDOWS_SERVICE_CIDR_MISMATCH');
    expect(note).toMatchObject({ severity: 'INFO' });
    expect(note?.message).toContain("eksctl's own bootstrap call passes the cluster's Service CIDR and DNS address");
    expect(note?.message).toContain("must pass -ServiceCIDR '172.20.0.0/16' -DNSClusterIP '172.20.0.10'");
    expect(note?.source).toContain('eksctl-io/eksctl pkg/nodebootstrap/windows.go');
    for (const o of out.options) expect(o.reasons.map((r) => r.rule)).not.toContain('WINDOWS_SERVICE_CIDR_MISMATCH');
  });

  it("EKSCTL with DSR: the userdata template replaces eksctl's call, so it gets -ServiceCIDR and -DNSClusterIP", () => {
    const out = recommend(
      base({ nodeGroups: [win({ subnetCidrs: ['100.64.0.0/24'] }), lin()], serviceIpv4Cidr: '172.20.0.0/16', servicesPerWindowsNode: 600 }),
    );
    expect(out.dsr.enable).toBe(true);
    expect(setting(out, '-ServiceCIDR')).toMatchObject({
      target: 'WINDOWS_BOOTSTRAP',
      value: '172.20.0.0/16',
      nodeGroup: 'windows',
      templateId: 'windows-userdata-bootstrap-dsr',
    });
    expect(setting(out, '-DNSClusterIP')).toMatchObject({ value: '172.20.0.10', nodeGroup: 'windows' });
    expect(setting(out, '-ServiceCIDR')?.reason).toContain("replaces eksctl's bootstrap call");
  });

  // The AMI hint follows the group's Windows Server release (2022 when not given) with every provisioner.
  it.each([
    {
      provisioner: 'EKSCTL',
      key: 'amiFamily',
      values: ['WindowsServer2019CoreContainer', 'WindowsServer2022CoreContainer', 'WindowsServer2025CoreContainer'],
    },
    {
      provisioner: 'KARPENTER',
      key: 'spec.amiSelectorTerms[].alias',
      values: ['windows2019@latest', 'windows2022@latest', 'windows2025@latest'],
    },
    {
      provisioner: 'TERRAFORM_SELF_MANAGED',
      key: 'ami_type',
      values: ['WINDOWS_CORE_2019_x86_64', 'WINDOWS_CORE_2022_x86_64', 'WINDOWS_CORE_2025_x86_64'],
    },
    {
      provisioner: 'TERRAFORM_MANAGED',
      key: 'ami_type',
      values: ['WINDOWS_CORE_2019_x86_64', 'WINDOWS_CORE_2022_x86_64', 'WINDOWS_CORE_2025_x86_64'],
    },
    {
      provisioner: 'MANAGED_NODE_GROUP',
      key: 'amiFamily',
      values: ['WindowsServer2019CoreContainer', 'WindowsServer2022CoreContainer', 'WindowsServer2025CoreContainer'],
    },
  ] as const)("$provisioner: the AMI ($key) is the group's Windows Server release", ({ provisioner, key, values }) => {
    const ami = (windowsServerVersion?: CniNodeGroupInput['windowsServerVersion']) =>
      recommend(
        base({ kubernetesVersion: '1.35', provisioner, nodeGroups: [win(windowsServerVersion ? { windowsServerVersion } : {}), lin()] }),
      ).settings.find((x) => x.nodeGroup === 'windows' && x.key === key);
    expect(['WINDOWS_SERVER_2019', 'WINDOWS_SERVER_2022', 'WINDOWS_SERVER_2025'].map((v) => ami(v as never)?.value)).toEqual(values);
    expect(ami('WINDOWS_SERVER_2025')?.reason).toContain('Windows Server 2025');
    expect(ami('WINDOWS_SERVER_2025')?.reason).toContain('10.0.26100');
    expect(ami()?.value).toBe(values[1]); // not given: the 2022 hint
    expect(ami()?.reason).toMatch(/^(In managedNodeGroups \(nodeGroupType "managed"\): )?A hint/);
  });

  // PD (max-pods 110), DSR (150 Services) and Windows nodes in 100.64.0.0/24 defaulting to 10.100.0.0/16, not the cluster's 172.20.0.0/16.
  const everything = (provisioner: (typeof PROVISIONERS)[number]) =>
    recommend(
      base({
        windowsPods: 90,
        servicesPerWindowsNode: 150,
        provisioner,
        serviceIpv4Cidr: '172.20.0.0/16',
        nodeGroups: [win({ subnetCidrs: ['100.64.0.0/24'] }), lin()],
      }),
    ).settings.filter((x) => x.nodeGroup === 'windows' && x.target === 'TERRAFORM_NODE_GROUP');

  it('TERRAFORM_SELF_MANAGED: one bootstrap_extra_args holding max-pods, DSR and the Service CIDR', () => {
    const args = everything('TERRAFORM_SELF_MANAGED').filter((x) => x.key === 'bootstrap_extra_args');
    expect(args).toHaveLength(1);
    expect(args[0].value).toBe(
      `-KubeletExtraArgs '--max-pods=110' -KubeProxyExtraArgs '${DSR_1_31.join(' ')}' -ServiceCIDR '172.20.0.0/16' -DNSClusterIP '172.20.0.10'`,
    );
    expect(args[0].reason).toMatch(
      /^One bootstrap_extra_args for windows, with all 3 parts: \(1\) -KubeletExtraArgs .*\(2\) -KubeProxyExtraArgs .*\(3\) -ServiceCIDR /,
    );
    expect(args[0].source).toContain('eks-optimized-windows-ami');
  });

  it('TERRAFORM_MANAGED: one pre_bootstrap_user_data with the DSR patch and the Service CIDR, no bootstrap_extra_args', () => {
    const settings = everything('TERRAFORM_MANAGED');
    expect(settings.filter((x) => x.key === 'bootstrap_extra_args')).toEqual([]);
    const pre = settings.filter((x) => x.key === 'pre_bootstrap_user_data');
    expect(pre).toHaveLength(1);
    expect(pre[0].value).toBe(`DSR patch of Start-EKSBootstrap.ps1: kube-proxy ${DSR_1_31.join(' ')}\nSERVICE_IPV4_CIDR=172.20.0.0/16`);
    expect(pre[0].reason).toContain('with all 2 parts');
  });

  it('the default is EKSCTL, and the answer says which provisioner it used', () => {
    expect(recommend(base()).input.provisioner).toBe('EKSCTL');
    expect(recommend(base({ provisioner: 'KARPENTER' })).input.provisioner).toBe('KARPENTER');
  });
});

describe('recommendCni: node groups that share a subnet are checked together', () => {
  // Two Windows m5.large groups of 20 nodes on one /24, 90 pods each (ceil(90 / 20) = 5 a node):
  // each alone takes 180 of the 251 usable addresses (2^8 - 5), together 360 of 251.
  const shared = base({
    windowsPods: 180,
    linuxPods: 0,
    nodeGroups: [win({ name: 'win-a', nodes: 20 }), win({ name: 'win-b', nodes: 20 })],
  });

  it('a shared subnet holds what all its groups take: secondary IP is exhausted, not recommended', () => {
    const out = recommend(shared);
    const sec = option(out, 'VPC_CNI_SECONDARY_IP');
    for (const [name, other] of [
      ['win-a', 'win-b'],
      ['win-b', 'win-a'],
    ]) {
      const c = sec.consequences.find((x) => x.nodeGroup === name)!;
      expect(c.subnet).toMatchObject({ ipsConsumed: 180, usableAddresses: 251, ipsLeft: 251 - 360, fits: false, sharedWith: [other] });
      expect(c.subnet?.message).toContain(`shares 10.0.0.0/24 with ${other}`);
      expect(c.subnet?.message).toContain('360 of 251 usable addresses');
      expect(c.formula.at(-1)).toBe('shared subnets 10.0.0.0/24 (win-a, win-b): IPs = 180 + 180 = 360 of 251 usable');
    }
    expect(sec.verdict).not.toBe('RECOMMENDED');
    expect(sec.reasons.map((r) => r.rule)).toContain('SUBNET_CANNOT_HOLD_NODE_GROUP');
  });

  it('groups on subnets of their own are checked alone, as before', () => {
    const apart = base({
      windowsPods: 180,
      linuxPods: 0,
      nodeGroups: [win({ name: 'win-a', nodes: 20 }), win({ name: 'win-b', nodes: 20, subnetCidrs: ['10.0.2.0/24'] })],
    });
    const c = option(recommend(apart), 'VPC_CNI_SECONDARY_IP').consequences.find((x) => x.nodeGroup === 'win-a')!;
    expect(c.subnet).toMatchObject({ ipsConsumed: 180, usableAddresses: 251, ipsLeft: 71, fits: true, sharedWith: [] });
    expect(c.subnet?.message).not.toContain('shares');
  });

  it('a chain a-b-c (a and c share no subnet): each message names only the groups on its own subnets as sharing', () => {
    const chain = base({
      windowsPods: 60,
      linuxPods: 0,
      nodeGroups: [
        win({ name: 'a', nodes: 2, subnetCidrs: ['10.0.1.0/24', '10.0.2.0/24'] }),
        win({ name: 'b', nodes: 2, subnetCidrs: ['10.0.2.0/24', '10.0.3.0/24'] }),
        win({ name: 'c', nodes: 2, subnetCidrs: ['10.0.3.0/24'] }),
      ],
    });
    const sec = option(recommend(chain), 'VPC_CNI_SECONDARY_IP');
    const msg = (name: string) => sec.consequences.find((x) => x.nodeGroup === name)!.subnet!.message;
    expect(msg('a')).toMatch(
      /^fits: shares 10\.0\.2\.0\/24 with b \(and, through shared subnets, draws on the pool of c\): together \d+ nodes use \d+ of 753 usable addresses$/,
    );
    expect(msg('b')).toMatch(
      /^fits: shares 10\.0\.2\.0\/24, 10\.0\.3\.0\/24 with a, c: together \d+ nodes use \d+ of 753 usable addresses$/,
    );
    expect(msg('c')).toMatch(
      /^fits: shares 10\.0\.3\.0\/24 with b \(and, through shared subnets, draws on the pool of a\): together \d+ nodes use \d+ of 753 usable addresses$/,
    );
    // The pool is the set's: every group, every subnet of the set (3 x 251 usable).
    expect(sec.consequences.find((x) => x.nodeGroup === 'a')!.subnet).toMatchObject({ usableAddresses: 753, sharedWith: ['b', 'c'] });
  });

  it('a Linux and a Windows group on one subnet that holds both: fits, and says so', () => {
    const out = recommend(base({ nodeGroups: [win(), lin({ subnetCidrs: ['10.0.0.0/24'] })] }));
    const c = option(out, 'VPC_CNI_SECONDARY_IP').consequences.find((x) => x.nodeGroup === 'linux')!;
    expect(c.subnet?.fits).toBe(true);
    expect(c.subnet?.message).toMatch(/^fits: shares 10\.0\.0\.0\/24 with windows: together 5 nodes use \d+ of 251 usable addresses$/);
  });
});

describe('recommendCni: the Windows policy engine only where Calico for Windows can run', () => {
  const policy = { networkPolicyOnWindows: true, networkPolicyOnLinux: true };

  it.each([
    { name: 'IPv6', over: { ipFamily: 'IPV6' as const } },
    { name: 'Fargate', over: { platform: 'FARGATE' as const } },
    { name: 'Auto Mode', over: { platform: 'AUTO_MODE' as const } },
    { name: 'Hybrid Nodes', over: { platform: 'HYBRID_NODES' as const } },
  ])('$name: no Windows nodes, no Calico; Linux policy with the VPC CNI agent', ({ over }) => {
    const out = recommend(base({ ...over, needs: policy }));
    expect(out.networkPolicyEngine.engine).toBe('VPC_CNI');
    const rules = out.networkPolicyEngine.reasons.map((r) => r.rule);
    expect(rules).not.toContain('WINDOWS_POLICY_NEEDS_CALICO_POLICY_ONLY');
    expect(rules).toContain('LINUX_POLICY_VPC_CNI');
    // Asked for but not applicable: its own rule, not "no NetworkPolicy was asked for".
    expect(rules).not.toContain('NO_NETWORK_POLICY_NEEDED');
    expect(out.networkPolicyEngine.reasons.find((r) => r.rule === 'WINDOWS_POLICY_NOT_APPLICABLE')?.message).toContain(
      'cannot run in this cluster',
    );
    expect(out.settings.filter((s) => s.target === 'CALICO_INSTALLATION')).toEqual([]);
    expect(setting(out, 'enableNetworkPolicy')?.value).toBe('true');
    expect(out.dsr.enable).toBe(false);
  });

  it('Windows policy asked for in a cluster without Windows node groups: said under its own rule', () => {
    const out = recommend(base({ nodeGroups: [lin()], windowsPods: 0, needs: policy }));
    const rules = out.networkPolicyEngine.reasons.map((r) => r.rule);
    expect(rules).toContain('WINDOWS_POLICY_NOT_APPLICABLE');
    expect(rules).not.toContain('NO_NETWORK_POLICY_NEEDED');
    expect(out.networkPolicyEngine.engine).toBe('VPC_CNI');
  });

  it('only Windows Server 2025 groups: no Calico, says why, and no DSR for Calico policy', () => {
    const out = recommend(
      base({ kubernetesVersion: '1.35', nodeGroups: [win({ windowsServerVersion: 'WINDOWS_SERVER_2025' }), lin()], needs: policy }),
    );
    expect(out.networkPolicyEngine.engine).toBe('VPC_CNI');
    const ws2025 = out.networkPolicyEngine.reasons.find((r) => r.rule === 'WINDOWS_SERVER_2025_NETWORK_POLICY_UNSUPPORTED');
    expect(ws2025).toMatchObject({ nodeGroups: ['windows'] });
    expect(ws2025?.message).toContain('no Calico is installed for Windows');
    expect(out.networkPolicyEngine.reasons.map((r) => r.rule)).not.toContain('WINDOWS_POLICY_NEEDS_CALICO_POLICY_ONLY');
    expect(out.settings.filter((s) => s.target === 'CALICO_INSTALLATION')).toEqual([]);
    expect(setting(out, 'ANNOTATE_POD_IP')).toBeUndefined();
    expect(out.dsr.enable).toBe(false);
    expect(out.dsr.reasons.map((r) => r.rule)).not.toContain('CALICO_POLICY_DSR');
  });

  it('Windows Server 2022 and 2025 groups: Calico for the 2022 group, the 2025 group said to be unprotected', () => {
    const out = recommend(
      base({
        kubernetesVersion: '1.35',
        nodeGroups: [
          win({ name: 'win2025', windowsServerVersion: 'WINDOWS_SERVER_2025' }),
          win({ name: 'win2022', windowsServerVersion: 'WINDOWS_SERVER_2022', subnetCidrs: ['10.0.2.0/24'] }),
          lin(),
        ],
        needs: policy,
      }),
    );
    expect(out.networkPolicyEngine.engine).toBe('CALICO_POLICY_ONLY');
    const [ws2025, calico] = ['WINDOWS_SERVER_2025_NETWORK_POLICY_UNSUPPORTED', 'WINDOWS_POLICY_NEEDS_CALICO_POLICY_ONLY'].map((rule) =>
      out.networkPolicyEngine.reasons.find((r) => r.rule === rule),
    );
    expect(ws2025).toMatchObject({ nodeGroups: ['win2025'] });
    expect(ws2025?.message).toContain('Calico protects only win2022');
    expect(calico).toMatchObject({ nodeGroups: ['win2022'] });
    expect(out.dsr.reasons.map((r) => r.rule)).toContain('CALICO_POLICY_DSR');
  });
});

describe('recommendCni: a load-balanced Service fronts at most 1024 Windows back-end pods (awsdocs/amazon-eks-user-guide network-load-balancing)', () => {
  const cluster = (windowsPods: number) =>
    recommend(
      base({
        nodeGroups: [win({ instanceType: 'm5.4xlarge', nodes: 20, subnetCidrs: ['10.1.0.0/17'] }), lin()],
        windowsPods,
      }),
    );

  it('1025 Windows pods: an INFO note names the limit and its source', () => {
    const note = cluster(1025).notes.find((n) => n.rule === 'WINDOWS_SERVICE_BACKENDS_LIMIT');
    expect(note).toEqual({
      rule: 'WINDOWS_SERVICE_BACKENDS_LIMIT',
      severity: 'INFO',
      message:
        '1025 Windows pods: a single Service with a load balancer supports up to 1024 Windows back-end pods (each with its own IP); put more replicas than that behind several Services.',
      source:
        'awsdocs/amazon-eks-user-guide network-load-balancing (a single Service with a load balancer supports up to 1024 Windows back-end pods)',
    });
  });

  it('1024 Windows pods, the limit itself: no note', () => {
    expect(cluster(1024).notes.map((n) => n.rule)).not.toContain('WINDOWS_SERVICE_BACKENDS_LIMIT');
  });
});

describe('recommendCni: custom networking is not available in an IPv6 cluster (awsdocs/amazon-eks-user-guide cni-ipv6, "Custom networking not supported")', () => {
  it('a Linux-only IPv6 cluster: custom networking is UNSUPPORTED with the reason, the other VPC CNI modes are not', () => {
    const out = recommend(base({ ipFamily: 'IPV6', nodeGroups: [lin()], windowsPods: 0 }));
    const custom = option(out, 'VPC_CNI_CUSTOM_NETWORKING');
    expect(custom.verdict).toBe('UNSUPPORTED');
    const why = custom.reasons.find((r) => r.rule === 'CUSTOM_NETWORKING_NOT_ON_IPV6');
    expect(why?.effect).toBe('RULES_OUT');
    expect(why?.source).toBe('awsdocs/amazon-eks-user-guide cni-ipv6 ("Custom networking not supported" with IPv6)');
    expect(why?.nodeGroups).toEqual(['linux']);
    expect(option(out, 'VPC_CNI_PREFIX_DELEGATION').verdict).not.toBe('UNSUPPORTED');
  });

  it('an IPv4 cluster keeps custom networking assessable', () => {
    const out = recommend(base({ nodeGroups: [lin()], windowsPods: 0 }));
    expect(option(out, 'VPC_CNI_CUSTOM_NETWORKING').reasons.map((r) => r.rule)).not.toContain('CUSTOM_NETWORKING_NOT_ON_IPV6');
    expect(option(out, 'VPC_CNI_CUSTOM_NETWORKING').verdict).not.toBe('UNSUPPORTED');
  });
});

describe('recommendCni: an IPv6 cluster takes Nitro-based EC2 nodes only (awsdocs/amazon-eks-user-guide cni-ipv6, "Nitro-based EC2 nodes required")', () => {
  it('a Xen Linux group (t2.medium) in an IPv6 cluster: every VPC CNI option UNSUPPORTED for it, with the reason', () => {
    const out = recommend(base({ ipFamily: 'IPV6', nodeGroups: [lin({ instanceType: 't2.medium' })], windowsPods: 0 }));
    for (const o of ['VPC_CNI_SECONDARY_IP', 'VPC_CNI_PREFIX_DELEGATION', 'VPC_CNI_CUSTOM_NETWORKING'] as const) {
      expect(option(out, o).verdict).toBe('UNSUPPORTED');
      const why = option(out, o).reasons.find((r) => r.rule === 'IPV6_NEEDS_NITRO');
      expect(why).toMatchObject({
        effect: 'RULES_OUT',
        nodeGroups: ['linux'],
        source: 'awsdocs/amazon-eks-user-guide cni-ipv6 (no Windows support; Nitro only)',
        message: 'IPv6 cluster: only Nitro-based EC2 nodes can be used, and linux (t2.medium, xen) is not: choose a Nitro type.',
      });
    }
  });

  it('a Nitro Linux group in an IPv6 cluster, or a Xen one in an IPv4 cluster: no such reason', () => {
    const rules = (out: CniRecommendation) => out.options.flatMap((o) => o.reasons.map((r) => r.rule));
    expect(rules(recommend(base({ ipFamily: 'IPV6', nodeGroups: [lin()], windowsPods: 0 })))).not.toContain('IPV6_NEEDS_NITRO');
    expect(rules(recommend(base({ nodeGroups: [lin({ instanceType: 't2.medium' })], windowsPods: 0 })))).not.toContain('IPV6_NEEDS_NITRO');
  });
});

describe('recommendCni: a Windows Server 2025 group below EKS 1.35 has no AMI (awsdocs/amazon-eks-user-guide eks-ami-versions-windows: 2025 AMIs for 1.35 only)', () => {
  it.each(PROVISIONERS)(
    '%s on 1.34: every VPC CNI option UNSUPPORTED for the group, and no 2025 AMI setting or template it refuses',
    (provisioner) => {
      const out = recommend(
        base({ kubernetesVersion: '1.34', provisioner, nodeGroups: [win({ windowsServerVersion: 'WINDOWS_SERVER_2025' }), lin()] }),
      );
      expect(out.recommended).toBeNull();
      for (const o of ['VPC_CNI_SECONDARY_IP', 'VPC_CNI_PREFIX_DELEGATION', 'VPC_CNI_CUSTOM_NETWORKING'] as const) {
        expect(option(out, o).verdict).toBe('UNSUPPORTED');
        expect(option(out, o).reasons.find((r) => r.rule === 'WINDOWS_SERVER_VERSION_GATE')).toMatchObject({
          effect: 'RULES_OUT',
          nodeGroups: ['windows'],
        });
      }
      expect(out.settings.filter((x) => String(x.value).includes('2025'))).toEqual([]);
    },
  );

  it('on 1.35 the same group is not ruled out by the gate', () => {
    const out = recommend(base({ kubernetesVersion: '1.35', nodeGroups: [win({ windowsServerVersion: 'WINDOWS_SERVER_2025' }), lin()] }));
    expect(out.recommended).toBe('VPC_CNI_SECONDARY_IP');
    expect(out.options.flatMap((o) => o.reasons.map((r) => r.rule))).not.toContain('WINDOWS_SERVER_VERSION_GATE');
    expect(out.settings.find((x) => x.key === 'amiFamily')?.value).toBe('WindowsServer2025CoreContainer');
  });
});

describe('recommendCni: an IPv6 cluster runs the VPC CNI in prefix assignment mode only (awsdocs/amazon-eks-user-guide cni-ipv6)', () => {
  it('a Linux IPv6 cluster: secondary-IP mode is UNSUPPORTED with the reason, prefix delegation stays open and is recommended', () => {
    const out = recommend(base({ ipFamily: 'IPV6', nodeGroups: [lin()], windowsPods: 0 }));
    const sec = option(out, 'VPC_CNI_SECONDARY_IP');
    expect(sec.verdict).toBe('UNSUPPORTED');
    expect(sec.reasons.find((r) => r.rule === 'SECONDARY_IP_NOT_ON_IPV6')).toMatchObject({
      effect: 'RULES_OUT',
      nodeGroups: ['linux'],
      source: 'awsdocs/amazon-eks-user-guide cni-ipv6 (the VPC CNI supports IPv6 in prefix assignment mode only)',
      message:
        'IPv6 cluster: the VPC CNI assigns pod IPv6 addresses in prefix assignment mode only (one /80 per ENI), so secondary-IP mode is not available; use prefix delegation.',
    });
    expect(option(out, 'VPC_CNI_PREFIX_DELEGATION').verdict).not.toBe('UNSUPPORTED');
    expect(option(out, 'VPC_CNI_PREFIX_DELEGATION').reasons.map((r) => r.rule)).not.toContain('SECONDARY_IP_NOT_ON_IPV6');
    expect(out.recommended).toBe('VPC_CNI_PREFIX_DELEGATION');
  });

  it('an IPv4 cluster keeps secondary-IP mode open', () => {
    const out = recommend(base({ nodeGroups: [lin()], windowsPods: 0 }));
    expect(option(out, 'VPC_CNI_SECONDARY_IP').reasons.map((r) => r.rule)).not.toContain('SECONDARY_IP_NOT_ON_IPV6');
    expect(option(out, 'VPC_CNI_SECONDARY_IP').verdict).not.toBe('UNSUPPORTED');
  });
});
