import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeNodeCapacity, dsrKubeProxyFlags, type IpMode } from '../../src/capacity/core/index.js';
import { readBundledSnapshot } from '../../src/catalog/bundled-catalog.js';
import { recommendedKubeletMaxPods } from '../../src/cni/core/index.js';
import { listTemplates } from '../../src/policies/core/index.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { lin, win } from '../../src/cni/core/cni.test-fixtures.js';

// CNI recommendations as users ask for them (issue: CNI recommendation edges), through GraphQL
// and REST with the same input: both doors must give the same answer, and the answer must agree
// with the capacity engine for the same type and mode.

const REASON = 'rule effect weight message source nodeGroups';
const ANSWER = `
  input {
    kubernetesVersion ipFamily platform windowsPods linuxPods servicesPerWindowsNode subnetsFragmented acceptUnsupportedCni
    needs { networkPolicyOnWindows networkPolicyOnLinux securityGroupsForPods albIpTargets webhooksOnPods externalTrafficPolicyLocal }
    provisioner
    serviceIpv4Cidr
  }
  options {
    option verdict rank score
    reasons { ${REASON} }
    consequences {
      nodeGroup os instanceType supported effectiveIpMode pods plannedNodes maxPodsPerNode workloadPodsPerNode
      nodesNeeded nodesForSubnet podsUseVpcIps
      subnet { ipsPerNode ipsConsumed usableAddresses ipsLeft fits message sharedWith }
      formula
      warnings { code message source }
      note
    }
  }
  recommended
  networkPolicyEngine { engine reasons { ${REASON} } }
  dsr { enable kubeProxyFlags reason reasons { ${REASON} } }
  settings { target key value nodeGroup templateId reason source }
  conflicts { topic positions { source says } resolution }
  notes { rule severity message source }
`;
const QUERY = `query Recommend($input: CniRecommendationInput!) { recommendCni(input: $input) { ${ANSWER} } }`;

const snapshot = readBundledSnapshot();
const facts = (name: string) => {
  const t = snapshot.types.find((x) => x.name === name);
  if (!t) throw new Error(`${name} is not in the bundled snapshot`);
  return t;
};

const base = (over: Record<string, unknown> = {}): Record<string, any> => ({
  kubernetesVersion: '1.31',
  nodeGroups: [win(), lin()],
  windowsPods: 15,
  linuxPods: 20,
  ...over,
});

const ALL = ['VPC_CNI_SECONDARY_IP', 'VPC_CNI_PREFIX_DELEGATION', 'VPC_CNI_CUSTOM_NETWORKING', 'CALICO_OVERLAY'];

describe('CNI recommendations over GraphQL and REST', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  /** Asks both doors the same question; they must agree exactly. No API key: a read. */
  async function ask(input: Record<string, unknown>): Promise<any> {
    const rest = await app.http.post('/api/v1/cni/recommendations').send(input);
    expect(rest.status, JSON.stringify(rest.body)).toBe(200);
    const gql = await app.gql(QUERY, { input }).expect(200);
    expect(gql.body.errors, JSON.stringify(gql.body.errors)).toBeUndefined();
    expect(gql.body.data.recommendCni).toEqual(rest.body);
    return rest.body;
  }

  const optionOf = (out: any, option: string) => out.options.find((o: any) => o.option === option);
  const consequence = (out: any, option: string, group: string) =>
    optionOf(out, option).consequences.find((c: any) => c.nodeGroup === group);
  const rulesOf = (out: any, option: string): string[] => optionOf(out, option).reasons.map((r: any) => r.rule);
  const setting = (out: any, key: string) => out.settings.find((s: any) => s.key === key);

  function expectWellFormed(out: any) {
    expect(out.options.map((o: any) => o.option).sort()).toEqual([...ALL].sort());
    expect(out.options.map((o: any) => o.rank)).toEqual([1, 2, 3, 4]);
    expect(out.options.filter((o: any) => o.verdict === 'RECOMMENDED').length).toBeLessThanOrEqual(1);
    const sourced = [
      ...out.options.flatMap((o: any) => o.reasons),
      ...out.networkPolicyEngine.reasons,
      ...out.dsr.reasons,
      ...out.notes,
      ...out.settings,
      ...out.conflicts.flatMap((c: any) => c.positions),
    ];
    for (const x of sourced) expect(x.source.trim(), JSON.stringify(x)).not.toBe('');
  }

  it('Windows m5.large needing ~30 pods per node: prefix delegation first, numbers from the capacity engine', async () => {
    const out = await ask(base({ windowsPods: 90 }));
    expectWellFormed(out);
    expect(out.options[0]).toMatchObject({ option: 'VPC_CNI_PREFIX_DELEGATION', verdict: 'RECOMMENDED', rank: 1 });
    expect(out.recommended).toBe('VPC_CNI_PREFIX_DELEGATION');
    expect(rulesOf(out, 'VPC_CNI_PREFIX_DELEGATION')).toContain('WINDOWS_PODS_EXCEED_SECONDARY_IP');
    expect(optionOf(out, 'CALICO_OVERLAY').verdict).toBe('UNSUPPORTED');

    // The capacity engine, called directly for the same type and mode (m5.large: W = 10 - 1 = 9, PD (10 - 1) * 16 = 144).
    const m5 = facts('m5.large');
    const sec = computeNodeCapacity({ instanceType: m5, os: 'WINDOWS', ipMode: 'SECONDARY_IP' });
    const pd = computeNodeCapacity({
      instanceType: m5,
      os: 'WINDOWS',
      ipMode: 'PREFIX_DELEGATION',
      kubeletMaxPods: recommendedKubeletMaxPods(m5),
    });
    expect(sec.maxPods).toBe(9);
    expect(pd.ipLimitedPods).toBe(144);
    const winSec = consequence(out, 'VPC_CNI_SECONDARY_IP', 'windows');
    const winPd = consequence(out, 'VPC_CNI_PREFIX_DELEGATION', 'windows');
    expect(winSec).toMatchObject({ effectiveIpMode: 'SECONDARY_IP', maxPodsPerNode: sec.maxPods, pods: 90, plannedNodes: 3 });
    expect(winSec.nodesNeeded).toBe(Math.ceil(90 / sec.maxPods));
    expect(winPd).toMatchObject({ effectiveIpMode: 'PREFIX_DELEGATION', maxPodsPerNode: pd.maxPods });
    expect(winPd.nodesNeeded).toBe(Math.ceil(90 / pd.maxPods));
    // Linux nodes: the published m5.large figure 29 (3 * 9 + 2), 27 of them workload pods.
    const linuxCap = computeNodeCapacity({ instanceType: m5, os: 'LINUX', ipMode: 'SECONDARY_IP' });
    const linSec = consequence(out, 'VPC_CNI_SECONDARY_IP', 'linux');
    expect(linSec.maxPodsPerNode).toBe(linuxCap.maxPods);
    expect(linSec.workloadPodsPerNode).toBe(linuxCap.maxPods - 2);
    // Subnet arithmetic is self-consistent: a /24 has 256 - 5 usable addresses.
    for (const c of [winSec, winPd, linSec]) {
      expect(c.subnet.usableAddresses).toBe(251);
      expect(c.subnet.ipsLeft).toBe(c.subnet.usableAddresses - c.subnet.ipsConsumed);
      expect(c.subnet.ipsConsumed).toBe(c.subnet.ipsPerNode * c.nodesForSubnet);
    }

    expect(setting(out, 'enable-windows-prefix-delegation')).toMatchObject({ value: 'true', templateId: 'vpc-cni-windows-ipam-configmap' });
    expect(setting(out, 'maxPodsPerNode')).toMatchObject({ value: 110, nodeGroup: 'windows', templateId: 'eksctl-windows-cluster' });
  });

  it('the same demand on fragmented subnets: secondary IP first, tuned warm pool', async () => {
    const out = await ask(base({ windowsPods: 90, subnetsFragmented: true }));
    expectWellFormed(out);
    expect(out.options[0]).toMatchObject({ option: 'VPC_CNI_SECONDARY_IP', verdict: 'RECOMMENDED' });
    expect(rulesOf(out, 'VPC_CNI_PREFIX_DELEGATION')).toContain('FRAGMENTED_SUBNETS_AVOID_PD');
    expect(setting(out, 'enable-windows-prefix-delegation')).toBeUndefined();
    expect(setting(out, 'warm-ip-target')?.value).toBe('1');
    expect(out.input.subnetsFragmented).toBe(true);
  });

  it('IPv6 with Windows nodes: every option UNSUPPORTED with the reason, an answer and not an error', async () => {
    const out = await ask(base({ ipFamily: 'IPV6', servicesPerWindowsNode: 150 }));
    expectWellFormed(out);
    expect(out.recommended).toBeNull();
    for (const o of out.options) {
      expect(o.verdict).toBe('UNSUPPORTED');
      const r = o.reasons.find((x: any) => x.rule === 'WINDOWS_UNSUPPORTED_IPV6');
      expect(r).toMatchObject({ effect: 'RULES_OUT', nodeGroups: ['windows'] });
      expect(r.message).toMatch(/IPv6/);
      expect(r.source).toMatch(/windows-support/);
      expect(consequence(out, o.option, 'windows').supported).toBe(false);
    }
    expect(out.notes.map((n: any) => n.rule)).toContain('WINDOWS_UNSUPPORTED_IPV6');
    expect(out.dsr).toMatchObject({ enable: false, kubeProxyFlags: [] });
    expect(out.settings.filter((s: any) => s.templateId === 'vpc-cni-windows-ipam-configmap')).toEqual([]);
  });

  it('Fargate with Windows: UNSUPPORTED with the reason', async () => {
    const out = await ask(base({ platform: 'FARGATE' }));
    expectWellFormed(out);
    expect(out.input.platform).toBe('FARGATE');
    expect(out.recommended).toBeNull();
    for (const o of out.options) {
      expect(o.verdict).toBe('UNSUPPORTED');
      expect(o.reasons.map((r: any) => r.rule)).toContain('WINDOWS_UNSUPPORTED_ON_FARGATE');
    }
  });

  it('REST takes the lower-case kebab spellings of every enum, as the capacity routes do', async () => {
    const upper = base({
      ipFamily: 'IPV4',
      platform: 'EC2',
      provisioner: 'TERRAFORM_SELF_MANAGED',
      nodeGroups: [win({ windowsServerVersion: 'WINDOWS_SERVER_2022' }), lin()],
    });
    const kebab = {
      ...upper,
      ipFamily: 'ipv4',
      platform: 'ec2',
      provisioner: 'terraform-self-managed',
      nodeGroups: [
        { ...win(), os: 'windows', windowsServerVersion: 'windows-server-2022' },
        { ...lin(), os: 'linux' },
      ],
    };
    const res = await app.http.post('/api/v1/cni/recommendations').send(kebab);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual(await ask(upper));
  });

  it('platform defaults to EC2 and ipFamily to IPV4', async () => {
    const out = await ask(base());
    expect(out.input).toMatchObject({ platform: 'EC2', ipFamily: 'IPV4', servicesPerWindowsNode: 0, subnetsFragmented: false });
    expect(out.options[0]).toMatchObject({ option: 'VPC_CNI_SECONDARY_IP', verdict: 'RECOMMENDED' });
  });

  it('NetworkPolicy on Windows pods where Calico for Windows cannot run (IPv6; Windows Server 2025): no Calico', async () => {
    for (const input of [
      base({ ipFamily: 'IPV6', needs: { networkPolicyOnWindows: true } }),
      base({
        kubernetesVersion: '1.35',
        nodeGroups: [win({ windowsServerVersion: 'WINDOWS_SERVER_2025' }), lin()],
        needs: { networkPolicyOnWindows: true },
      }),
    ]) {
      const out = await ask(input);
      expect(out.networkPolicyEngine.engine).toBe('VPC_CNI');
      expect(setting(out, 'cni.type')).toBeUndefined();
      expect(out.dsr.enable).toBe(false);
    }
  });

  it('two groups sharing one subnet are checked together', async () => {
    const out = await ask(
      base({ windowsPods: 180, linuxPods: 0, nodeGroups: [win({ name: 'a', nodes: 20 }), win({ name: 'b', nodes: 20 })] }),
    );
    expect(consequence(out, 'VPC_CNI_SECONDARY_IP', 'a').subnet).toMatchObject({
      ipsConsumed: 180,
      ipsLeft: -109,
      fits: false,
      sharedWith: ['b'],
    });
    expect(consequence(out, 'VPC_CNI_SECONDARY_IP', 'b').subnet.sharedWith).toEqual(['a']);
    expect(consequence(out, 'VPC_CNI_SECONDARY_IP', 'a').subnet.message).toContain('shares 10.0.0.0/24 with b');
    expect(out.recommended).not.toBe('VPC_CNI_SECONDARY_IP');
  });

  it('NetworkPolicy on Windows pods: Calico policy-only on the VPC CNI', async () => {
    const out = await ask(base({ needs: { networkPolicyOnWindows: true } }));
    expectWellFormed(out);
    expect(out.networkPolicyEngine.engine).toBe('CALICO_POLICY_ONLY');
    expect(out.networkPolicyEngine.reasons.map((r: any) => r.rule)).toEqual(
      expect.arrayContaining(['WINDOWS_POLICY_NEEDS_CALICO_POLICY_ONLY', 'VPC_CNI_POLICY_LINUX_ONLY']),
    );
    expect(setting(out, 'cni.type')).toMatchObject({
      target: 'CALICO_INSTALLATION',
      value: 'AmazonVPC',
      templateId: 'calico-installation-eks-policy-only',
    });
    expect(setting(out, 'enableNetworkPolicy')?.value).toBe('false');
  });

  it('NetworkPolicy on Linux pods only: the VPC CNI network policy agent', async () => {
    const out = await ask(base({ needs: { networkPolicyOnLinux: true } }));
    expect(out.networkPolicyEngine.engine).toBe('VPC_CNI');
    expect(out.networkPolicyEngine.reasons.map((r: any) => r.rule)).toContain('LINUX_POLICY_VPC_CNI');
    expect(setting(out, 'enableNetworkPolicy')?.value).toBe('true');
    expect(setting(out, 'cni.type')).toBeUndefined();
  });

  it.each([
    ['1.31', ['--feature-gates=WinDSR=true', '--enable-dsr=true']],
    ['1.33', ['--enable-dsr=true']],
  ])('150 Services per Windows node on %s: DSR with the flags for that version', async (version, flags) => {
    const out = await ask(base({ kubernetesVersion: version, servicesPerWindowsNode: 150 }));
    expectWellFormed(out);
    expect(out.dsr.enable).toBe(true);
    expect(out.dsr.kubeProxyFlags).toEqual(flags);
    expect(out.dsr.kubeProxyFlags).toEqual(dsrKubeProxyFlags(version).flags);
    expect(out.dsr.reasons.map((r: any) => r.rule)).toContain('WINDOWS_SERVICE_PORT_EXHAUSTION_DSR');
    expect(out.dsr.reason).toContain('The specified port already exists');
    // eksctl / managed node groups patch the bootstrap script; owning the bootstrap call passes the flags.
    expect(setting(out, 'preBootstrapCommands')).toMatchObject({ nodeGroup: 'windows', templateId: 'windows-userdata-dsr-patch' });
    expect(setting(out, '-KubeProxyExtraArgs')).toMatchObject({ value: flags.join(' '), templateId: 'windows-userdata-bootstrap-dsr' });
  });

  it('100 Services per Windows node: no DSR', async () => {
    const out = await ask(base({ servicesPerWindowsNode: 100 }));
    expect(out.dsr).toMatchObject({ enable: false, kubeProxyFlags: [] });
  });

  it('Xen types: prefix delegation falls back, and the answer says so per node group', async () => {
    const out = await ask(base({ windowsPods: 30, nodeGroups: [win({ instanceType: 't2.medium' }), lin()] }));
    const pd = consequence(out, 'VPC_CNI_PREFIX_DELEGATION', 'windows');
    const direct = computeNodeCapacity({ instanceType: facts('t2.medium'), os: 'WINDOWS', ipMode: 'PREFIX_DELEGATION' as IpMode });
    expect(pd.effectiveIpMode).toBe('SECONDARY_IP');
    expect(direct.effectiveIpMode).toBe('SECONDARY_IP');
    expect(pd.maxPodsPerNode).toBe(direct.maxPods);
    expect(rulesOf(out, 'VPC_CNI_PREFIX_DELEGATION')).toContain('WINDOWS_PD_NEEDS_NITRO');
  });

  it('every settings templateId names a real template', async () => {
    const inputs = [
      base({ windowsPods: 90, servicesPerWindowsNode: 150, needs: { networkPolicyOnWindows: true } }),
      base({ windowsPods: 90, subnetsFragmented: true }),
      base({ needs: { networkPolicyOnLinux: true } }),
    ];
    const ids = new Set<string>();
    for (const input of inputs) {
      for (const s of (await ask(input)).settings) if (s.templateId !== null) ids.add(s.templateId);
    }
    expect([...ids].sort()).toEqual(
      [
        'calico-installation-eks-policy-only',
        'eksctl-windows-cluster',
        'vpc-cni-windows-ipam-configmap',
        'windows-userdata-bootstrap-dsr',
        'windows-userdata-dsr-patch',
      ].sort(),
    );
    const catalogue = listTemplates().map((t) => t.id);
    // The templates route is another engineer's; use it when it is there.
    const probe = await app.http.get(`/api/v1/templates/${encodeURIComponent(catalogue[0])}`);
    for (const id of ids) {
      expect(catalogue).toContain(id);
      if (probe.status === 200) {
        const res = await app.http.get(`/api/v1/templates/${encodeURIComponent(id)}`);
        expect(res.status, id).toBe(200);
        expect(res.body.id).toBe(id);
      }
    }
  });

  it.each([
    ['KARPENTER', 'karpenter-windows-nodepool'],
    ['TERRAFORM_SELF_MANAGED', 'terraform-eks-windows-self-managed-node-group'],
    ['TERRAFORM_MANAGED', 'terraform-eks-windows-managed-node-group'],
  ])('provisioner %s: the Windows node group settings name %s, through both doors', async (provisioner, templateId) => {
    const out = await ask(base({ windowsPods: 90, servicesPerWindowsNode: 150, provisioner }));
    expect(out.input.provisioner).toBe(provisioner);
    const windows = out.settings.filter((s: any) => s.nodeGroup === 'windows');
    expect(windows.length).toBeGreaterThan(0);
    for (const s of windows) expect(s.templateId).toBe(templateId);
    expect(listTemplates().map((t) => t.id)).toContain(templateId);
  });

  describe('malformed input: 400 / BAD_USER_INPUT naming the field', () => {
    async function restRejected(input: Record<string, unknown>, field: RegExp) {
      const rest = await app.http.post('/api/v1/cni/recommendations').send(input);
      expect(rest.status, JSON.stringify(rest.body)).toBe(400);
      expect(rest.body.error.code).toBe('VALIDATION_FAILED');
      expect(`${rest.body.error.message} ${JSON.stringify(rest.body.error.details)}`).toMatch(field);
    }

    async function gqlRejected(input: Record<string, unknown>, field: RegExp) {
      const gql = await app.gql(QUERY, { input });
      expect(gql.body.data?.recommendCni ?? null).toBeNull();
      expect(gql.body.errors?.length, JSON.stringify(gql.body)).toBeGreaterThan(0);
      const err = gql.body.errors[0];
      expect(err.extensions.code).toBe('BAD_USER_INPUT');
      expect(`${err.message} ${JSON.stringify(err.extensions.details ?? null)}`).toMatch(field);
      expect(JSON.stringify(gql.body)).not.toMatch(/stack|at .*\.ts:\d+/);
    }

    /** REST 400 VALIDATION_FAILED and GraphQL BAD_USER_INPUT, both naming `field`. */
    async function rejected(input: Record<string, unknown>, field: RegExp) {
      await restRejected(input, field);
      await gqlRejected(input, field);
    }

    it('negative pods', () => rejected(base({ windowsPods: -1 }), /windowsPods/));
    it('negative nodes', () => rejected(base({ nodeGroups: [win({ nodes: -2 }), lin()] }), /nodeGroups.*nodes/));
    it('an unknown instance type (a 400, not a 404)', async () => {
      await rejected(base({ nodeGroups: [win({ instanceType: 'm5.gigantic' }), lin()] }), /nodeGroups\[0\]\.instanceType/);
      const rest = await app.http
        .post('/api/v1/cni/recommendations')
        .send(base({ nodeGroups: [win(), lin({ instanceType: 'm5.gigantic' })] }));
      expect(rest.body.error.details).toMatchObject({ field: 'nodeGroups[1].instanceType', rule: 'known-instance-type' });
      expect(rest.body.error.message).toContain('m5.gigantic');
      // Said once, with what the catalog adds.
      expect(rest.body.error.message.match(/instance type/gi)).toHaveLength(2);
      expect(rest.body.error.message).toMatch(/^unknown instance type "m5\.gigantic": the catalog has no such EC2 instance type/);
    });
    it('a bad CIDR', () =>
      rejected(base({ nodeGroups: [win({ subnetCidrs: ['10.0.0.0/24', '10.0.300.0/24'] }), lin()] }), /nodeGroups\[0\]\.subnetCidrs\[1\]/));
    it('a subnet outside /16../28', () =>
      rejected(base({ nodeGroups: [win({ subnetCidrs: ['10.0.0.0/8'] }), lin()] }), /nodeGroups\[0\]\.subnetCidrs\[0\]/));
    it('a bad version', () => rejected(base({ kubernetesVersion: '1.31.2' }), /kubernetesVersion/));
    it('an unknown field (REST)', () => restRejected(base({ bogusField: true }), /bogusField/));
    it('subnets of two groups that overlap but differ', () =>
      rejected(base({ nodeGroups: [win(), lin({ subnetCidrs: ['10.0.0.0/25'] })] }), /nodeGroups\[1\]\.subnetCidrs\[0\]/));
    it('an unknown field in a node group (REST)', () => restRejected(base({ nodeGroups: [win({ zone: 'a' }), lin()] }), /zone/));
    it('an unknown platform (REST)', () => restRejected(base({ platform: 'LAMBDA' }), /platform/));
    it('an unknown field written into the GraphQL document: 400 GRAPHQL_VALIDATION_FAILED naming it', async () => {
      const res = await app.gql(
        '{ recommendCni(input: { kubernetesVersion: "1.31", nodeGroups: [], windowsPods: 0, linuxPods: 0, bogusField: 1 }) { recommended } }',
      );
      expect(res.status).toBe(400);
      expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.body.errors[0].message).toMatch(/bogusField/);
    });
    // Bad variables are refused by GraphQL coercion before anything runs.
    it('an unknown field in the variables (GraphQL)', () => gqlRejected(base({ bogusField: true }), /bogusField/));
    it('an unknown field in a node group (GraphQL)', () => gqlRejected(base({ nodeGroups: [win({ zone: 'a' }), lin()] }), /zone/));
    it('an unknown platform (GraphQL)', () => gqlRejected(base({ platform: 'LAMBDA' }), /platform/));
    it('no node groups', () => rejected(base({ nodeGroups: [] }), /nodeGroups/));
    it('duplicate node group names', () => rejected(base({ nodeGroups: [win(), win()] }), /nodeGroups\[1\]\.name/));
    it('Windows pods without a Windows node group', () => rejected(base({ nodeGroups: [lin()] }), /windowsPods/));
    it('too many node groups (bounded work)', () =>
      rejected(base({ nodeGroups: Array.from({ length: 51 }, (_, i) => lin({ name: `g${i}` })) }), /nodeGroups/));
    it('pods above the bound', () => rejected(base({ linuxPods: 10_000_000 }), /linuxPods/));
  });
});
