import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../capacity/core/capacity.test-fixtures.js';
import { DomainError } from '../../common/domain-error.js';
import { projectPath } from '../../common/project-path.js';
import { auditCluster, type ClusterAuditInput } from './cluster-audit.js';

// A synthetic cluster dump (kubectl get nodes -o json, the amazon-vpc-cni ConfigMap, kubectl get
// networkpolicies -A -o yaml, the Calico policies) with seeded problems, each to be found. Capacity
// from the capacity engine (VPCRC pkg/aws/vpc/limits.go); policy rules from the Windows policy check
// (projectcalico/calico felix/dataplane/windows/policysets/policysets.go).

const fixture = (name: string) => readFileSync(projectPath('test', 'fixtures', 'cluster-state', name), 'utf8');
const byName = new Map(catalog().types.map((t) => [t.name, t]));
const DUMP: ClusterAuditInput = {
  nodesJson: fixture('cluster-nodes.json'),
  vpcCniConfigMap: fixture('cluster-vpc-cni-configmap.yaml'),
  networkPolicies: fixture('cluster-networkpolicies.yaml'),
  calicoPolicies: fixture('cluster-calico-policies.yaml'),
  servicesCount: 150,
  kubernetesVersion: '1.31',
};

const LINUX_NODE = 'ip-10-0-32-40.eu-west-1.compute.internal';

/** A Pod as `kubectl get nodes,pods -A -o json` lists it among the Nodes. */
const pod = (name: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'shop', labels: { app: 'web', 'kubernetes.io/os': 'windows' } },
  spec: { nodeName: LINUX_NODE },
  status: { phase: 'Running' },
});
const withItems = (items: unknown[]) => JSON.stringify({ apiVersion: 'v1', kind: 'List', items });

describe('auditCluster: the seeded dump', () => {
  const audit = auditCluster(DUMP, byName);
  const find = (code: string, subject?: string) =>
    audit.findings.filter((f) => f.code === code && (subject === undefined || f.subject === subject));

  it('reads the nodes and node groups', () => {
    expect(audit).toMatchObject({ nodes: 6, windowsNodes: 5, linuxNodes: 1, policiesChecked: 3, servicesCount: 150 });
    expect(audit.nodeGroups.map((g) => [g.name, g.os, g.instanceTypes.join(','), g.nodes])).toEqual([
      ['linux-system', 'LINUX', 'm5.large', 1],
      ['win-2022-pd', 'WINDOWS', 'm5.large', 2],
      ['win-xen', 'WINDOWS', 't2.large', 1],
      ['win-graviton', 'WINDOWS', 'm6g.large', 1],
      ['win-2025', 'WINDOWS', 'm6i.large', 1],
    ]);
  });

  it.each([
    // One Linux node for CoreDNS: better two (UG windows-support).
    { code: 'ONE_LINUX_NODE', subject: 'cluster', nodes: [] },
    // warm-ip-target and windows-warm-ip-target: the controller reads the un-prefixed key first.
    { code: 'WARM_POOL_KEYS_BOTH_FAMILIES', subject: 'kube-system/amazon-vpc-cni', nodes: [] },
    // m5.large PD: W = (10 - 1) * 16 = 144; one node advertises 9 (still secondary-IP: 10 - 1).
    { code: 'WINDOWS_NODE_FEWER_IPS', subject: 'win-2022-pd', nodes: ['ip-10-0-33-7.eu-west-1.compute.internal'] },
    // pods 110 < W 144 on both m5.large nodes.
    {
      code: 'WINDOWS_NODE_FEWER_PODS',
      subject: 'win-2022-pd',
      nodes: ['ip-10-0-32-10.eu-west-1.compute.internal', 'ip-10-0-33-7.eu-west-1.compute.internal'],
    },
    // t2.large is Xen: PD falls back to secondary IP, W = 12 - 1 = 11 ...
    { code: 'PREFIX_DELEGATION_SILENT_FALLBACK', subject: 'win-xen', nodes: ['ip-10-0-33-20.eu-west-1.compute.internal'] },
    // ... and kubelet accepts 110 pods > 11 IPs.
    { code: 'WINDOWS_NODE_MORE_PODS_THAN_IPS', subject: 'win-xen', nodes: ['ip-10-0-33-20.eu-west-1.compute.internal'] },
    // m6g.large is arm64: no EKS-optimized Windows AMI.
    { code: 'WINDOWS_TYPE_UNSUPPORTED', subject: 'win-graviton', nodes: ['ip-10-0-33-30.eu-west-1.compute.internal'] },
    // m6i.large PD: W = (10 - 1) * 16 = 144 > 110 pods.
    { code: 'WINDOWS_NODE_FEWER_PODS', subject: 'win-2025', nodes: ['ip-10-0-34-5.eu-west-1.compute.internal'] },
    // windows-build 10.0.26100 with Calico and Kubernetes policies.
    { code: 'WINDOWS_2025_WITH_CALICO_POLICIES', subject: 'win-2025', nodes: ['ip-10-0-34-5.eu-west-1.compute.internal'] },
    // 150 Services > 100, DSR not on: one finding a Windows group, each with how that group turns DSR on.
    { code: 'WINDOWS_SERVICES_WITHOUT_DSR', subject: 'win-2022-pd', nodeCount: 2, fix: { templateId: 'windows-userdata-dsr-patch' } },
    { code: 'WINDOWS_SERVICES_WITHOUT_DSR', subject: 'win-xen', nodeCount: 1 },
    { code: 'WINDOWS_SERVICES_WITHOUT_DSR', subject: 'win-graviton', nodeCount: 1 },
    { code: 'WINDOWS_SERVICES_WITHOUT_DSR', subject: 'win-2025', nodeCount: 1, fix: { templateId: 'windows-userdata-dsr-patch' } },
    // ipBlock.except becomes notNets: skipped on Windows.
    { code: 'WINDOWS_POLICY_NEGATIVE_MATCH', subject: 'shop/web-egress', path: 'spec.egress[0].to[0].ipBlock.except' },
    { code: 'WINDOWS_POLICY_NEGATIVE_MATCH', subject: 'shop/deny-imds', path: 'spec.egress[0].destination.notNets' },
  ])('$code on $subject', ({ code, subject, ...expected }) => {
    const found = find(code, subject);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject(expected);
    expect(found[0].source).toMatch(/\//);
  });

  it('finds nothing else', () => {
    expect(audit.findings).toHaveLength(15);
    expect(find('WINDOWS_SERVICES_WITHOUT_DSR', 'cluster')).toEqual([]);
    expect(find('WINDOWS_IPAM_DISABLED')).toEqual([]);
    expect(find('NO_LINUX_NODES')).toEqual([]);
  });

  it('the fewer-pods finding carries the formula', () => {
    expect(find('WINDOWS_NODE_FEWER_PODS', 'win-2022-pd')[0].details[0]).toContain('W = (I - 1) * 16 = (10 - 1) * 16 = 144');
  });
});

describe('auditCluster: single problems', () => {
  const nodesOnly = (filter: (item: { metadata: { labels: Record<string, string> } }) => boolean) => {
    const doc = JSON.parse(fixture('cluster-nodes.json')) as { items: Array<{ metadata: { labels: Record<string, string> } }> };
    return JSON.stringify({ ...doc, items: doc.items.filter(filter) });
  };

  it('Windows nodes without any Linux node: CoreDNS has nowhere to run', () => {
    const audit = auditCluster({ nodesJson: nodesOnly((i) => i.metadata.labels['kubernetes.io/os'] === 'windows') }, byName);
    const none = audit.findings.find((f) => f.code === 'NO_LINUX_NODES');
    expect(none).toMatchObject({ severity: 'ERROR', subject: 'cluster' });
    // The same list is what `kubectl get nodes -l kubernetes.io/os=windows` prints: the fix says so.
    expect(none?.fix.text).toContain('without a selector');
  });

  it('one Windows Node pasted (kubectl get node NAME -o json): no ERROR for the Linux nodes it cannot show', () => {
    const doc = JSON.parse(fixture('cluster-nodes.json')) as {
      items: Array<{ metadata: { name: string; labels: Record<string, string> } }>;
    };
    const node = doc.items.find((i) => i.metadata.labels['kubernetes.io/os'] === 'windows')!;
    const audit = auditCluster({ nodesJson: JSON.stringify(node) }, byName);
    expect(audit).toMatchObject({ nodes: 1, windowsNodes: 1, linuxNodes: 0 });
    expect(audit.findings.map((f) => f.code)).not.toContain('NO_LINUX_NODES');
    expect(audit.findings.find((f) => f.code === 'LINUX_NODES_NOT_CHECKED')).toMatchObject({
      severity: 'INFO',
      subject: 'cluster',
      message: expect.stringContaining(`Only one node was pasted (${node.metadata.name}, kind Node)`),
    });
    // The same node as a List (kubectl get nodes -o json of a cluster with that one node) is the cluster: ERROR.
    const asList = auditCluster({ nodesJson: JSON.stringify({ kind: 'List', items: [node] }) }, byName);
    expect(asList.findings.find((f) => f.code === 'NO_LINUX_NODES')).toMatchObject({ severity: 'ERROR' });
    expect(asList.findings.map((f) => f.code)).not.toContain('LINUX_NODES_NOT_CHECKED');
  });

  it('one Linux Node pasted: nothing about Linux nodes either way', () => {
    const doc = JSON.parse(fixture('cluster-nodes.json')) as { items: Array<{ metadata: { name: string } }> };
    const audit = auditCluster({ nodesJson: JSON.stringify(doc.items.find((i) => i.metadata.name === LINUX_NODE)) }, byName);
    expect(audit.findings).toEqual([]);
  });

  it('Windows IPAM off in the ConfigMap', () => {
    const audit = auditCluster(
      {
        nodesJson: fixture('cluster-nodes.json'),
        vpcCniConfigMap: 'apiVersion: v1\nkind: ConfigMap\ndata:\n  enable-windows-ipam: "false"\n',
      },
      byName,
    );
    expect(audit.findings.find((f) => f.code === 'WINDOWS_IPAM_DISABLED')).toMatchObject({
      subject: 'kube-system/amazon-vpc-cni',
      nodeCount: 5,
    });
  });

  it.each([
    // Each windows-* key is read when its own un-prefixed twin is absent (VPCRC pkg/config/loader.go).
    ['warm-ip-target: "3"\n  windows-minimum-ip-target: "5"', null],
    ['warm-ip-target: "3"\n  windows-warm-ip-target: "5"', ['windows-warm-ip-target']],
    ['warm-prefix-target: "1"\n  windows-warm-prefix-target: "2"\n  windows-warm-ip-target: "5"', ['windows-warm-prefix-target']],
  ])('warm-pool keys %s: the windows-* keys shadowed by their twins are %o', (keys, shadowed) => {
    const vpcCniConfigMap = `apiVersion: v1\nkind: ConfigMap\ndata:\n  enable-windows-ipam: "true"\n  ${keys}\n`;
    const finding = auditCluster({ nodesJson: fixture('cluster-nodes.json'), vpcCniConfigMap }, byName).findings.find(
      (f) => f.code === 'WARM_POOL_KEYS_BOTH_FAMILIES',
    );
    if (shadowed === null) {
      expect(finding).toBeUndefined();
    } else {
      expect(finding?.message).toContain(`so ${shadowed.join(', ')} is ignored`);
      expect(finding?.details).toEqual(
        [...shadowed.map((k) => k.slice('windows-'.length)), ...shadowed].map((k) => expect.stringMatching(new RegExp(`^${k}: "`))),
      );
      expect(finding?.source).toContain('pkg/config/loader.go');
    }
  });

  it('a Windows Server 2025 node without the windows-build label is known by its OS image', () => {
    const doc = JSON.parse(fixture('cluster-nodes.json')) as {
      items: Array<{ metadata: { labels: Record<string, string> }; status: { nodeInfo: { osImage: string; kernelVersion: string } } }>;
    };
    const node = doc.items.find((i) => i.metadata.labels['node.kubernetes.io/windows-build'] === '10.0.26100')!;
    delete node.metadata.labels['node.kubernetes.io/windows-build'];
    node.status.nodeInfo.kernelVersion = '';
    expect(node.status.nodeInfo.osImage).toBe('Windows Server 2025 Datacenter');
    const audit = auditCluster({ nodesJson: JSON.stringify(doc), calicoPolicies: fixture('cluster-calico-policies.yaml') }, byName);
    expect(audit.findings.filter((f) => f.code === 'WINDOWS_2025_WITH_CALICO_POLICIES').map((f) => f.subject)).toEqual(['win-2025']);
  });

  it('Windows Server 2022 and 2025 groups of each kind: a DSR finding each, with the fix its provisioner takes', () => {
    const win = (name: string, groupLabels: Record<string, string>, build: string) => ({
      kind: 'Node',
      metadata: {
        name,
        labels: {
          'kubernetes.io/os': 'windows',
          'node.kubernetes.io/instance-type': 'm5.large',
          ...groupLabels,
          'node.kubernetes.io/windows-build': build,
        },
      },
      status: { allocatable: { pods: '9', 'vpc.amazonaws.com/PrivateIPv4Address': '9' } },
    });
    const linux = (name: string) => ({
      kind: 'Node',
      metadata: { name, labels: { 'kubernetes.io/os': 'linux', 'eks.amazonaws.com/nodegroup': 'sys' } },
    });
    const nodesJson = withItems([
      linux('l1'),
      linux('l2'),
      win('m22', { 'eks.amazonaws.com/nodegroup': 'mng-2022', 'alpha.eksctl.io/nodegroup-name': 'mng-2022' }, '10.0.20348'),
      win('e25', { 'alpha.eksctl.io/nodegroup-name': 'eksctl-2025' }, '10.0.26100'),
      win('k22', { 'karpenter.sh/nodepool': 'windows' }, '10.0.20348'),
      win('k25', { 'karpenter.sh/nodepool': 'windows' }, '10.0.26100'),
      win('s22', {}, '10.0.20348'),
    ]);
    const audit = auditCluster(
      { nodesJson, servicesCount: 150, kubernetesVersion: '1.32', calicoPolicies: fixture('cluster-calico-policies.yaml') },
      byName,
    );
    const dsr = audit.findings.filter((f) => f.code === 'WINDOWS_SERVICES_WITHOUT_DSR');
    expect(dsr.map((f) => [f.subjectKind, f.subject, f.nodes, f.fix.templateId])).toEqual([
      ['NODE_GROUP', 'mng-2022', ['m22'], 'windows-userdata-dsr-patch'],
      ['NODE_GROUP', 'eksctl-2025', ['e25'], 'windows-userdata-dsr-patch'],
      ['NODE_GROUP', 'windows', ['k22', 'k25'], 'windows-userdata-dsr-patch'],
      ['NODE_GROUP', '(no node group label)', ['s22'], 'windows-userdata-bootstrap-dsr'],
    ]);
    expect(dsr[2].details).toEqual([
      'kube-proxy --feature-gates=WinDSR=true --enable-dsr=true',
      'Karpenter nodes (karpenter.sh/nodepool): Windows Server 2022: 1 node, Windows Server 2025: 1 node',
    ]);
    expect(dsr[2].fix.text).toContain('passes no -KubeProxyExtraArgs');
    // The message says the same as the fix: no -KubeProxyExtraArgs for a group that cannot pass it.
    expect(dsr[2].message).toMatch(/\(Kubernetes 1\.32\), through a patch of Start-EKSBootstrap\.ps1 in the EC2NodeClass userData\.$/);
    expect(dsr[0].message).toMatch(/, through a patch of Start-EKSBootstrap\.ps1 in the user data that runs before it\.$/);
    expect(dsr[3].message).toMatch(/, through Start-EKSBootstrap\.ps1 -KubeProxyExtraArgs\.$/);
    expect(dsr.slice(0, 3).every((f) => !f.message.includes('-KubeProxyExtraArgs'))).toBe(true);
    expect(dsr[2].source).toContain('aws/karpenter-provider-aws#4088');
    expect(dsr[3].fix.text).toContain('-KubeProxyExtraArgs in the launch template');
    // Calico: only the 2025 nodes, each in its own group.
    expect(audit.findings.filter((f) => f.code === 'WINDOWS_2025_WITH_CALICO_POLICIES').map((f) => [f.subject, f.nodes])).toEqual([
      ['eksctl-2025', ['e25']],
      ['windows', ['k25']],
    ]);
  });

  it('Karpenter Windows nodes: the pods fix is spec.kubelet.maxPods in the EC2NodeClass, not -KubeletExtraArgs Karpenter writes itself', () => {
    const node = (name: string, groupLabels: Record<string, string>, instanceType: string, ips: string) => ({
      kind: 'Node',
      metadata: { name, labels: { 'kubernetes.io/os': 'windows', 'node.kubernetes.io/instance-type': instanceType, ...groupLabels } },
      status: { allocatable: { pods: '110', 'vpc.amazonaws.com/PrivateIPv4Address': ips } },
    });
    const nodesJson = withItems([
      // m5.large in secondary-IP mode: W = 10 - 1 = 9 < 110 pods.
      node('k1', { 'karpenter.sh/nodepool': 'windows' }, 'm5.large', '9'),
      node('s1', { 'eks.amazonaws.com/nodegroup': 'mng' }, 'm5.large', '9'),
      // m6i.xlarge in prefix delegation: W = (15 - 1) * 16 = 224 > 110 pods.
      node('k2', { 'karpenter.sh/nodepool': 'dense' }, 'm6i.xlarge', '224'),
    ]);
    const audit = auditCluster({ nodesJson }, byName);
    const more = audit.findings.filter((f) => f.code === 'WINDOWS_NODE_MORE_PODS_THAN_IPS');
    expect(more.map((f) => [f.subject, f.fix.templateId])).toEqual([
      ['windows', 'karpenter-windows-nodepool'],
      ['mng', null],
    ]);
    expect(more[0].fix.text).toBe(
      'Set spec.kubelet.maxPods to at most 9 in the EC2NodeClass (Karpenter passes --max-pods itself, 110 unless it is set), or turn on prefix delegation on a Nitro type.',
    );
    expect(more[0].source).toContain('aws/karpenter-provider-aws pkg/providers/instancetype/types.go');
    expect(more[1].fix.text).toBe('Set --max-pods to at most 9, or turn on prefix delegation on a Nitro type.');
    const fewer = audit.findings.filter((f) => f.code === 'WINDOWS_NODE_FEWER_PODS');
    expect(fewer.map((f) => [f.subject, f.fix.templateId])).toEqual([['dense', 'karpenter-windows-nodepool']]);
    expect(fewer[0].fix.text).toMatch(/^Set spec\.kubelet\.maxPods in the EC2NodeClass: Karpenter passes --max-pods/);
  });

  it("the DSR flags follow the kube-proxy each group's nodes run (nodeInfo.kubeletVersion), not the control plane's version", () => {
    const win = (name: string, group: string, kubeletVersion: string) => ({
      kind: 'Node',
      metadata: { name, labels: { 'kubernetes.io/os': 'windows', 'eks.amazonaws.com/nodegroup': group } },
      status: { nodeInfo: { operatingSystem: 'windows', kubeletVersion, kubeProxyVersion: '' } },
    });
    const nodesJson = withItems([
      win('a1', 'lagging', 'v1.32.5-eks-1a2b3c4'),
      win('b1', 'current', 'v1.33.1-eks-5d6e7f8'),
      win('c1', 'rolling', 'v1.32.5-eks-1a2b3c4'),
      win('c2', 'rolling', 'v1.33.1-eks-5d6e7f8'),
    ]);
    const dsr = auditCluster({ nodesJson, servicesCount: 150, kubernetesVersion: '1.33' }, byName).findings.filter(
      (f) => f.code === 'WINDOWS_SERVICES_WITHOUT_DSR',
    );
    expect(dsr.map((f) => [f.subject, f.details.filter((d) => d.startsWith('kube-proxy'))])).toEqual([
      ['lagging', ['kube-proxy 1.32 (1 node): --feature-gates=WinDSR=true --enable-dsr=true']],
      ['current', ['kube-proxy 1.33 (1 node): --enable-dsr=true']],
      [
        'rolling',
        ['kube-proxy 1.32 (1 node): --feature-gates=WinDSR=true --enable-dsr=true', 'kube-proxy 1.33 (1 node): --enable-dsr=true'],
      ],
    ]);
    expect(dsr[0].message).toContain('kube-proxy --feature-gates=WinDSR=true --enable-dsr=true (Kubernetes 1.32)');
    expect(dsr[0].details).toContain(
      "the nodes run kube-proxy 1.32, not the cluster's 1.33: the flags follow the nodes (nodeInfo.kubeletVersion)",
    );
    expect(dsr[1].details.some((d) => d.startsWith('the nodes run'))).toBe(false);
  });

  it('DSR on: no Services finding', () => {
    const audit = auditCluster({ ...DUMP, dsrEnabled: true }, byName);
    expect(audit.findings.find((f) => f.code === 'WINDOWS_SERVICES_WITHOUT_DSR')).toBeUndefined();
  });

  it('a Linux-only cluster has no Windows findings', () => {
    const audit = auditCluster(
      { nodesJson: nodesOnly((i) => i.metadata.labels['kubernetes.io/os'] === 'linux'), servicesCount: 500 },
      byName,
    );
    expect(audit.findings).toEqual([]);
    expect(audit.nodes).toBe(1);
    expect(audit.nodeGroups[0].instanceTypes).toEqual(['m5.large']);
    expect(LINUX_NODE).toContain('ip-10-0-32-40');
  });
});

describe('auditCluster: a Windows node type with no pod capacity', () => {
  // Two Linux m5.large nodes and one idle Windows t3.nano (win-tiny) whose kubelet runs with --max-pods=1, the one secondary
  // IP the controller gives it (I - 1 = 2 - 1): nothing about IPs or pods to flag, yet 512 MiB less 7.5% = 473 MiB is below
  // the 0.5Gi + 1.5Gi + 200Mi the BPG (latest/bpg/windows/oom.adoc) reserves on Windows, so no pod is ever placed on it.
  const NANO_NODE = 'ip-10-0-34-50.eu-west-1.compute.internal';
  const nodesJson = fixture('cluster-nodes-windows-no-pod-capacity.json');

  it.each([
    { name: 'without the ConfigMap', input: { nodesJson } },
    { name: 'with prefix delegation on', input: { nodesJson, vpcCniConfigMap: fixture('cluster-vpc-cni-configmap.yaml') } },
  ])('an ERROR that it can never run a pod, with the allocatable arithmetic and its sources ($name)', ({ input }) => {
    const audit = auditCluster(input, byName);
    expect(audit).toMatchObject({ nodes: 3, windowsNodes: 1, linuxNodes: 2 });
    const groupFindings = audit.findings.filter((f) => f.subject === 'win-tiny');
    expect(groupFindings).toHaveLength(1);
    expect(groupFindings[0]).toMatchObject({
      code: 'WINDOWS_NODE_NO_POD_CAPACITY',
      severity: 'ERROR',
      subjectKind: 'NODE_GROUP',
      nodes: [NANO_NODE],
      nodeCount: 1,
      message: expect.stringContaining('t3.nano Windows nodes can never run a pod: memory left for pods is 0'),
      source: 'aws/karpenter-provider-aws pkg/providers/instancetype/types.go; aws/aws-eks-best-practices latest/bpg/windows/oom.adoc',
    });
    expect(groupFindings[0].details).toContain(
      't3.nano: memory = capacity - kube-reserved 0.5Gi - system-reserved 1.5Gi - eviction 200Mi = 473 - 512 - 1536 - 200 = 0 MiB',
    );
  });

  it('t3.medium in the same dump has room for pods: no such finding', () => {
    const doc = JSON.parse(nodesJson) as { items: Array<{ metadata: { labels: Record<string, string> } }> };
    const win = doc.items.find((i) => i.metadata.labels['kubernetes.io/os'] === 'windows')!;
    win.metadata.labels['node.kubernetes.io/instance-type'] = 't3.medium';
    win.metadata.labels['beta.kubernetes.io/instance-type'] = 't3.medium';
    const audit = auditCluster({ nodesJson: JSON.stringify(doc) }, byName);
    expect(audit.findings.map((f) => f.code)).not.toContain('WINDOWS_NODE_NO_POD_CAPACITY');
  });
});

describe('auditCluster: the IP mode without the amazon-vpc-cni ConfigMap', () => {
  type NodeItem = { metadata: { name: string; labels: Record<string, string> }; status: Record<string, Record<string, string>> };
  const dump = () => JSON.parse(fixture('cluster-nodes.json')) as { items: NodeItem[] };
  const ips = (item: NodeItem, value: string) => {
    item.status.capacity['vpc.amazonaws.com/PrivateIPv4Address'] = value;
    item.status.allocatable['vpc.amazonaws.com/PrivateIPv4Address'] = value;
  };
  const PD_NODE = 'ip-10-0-32-10.eu-west-1.compute.internal'; // m5.large, advertises 144
  const SECONDARY_NODE = 'ip-10-0-33-7.eu-west-1.compute.internal'; // m5.large, advertises 9
  const groupFindings = (audit: ReturnType<typeof auditCluster>, group: string) =>
    audit.findings.filter((f) => f.subject === group).map((f) => [f.code, f.nodes]);

  it('m5.large nodes advertising 144 are in prefix delegation: W = 144, not the secondary 9', () => {
    const doc = dump();
    ips(
      doc.items.find((i) => i.metadata.name === SECONDARY_NODE)!,
      '144',
    );
    const audit = auditCluster({ nodesJson: JSON.stringify(doc) }, byName);
    // (10 - 1) * 16 = 144 IPs, kubelet 110 pods: raise --max-pods; no "more pods than IPs" against I - 1 = 9.
    expect(groupFindings(audit, 'win-2022-pd')).toEqual([['WINDOWS_NODE_FEWER_PODS', [PD_NODE, SECONDARY_NODE]]]);
    const fewerPods = audit.findings.find((f) => f.code === 'WINDOWS_NODE_FEWER_PODS' && f.subject === 'win-2022-pd')!;
    expect(fewerPods.details[0]).toContain('W = (I - 1) * 16 = (10 - 1) * 16 = 144');
    expect(fewerPods.details.at(-1)).toContain('IP mode prefix delegation, known from the vpc.amazonaws.com/PrivateIPv4Address');
    expect(fewerPods.details.at(-1)).toContain('pkg/provider/prefix/provider.go');
    // m6i.large advertising 144 too.
    expect(groupFindings(audit, 'win-2025').map(([code]) => code)).toEqual(['WINDOWS_NODE_FEWER_PODS']);
  });

  it('a group whose nodes advertise 144 and 9 is flagged, and each node is checked in its own mode', () => {
    const audit = auditCluster({ nodesJson: fixture('cluster-nodes.json') }, byName);
    expect(groupFindings(audit, 'win-2022-pd')).toEqual([
      ['WINDOWS_NODE_GROUP_MIXED_IP_MODES', [PD_NODE, SECONDARY_NODE]],
      // The 144 node: 110 pods < W 144.
      ['WINDOWS_NODE_FEWER_PODS', [PD_NODE]],
      // The 9 node: 110 pods > W = 10 - 1 = 9.
      ['WINDOWS_NODE_MORE_PODS_THAN_IPS', [SECONDARY_NODE]],
    ]);
    const mixed = audit.findings.find((f) => f.code === 'WINDOWS_NODE_GROUP_MIXED_IP_MODES')!;
    expect(mixed).toMatchObject({ severity: 'WARNING', subjectKind: 'NODE_GROUP', nodeCount: 2 });
    expect(mixed.message).toContain(
      '1 advertise 144 vpc.amazonaws.com/PrivateIPv4Address (prefix delegation), 1 advertise 9 (secondary IP)',
    );
    expect(mixed.details).toEqual([
      'prefix delegation (1): m5.large: W = (I - 1) * 16 = (10 - 1) * 16 = 144 (I from VPCRC_PUBLIC)',
      'secondary IP (1): m5.large: W = I - 1 = 10 - 1 = 9 (I from VPCRC_PUBLIC)',
    ]);
    expect(mixed.source).toContain('aws/amazon-vpc-resource-controller-k8s pkg/provider/prefix/provider.go');
  });

  it('a Xen type has one figure in both modes (PD falls back): taken as secondary IP, as before', () => {
    const audit = auditCluster({ nodesJson: fixture('cluster-nodes.json') }, byName);
    // t2.large: W = 12 - 1 = 11 either way; kubelet 110 > 11.
    expect(groupFindings(audit, 'win-xen')).toEqual([['WINDOWS_NODE_MORE_PODS_THAN_IPS', ['ip-10-0-33-20.eu-west-1.compute.internal']]]);
  });

  it('a ConfigMap with prefix delegation off and nodes still advertising 144: checked at 144 and flagged, not "more pods than IPs"', () => {
    const off = 'apiVersion: v1\nkind: ConfigMap\ndata:\n  enable-windows-ipam: "true"\n';
    const audit = auditCluster({ nodesJson: fixture('cluster-nodes.json'), vpcCniConfigMap: off }, byName);
    expect(groupFindings(audit, 'win-2022-pd')).toEqual([
      ['WINDOWS_NODE_IP_MODE_NOT_AS_CONFIGURED', [PD_NODE]],
      ['WINDOWS_NODE_FEWER_PODS', [PD_NODE]],
      ['WINDOWS_NODE_MORE_PODS_THAN_IPS', [SECONDARY_NODE]],
    ]);
    const flagged = audit.findings.find((f) => f.code === 'WINDOWS_NODE_IP_MODE_NOT_AS_CONFIGURED')!;
    expect(flagged).toMatchObject({ severity: 'WARNING' });
    expect(flagged.message).toContain('advertise 144 vpc.amazonaws.com/PrivateIPv4Address, the prefix-delegation figure of m5.large');
  });

  it('a figure the controller never advertises for the type (50 on m5.large: neither 9 nor 144) is flagged', () => {
    const doc = dump();
    ips(
      doc.items.find((i) => i.metadata.name === SECONDARY_NODE)!,
      '50',
    );
    const audit = auditCluster({ nodesJson: JSON.stringify(doc) }, byName);
    const codes = groupFindings(audit, 'win-2022-pd');
    expect(codes).toContainEqual(['WINDOWS_NODE_MORE_IPS_THAN_TYPE_ALLOWS', [SECONDARY_NODE]]);
    const more = audit.findings.find((f) => f.code === 'WINDOWS_NODE_MORE_IPS_THAN_TYPE_ALLOWS')!;
    expect(more).toMatchObject({ severity: 'WARNING', nodeCount: 1 });
    expect(more.message).toContain(
      'advertise 50 vpc.amazonaws.com/PrivateIPv4Address, more than the 9 m5.large allows in secondary-IP mode',
    );
    expect(more.details[0]).toContain('W = I - 1 = 10 - 1 = 9');
    // The controller's own figures are not flagged.
    expect(auditCluster({ nodesJson: fixture('cluster-nodes.json') }, byName).findings.map((f) => f.code)).not.toContain(
      'WINDOWS_NODE_MORE_IPS_THAN_TYPE_ALLOWS',
    );
  });

  it('with the ConfigMap asking for prefix delegation, a figure above (I - 1) * 16 is flagged too', () => {
    const doc = dump();
    ips(
      doc.items.find((i) => i.metadata.name === PD_NODE)!,
      '160',
    );
    const audit = auditCluster({ ...DUMP, nodesJson: JSON.stringify(doc) }, byName);
    const more = audit.findings.find((f) => f.code === 'WINDOWS_NODE_MORE_IPS_THAN_TYPE_ALLOWS');
    expect(more?.nodes).toEqual([PD_NODE]);
    expect(more?.message).toContain('more than the 144 m5.large allows in prefix-delegation mode');
  });

  it('with the ConfigMap, what it asks for decides, as before: no mixed-mode finding', () => {
    const audit = auditCluster(DUMP, byName);
    expect(audit.findings.map((f) => f.code)).not.toContain('WINDOWS_NODE_GROUP_MIXED_IP_MODES');
  });
});

describe('auditCluster: items that are not Nodes', () => {
  const nodeItems = (JSON.parse(fixture('cluster-nodes.json')) as { items: unknown[] }).items;

  it('Pods listed with the Nodes are left out, and the finding says how many', () => {
    const audit = auditCluster({ ...DUMP, nodesJson: withItems([pod('web-1'), ...nodeItems, pod('web-2')]) }, byName);
    // The same six nodes and groups as the dump alone: no UNKNOWN node, no group for the Pods.
    expect(audit).toMatchObject({ nodes: 6, windowsNodes: 5, linuxNodes: 1 });
    expect(audit.nodeGroups.map((g) => g.name)).toEqual(['linux-system', 'win-2022-pd', 'win-xen', 'win-graviton', 'win-2025']);
    const skipped = audit.findings.filter((f) => f.code === 'NON_NODE_ITEMS_SKIPPED');
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({ severity: 'INFO', subjectKind: 'CLUSTER', subject: 'cluster', nodeCount: 0 });
    expect(skipped[0].message).toContain('2 of the 8 items pasted as nodesJson are not Nodes (Pod: 2)');
    expect(skipped[0].details).toEqual(['items[0] Pod shop/web-1', 'items[7] Pod shop/web-2']);
    expect(skipped[0].source).toMatch(/^kubernetes\/api /);
    // Every other finding is the dump's.
    expect(audit.findings.filter((f) => f.code !== 'NON_NODE_ITEMS_SKIPPED')).toEqual(auditCluster(DUMP, byName).findings);
  });

  it('a Node list has no such finding', () => {
    expect(auditCluster(DUMP, byName).findings.map((f) => f.code)).not.toContain('NON_NODE_ITEMS_SKIPPED');
  });

  it.each([
    // kubectl get pods -A -o json: a List of Pods.
    {
      name: 'a list of Pods only',
      nodesJson: withItems([pod('web-1'), pod('web-2')]),
      path: 'items',
      message: /no Node among the 2 items \(Pod: 2\)/,
    },
    // The API server's own PodList: the items carry no kind.
    {
      name: 'a PodList',
      nodesJson: JSON.stringify({ kind: 'PodList', items: [{ metadata: { name: 'web-1' } }] }),
      path: 'kind',
      message: /a PodList, not Nodes/,
    },
    {
      name: 'a kind that is not a name',
      nodesJson: withItems([{ kind: 7, metadata: { name: 'x' } }]),
      path: 'items[0].kind',
      message: /kind/,
    },
  ])('$name is VALIDATION_FAILED on nodesJson', ({ nodesJson, path, message }) => {
    try {
      auditCluster({ nodesJson }, byName);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('VALIDATION_FAILED');
      expect((e as DomainError).details).toMatchObject({ field: 'nodesJson', path });
      expect((e as DomainError).message).toMatch(message);
    }
  });

  it('a policy the check refuses is named by where it is in the paste, not as document 0', () => {
    const networkPolicies =
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: a}\nspec: {podSelector: {}}\n---\n' +
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n';
    expect(() => auditCluster({ nodesJson: withItems([]), networkPolicies }, byName)).toThrow(
      /^networkPolicies: documents\[1\] \(x\): the policy is v1 ConfigMap; only networking.k8s.io\/v1 NetworkPolicy/,
    );
  });

  it('an empty List is still read (a cluster with no nodes yet), says that no node was pasted, and checks the policies', () => {
    const noNode = {
      code: 'NO_NODES_PASTED',
      severity: 'INFO',
      subjectKind: 'CLUSTER',
      message: expect.stringMatching(/^nodesJson is a list with no items: no node was audited/),
    };
    expect(auditCluster({ nodesJson: withItems([]) }, byName)).toMatchObject({ nodes: 0, findings: [noNode] });
    const networkPolicies =
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: a}\n' +
      'spec: {podSelector: {}, ingress: [{ports: [{port: http}]}]}\n';
    const audit = auditCluster({ nodesJson: withItems([]), networkPolicies }, byName);
    expect(audit.policiesChecked).toBe(1);
    expect(audit.findings[0]).toMatchObject(noNode);
    expect(audit.findings.slice(1).map((f) => f.subjectKind)).toEqual(['POLICY']);
  });
});

describe('auditCluster: YAML scalars as kubectl reads them (sigs.k8s.io/yaml, go-yaml)', () => {
  const gnp = (spec: string) =>
    `apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata: {name: untracked}\nspec:\n  selector: all()\n${spec}`;
  const policyFindings = (calicoPolicies: string) =>
    auditCluster({ nodesJson: withItems([]), calicoPolicies }, byName)
      .findings.filter((f) => f.subjectKind === 'POLICY')
      .map((f) => [f.code, f.path]);

  it('doNotTrack: on in a pasted Calico policy is true, as Calico gets it: a host-endpoint finding', () => {
    expect(policyFindings(gnp('  doNotTrack: on\n'))).toEqual([['WINDOWS_POLICY_HOST_ENDPOINT_FIELD', 'spec.doNotTrack']]);
    expect(policyFindings(gnp('  doNotTrack: "on"\n'))).toEqual([]);
  });

  it('ports: [1_000] is port 1000, not a named port Windows skips', () => {
    const ingress = '  ingress:\n    - action: Allow\n      protocol: TCP\n      destination: {ports: [1_000, web]}\n';
    expect(policyFindings(gnp(ingress))).toEqual([['WINDOWS_POLICY_NAMED_PORT', 'spec.ingress[0].destination.ports[1]']]);
  });

  const configMap = (data: string) =>
    `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: amazon-vpc-cni, namespace: kube-system}\ndata:\n${data}`;

  it.each([
    ['  enable-windows-ipam: yes\n', 'data.enable-windows-ipam', 'the bool true', 'bool', 'enable-windows-ipam: "true"'],
    ['  enable-windows-ipam: true\n', 'data.enable-windows-ipam', 'the bool true', 'bool', 'enable-windows-ipam: "true"'],
    ['  enable-windows-ipam: "true"\n  warm-ip-target: 010\n', 'data.warm-ip-target', 'the number 8', 'number', 'warm-ip-target: "8"'],
  ])('an unquoted ConfigMap value (%j) is refused, as the API server refuses it, naming the key', (data, path, reads, kind, quote) => {
    try {
      auditCluster({ ...DUMP, vpcCniConfigMap: configMap(data) }, byName);
      expect.unreachable('the ConfigMap was read');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('VALIDATION_FAILED');
      expect((e as DomainError).details).toMatchObject({ field: 'vpcCniConfigMap', path });
      expect((e as DomainError).message).toContain(`vpcCniConfigMap: ${path}: expected a string`);
      expect((e as DomainError).message).toContain(`kubectl reads this unquoted value as ${reads}`);
      expect((e as DomainError).message).toContain(`json: cannot unmarshal ${kind} into Go struct field ConfigMap.data of type string`);
      expect((e as DomainError).message).toContain(`Quote it: ${quote}.`);
    }
  });

  it('quoted values, and a time such as 12:30 (a string to go-yaml too), are read as written', () => {
    const audit = auditCluster({ ...DUMP, vpcCniConfigMap: configMap('  enable-windows-ipam: "yes"\n  note: 12:30\n') }, byName);
    // "yes" is not true to Go's strconv.ParseBool: the controller leaves Windows IPAM off.
    expect(audit.findings.find((f) => f.code === 'WINDOWS_IPAM_DISABLED')?.message).toContain('enable-windows-ipam: "yes"');
  });
});

describe('auditCluster: bad input names where it failed', () => {
  it.each([
    {
      name: 'malformed nodes JSON',
      input: { nodesJson: '{"items": [\n  {"metadata": }\n]}' },
      details: { field: 'nodesJson', rule: 'malformed-json', line: 2, column: 16 },
    },
    {
      name: 'a node without a name',
      input: { nodesJson: '{"kind":"List","items":[{"metadata":{}}]}' },
      details: { field: 'nodesJson', path: 'items[0].metadata.name' },
    },
    { name: 'not a node list', input: { nodesJson: '{"kind":"PodList"}' }, details: { path: 'items' } },
    {
      name: 'malformed policy YAML',
      input: { nodesJson: '{"items":[]}', networkPolicies: 'items:\n  - name: a\n   bad: indent\n' },
      details: { field: 'networkPolicies', rule: 'malformed-yaml', line: 3 },
    },
    {
      name: 'a kind the policy check does not know',
      input: { nodesJson: '{"items":[]}', networkPolicies: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n' },
      details: { field: 'networkPolicies', rule: 'policy', path: '$' },
    },
    {
      // The third document of the paste, not the third item of a List.
      name: 'a kind the policy check does not know, in a later document',
      input: {
        nodesJson: '{"items":[]}',
        networkPolicies:
          'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: a}\nspec: {podSelector: {}}\n---\n' +
          'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: b}\nspec: {podSelector: {}}\n---\n' +
          'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n',
      },
      details: { field: 'networkPolicies', rule: 'policy', path: 'documents[2]', policy: 'x' },
    },
    {
      name: 'a kind the policy check does not know, as an item of a List',
      input: {
        nodesJson: '{"items":[]}',
        calicoPolicies:
          'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: x, namespace: shop}\n',
      },
      details: { field: 'calicoPolicies', rule: 'policy', path: 'items[0]', policy: 'shop/x' },
    },
  ])('$name', ({ input, details }) => {
    try {
      auditCluster(input, byName);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('VALIDATION_FAILED');
      expect((e as DomainError).details).toMatchObject(details);
    }
  });

  it('more than 2,000 nodes is refused', () => {
    const many = JSON.stringify({ items: Array.from({ length: 2001 }, (_, i) => ({ metadata: { name: `n${i}` } })) });
    expect(() => auditCluster({ nodesJson: many }, byName)).toThrow(/at most 2000 are audited/);
  });

  it('300 Nodes listed with 2,000 Pods (kubectl get nodes,pods -A -o json) are 300 nodes, not 2,300: audited', () => {
    const nodes = Array.from({ length: 300 }, (_, i) => ({
      kind: 'Node',
      metadata: { name: `ip-10-0-${i}.ec2.internal`, labels: { 'kubernetes.io/os': 'linux' } },
    }));
    const pods = Array.from({ length: 2000 }, (_, i) => pod(`web-${i}`));
    const audit = auditCluster({ nodesJson: withItems([...nodes, ...pods]) }, byName);
    expect(audit).toMatchObject({ nodes: 300, linuxNodes: 300, windowsNodes: 0 });
    expect(audit.findings.find((f) => f.code === 'NON_NODE_ITEMS_SKIPPED')?.message).toContain(
      '2000 of the 2300 items pasted as nodesJson are not Nodes (Pod: 2000)',
    );
  });

  it('2,001 Nodes among Pods are refused, counting the Nodes alone', () => {
    const nodes = Array.from({ length: 2001 }, (_, i) => ({ kind: 'Node', metadata: { name: `n${i}` } }));
    expect(() => auditCluster({ nodesJson: withItems([pod('web-1'), ...nodes]) }, byName)).toThrow(
      /nodesJson.*2001 nodes; at most 2000 are audited/,
    );
  });

  it('more than 20,000 items of any kind are refused before they are read', () => {
    const items = Array.from({ length: 20_001 }, () => ({ kind: 'Pod', metadata: {} }));
    expect(() => auditCluster({ nodesJson: withItems(items) }, byName)).toThrow(
      /20001 items; at most 20000 are read \(Nodes and items of other kinds\)/,
    );
  });
});

describe('auditCluster: a Windows node without vpc.amazonaws.com/PrivateIPv4Address that is not Ready (aws/amazon-vpc-resource-controller-k8s docs/windows/secondary_ip_mode_workflow.md)', () => {
  type NodeItem = {
    metadata: { name: string };
    status: { capacity: Record<string, string>; allocatable: Record<string, string>; conditions?: Array<Record<string, string>> };
  };
  const XEN_NODE = 'ip-10-0-33-20.eu-west-1.compute.internal'; // t2.large, group win-xen
  const audit = (edit: (item: NodeItem) => void) => {
    const doc = JSON.parse(fixture('cluster-nodes.json')) as { items: NodeItem[] };
    const item = doc.items.find((i) => i.metadata.name === XEN_NODE)!;
    delete item.status.capacity['vpc.amazonaws.com/PrivateIPv4Address'];
    delete item.status.allocatable['vpc.amazonaws.com/PrivateIPv4Address'];
    edit(item);
    return auditCluster({ nodesJson: JSON.stringify(doc) }, byName).findings.filter((f) => f.subject === 'win-xen');
  };

  it('Ready=False: a WARNING naming the Ready state, not the ERROR', () => {
    const findings = audit((item) => {
      item.status.conditions = [{ type: 'Ready', status: 'False', reason: 'KubeletNotReady' }];
    });
    expect(findings.map((f) => f.code)).not.toContain('WINDOWS_NODE_ADVERTISES_NO_IPS');
    const f = findings.find((x) => x.code === 'WINDOWS_NODE_NOT_READY_NO_IPS')!;
    expect(f).toMatchObject({ severity: 'WARNING', nodes: [XEN_NODE], nodeCount: 1 });
    expect(f.message).toBe(
      "Windows nodes that are not Ready (Ready=False) advertise no vpc.amazonaws.com/PrivateIPv4Address yet (t2.large allows W = 11): the VPC Resource Controller sets up a node's warm pool and then advertises the resource, so a node that just joined may not have it yet; Windows pods cannot be scheduled on it until it does.",
    );
    expect(f.source).toBe(
      'aws/amazon-vpc-resource-controller-k8s docs/windows/secondary_ip_mode_workflow.md (a new Windows node: warm pool first, then the vpc.amazonaws.com/PrivateIPv4Address capacity); kubernetes/api core/v1 types.go (Node)',
    );
  });

  it('a node that just joined, with no Ready condition yet: the same WARNING, saying so', () => {
    const findings = audit((item) => {
      item.status.conditions = [{ type: 'MemoryPressure', status: 'False' }];
    });
    const f = findings.find((x) => x.code === 'WINDOWS_NODE_NOT_READY_NO_IPS')!;
    expect(f.severity).toBe('WARNING');
    expect(f.message).toContain('not Ready (no Ready condition)');
    expect(findings.map((x) => x.code)).not.toContain('WINDOWS_NODE_ADVERTISES_NO_IPS');
  });

  it('a Ready node without the resource keeps the ERROR', () => {
    const findings = audit(() => {});
    expect(findings.find((x) => x.code === 'WINDOWS_NODE_ADVERTISES_NO_IPS')).toMatchObject({ severity: 'ERROR', nodes: [XEN_NODE] });
    expect(findings.map((x) => x.code)).not.toContain('WINDOWS_NODE_NOT_READY_NO_IPS');
  });
});

describe('auditCluster: the amazon-vpc-cni ConfigMap pasted as `kubectl get cm -n kube-system -o yaml` (a List)', () => {
  it('reads the amazon-vpc-cni item, as when pasted alone', () => {
    const alone = fixture('cluster-vpc-cni-configmap.yaml');
    const indented = alone
      .trimEnd()
      .split('\n')
      .map((l, i) => (i === 0 ? `- ${l}` : `  ${l}`))
      .join('\n');
    const asList = `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: coredns\n    namespace: kube-system\n  data: {}\n${indented}\n`;
    const codes = (cm: string) => auditCluster({ ...DUMP, vpcCniConfigMap: cm }, byName).findings.map((f) => [f.code, f.subject]);
    expect(codes(asList)).toEqual(codes(alone));
    expect(codes(asList)).toContainEqual(['WARM_POOL_KEYS_BOTH_FAMILIES', 'kube-system/amazon-vpc-cni']);
  });
});
