import { parse as parseHcl } from '@cdktf/hcl2json';
import type { Response as SuperagentResponse } from 'superagent';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeNodeCapacity } from '../../src/capacity/core/index.js';
import { readBundledSnapshot } from '../../src/catalog/bundled-catalog.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// planKarpenterWindows / POST /api/v1/karpenter/windows-plans (issue 15): both doors, the same
// validated input, the same answer; Karpenter's view next to the capacity engine's real figures.

const WARNING = 'code message source fix';
const PLAN = `
  input {
    clusterName kubernetesVersion windowsServerVersion ipMode instanceTypes instanceFamilies
    windowsPods { count cpuMillicores memoryMiB } servicesPerNode serviceIpv4Cidr excludedSnatCidrs kubeletMaxPods
  }
  amiAlias osBuild
  instanceTypes {
    instanceType vcpus memoryMiB
    karpenterView { pods privateIPv4Address ipv4PerInterface allocatableCpuMillicores allocatableMemoryMiB podsPerNode bindingConstraint launchable }
    realCapacity {
      maxPods ipLimitedPods effectiveIpMode limitedBy allocatableCpuMillicores allocatableMemoryMiB podsPerNode bindingConstraint formula
      warnings { code message source }
    }
    nodesKarpenterWouldLaunch nodesNeeded extraNodes bindingConstraint formula
    warnings { ${WARNING} }
  }
  warnings { ${WARNING} }
  inputs { name value note }
  karpenterLimitsSource { repository path commit generated }
`;
const QUERY = `query Plan($input: KarpenterWindowsPlanInput!) { planKarpenterWindows(input: $input) { ${PLAN} } }`;

const RENDER = `query($id: String!, $p: JSON) { renderTemplate(id: $id, parameters: $p) { templateId content mediaType warnings { code message source } parameters objects } }`;

function asText(res: SuperagentResponse, callback: (err: Error | null, body: string) => void): void {
  let text = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => (text += chunk));
  res.on('end', () => callback(null, text));
}

const snapshot = readBundledSnapshot();
const facts = (name: string) => snapshot.types.find((t) => t.name === name)!;

const base = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  clusterName: 'shop',
  kubernetesVersion: '1.33',
  windowsServerVersion: 'WINDOWS_SERVER_2022',
  ipMode: 'PREFIX_DELEGATION',
  instanceTypes: ['m5.large'],
  windowsPods: { count: 100, cpuMillicores: 10, memoryMiB: 32 },
  ...over,
});

describe('planKarpenterWindows over GraphQL and REST', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  /** REST may spell enums in kebab case (`prefix-delegation`); GraphQL variables use the enum names. */
  async function ask(input: Record<string, unknown>, restInput: Record<string, unknown> = input): Promise<any> {
    const rest = await app.http.post('/api/v1/karpenter/windows-plans').send(restInput);
    expect(rest.status, JSON.stringify(rest.body)).toBe(200);
    const gql = await app.gql(QUERY, { input }).expect(200);
    expect(gql.body.errors, JSON.stringify(gql.body.errors)).toBeUndefined();
    expect(gql.body.data.planKarpenterWindows).toEqual(rest.body);
    return rest.body;
  }

  it('m5.large with prefix delegation: Karpenter 110 pods and 9 IPs, real 110 pods on 144 IPs; 12 nodes launched where 1 is needed', async () => {
    const out = await ask(base());
    const t = out.instanceTypes[0];
    expect(t.karpenterView).toMatchObject({ pods: 110, privateIPv4Address: 9, launchable: true });
    const cap = computeNodeCapacity({ instanceType: facts('m5.large'), os: 'WINDOWS', ipMode: 'PREFIX_DELEGATION' });
    expect(t.realCapacity).toMatchObject({ maxPods: cap.maxPods, ipLimitedPods: cap.ipLimitedPods });
    expect(t.realCapacity).toMatchObject({ maxPods: 110, ipLimitedPods: 144 });
    // Karpenter: min(110 pods, 9 IPs, CPU fit 193, memory fit 187) = 9 -> ceil(100 / 9) = 12;
    // real: min(110, 193, 187) = 110 -> ceil(100 / 110) = 1.
    expect(t).toMatchObject({ nodesKarpenterWouldLaunch: 12, nodesNeeded: 1, extraNodes: 11, bindingConstraint: 'KUBELET_MAX_PODS' });
    const pd = t.warnings.find((w: any) => w.code === 'KARPENTER_PREFIX_DELEGATION_NOT_MODELLED');
    expect(pd.source).toMatch(/aws\/karpenter-provider-aws#5478/);
    expect(pd.fix).toMatch(/kubelet\.maxPods/);
    expect(out).toMatchObject({ amiAlias: 'windows2022@latest', osBuild: '10.0.20348' });
    expect(out.karpenterLimitsSource).toMatchObject({ repository: 'aws/karpenter-provider-aws', generated: '2026-08-06' });
  });

  it("t3.medium PD: the real node is the capacity engine's (1540 MiB, 6 pods, 17 nodes), as sizing and nodeCapacity say", async () => {
    const out = await ask(base({ instanceTypes: ['t3.medium'], windowsPods: { count: 100, cpuMillicores: 100, memoryMiB: 256 } }));
    const t = out.instanceTypes[0];
    // Real: 4096 - 308 = 3788; - 512 - 1536 - 200 = 1540 MiB; floor(1540 / 256) = 6 -> ceil(100 / 6) = 17.
    expect(t.realCapacity).toMatchObject({ allocatableMemoryMiB: 1540, podsPerNode: 6, bindingConstraint: 'MEMORY' });
    // Karpenter: 3788 - (11 * 110 + 255) - 100 = 2223; min(110, 5 IPs, 19, 8) = 5 -> 20.
    expect(t.karpenterView).toMatchObject({ allocatableMemoryMiB: 2223, podsPerNode: 5 });
    expect(t).toMatchObject({ nodesKarpenterWouldLaunch: 20, nodesNeeded: 17, extraNodes: 3 });
    const cap = await app.http.get('/api/v1/capacity/t3.medium').query({ os: 'windows', ipMode: 'prefix-delegation' }).expect(200);
    expect(cap.body.allocatable.memoryMiB).toBe(t.realCapacity.allocatableMemoryMiB);
    const sizing = await app.http
      .post('/api/v1/capacity/sizing')
      .send({
        workload: { windowsPods: 100, windowsPodCpuMillicores: 100, windowsPodMemoryMiB: 256, linuxPods: 0 },
        instanceTypes: ['t3.medium'],
        ipModes: ['prefix-delegation'],
      })
      .expect(200);
    expect(sizing.body.windows[0]).toMatchObject({ allocatableMemoryMiB: 1540, podsPerNode: 6, nodes: t.nodesNeeded });
  });

  it('t3.nano: Karpenter counts -1092 MiB and launches none; the real node (0 MiB) holds no pod', async () => {
    const out = await ask(base({ instanceTypes: ['t3.nano'], windowsPods: { count: 10, cpuMillicores: 0, memoryMiB: 0 } }));
    const t = out.instanceTypes[0];
    expect(t.karpenterView).toMatchObject({ allocatableMemoryMiB: -1092, podsPerNode: 0, launchable: false });
    expect(t.realCapacity).toMatchObject({ allocatableMemoryMiB: 0, podsPerNode: 0 });
    expect(t).toMatchObject({ nodesKarpenterWouldLaunch: null, nodesNeeded: null, extraNodes: null });
  });

  it('REST accepts the kebab spellings and families; DSR, Service CIDR and SNAT warnings carry sources and fixes', async () => {
    const input = base({
      instanceTypes: undefined,
      instanceFamilies: ['m5'],
      servicesPerNode: 150,
      serviceIpv4Cidr: '172.20.0.0/16',
      excludedSnatCidrs: ['10.0.0.0/8'],
      kubeletMaxPods: 110,
    });
    const out = await ask(input, { ...input, ipMode: 'prefix-delegation' });
    expect(out.input.ipMode).toBe('PREFIX_DELEGATION');
    expect(out.instanceTypes.length).toBe(snapshot.types.filter((t) => t.family === 'm5').length);
    const codes = out.warnings.map((w: any) => w.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'KARPENTER_DOES_NOT_PASS_KUBE_PROXY_ARGS',
        'KARPENTER_DOES_NOT_PASS_SERVICE_CIDR',
        'KARPENTER_DOES_NOT_PASS_EXCLUDED_SNAT_CIDRS',
      ]),
    );
    for (const w of [...out.warnings, ...out.instanceTypes.flatMap((t: any) => t.warnings)]) {
      expect(w.source.trim()).not.toBe('');
      expect(w.fix.trim()).not.toBe('');
    }
  });

  it('types that cannot be Windows nodes: arm64, refused by EC2, in neither limits table', async () => {
    const out = await ask(base({ instanceTypes: ['m6g.large', 'p5.48xlarge', 'hpc6a.48xlarge'] }));
    const by = (n: string) => out.instanceTypes.find((t: any) => t.instanceType === n);
    expect(by('m6g.large')).toMatchObject({
      nodesNeeded: null,
      nodesKarpenterWouldLaunch: null,
      bindingConstraint: 'UNSUPPORTED_ARCHITECTURE',
    });
    expect(by('p5.48xlarge')).toMatchObject({ nodesNeeded: null, bindingConstraint: 'EC2_REFUSES_WINDOWS' });
    expect(by('p5.48xlarge').warnings.map((w: any) => w.code)).toContain('KARPENTER_OFFERS_TYPE_EC2_REFUSES');
    expect(by('hpc6a.48xlarge').karpenterView).toMatchObject({ launchable: false, bindingConstraint: 'NOT_IN_KARPENTER_LIMITS' });
  });

  describe('bad input: 400 VALIDATION_FAILED / BAD_USER_INPUT naming what to change', () => {
    async function rejected(input: Record<string, unknown>, field: string, text: RegExp) {
      const rest = await app.http.post('/api/v1/karpenter/windows-plans').send(input);
      expect(rest.status, JSON.stringify(rest.body)).toBe(400);
      expect(rest.body.error.code).toBe('VALIDATION_FAILED');
      expect(rest.body.error.details).toMatchObject({ field });
      expect(rest.body.error.message).toMatch(text);
      const gql = await app.gql(QUERY, { input });
      expect(gql.body.data?.planKarpenterWindows ?? null).toBeNull();
      const err = gql.body.errors[0];
      expect(err.extensions.code).toBe('BAD_USER_INPUT');
      expect(err.message).toMatch(text);
      expect(JSON.stringify(gql.body)).not.toMatch(/stack|at .*\.ts:\d+/);
    }

    it('an unknown family', () =>
      rejected(base({ instanceTypes: undefined, instanceFamilies: ['zz9'] }), 'instanceFamilies[0]', /not an instance family/));
    it('an unknown type (a 400, not a 404)', () => rejected(base({ instanceTypes: ['m5.gigantic'] }), 'instanceTypes[0]', /m5\.gigantic/));
    it('Windows Server 2025 on EKS 1.33', () =>
      rejected(base({ windowsServerVersion: 'WINDOWS_SERVER_2025' }), 'windowsServerVersion', /needs EKS \(Kubernetes\) 1\.35 or later/));
    it('Windows Server 2022 on EKS 1.22', () => rejected(base({ kubernetesVersion: '1.22' }), 'windowsServerVersion', /1\.23 or later/));
    it('a Service CIDR that does not parse', () =>
      rejected(base({ serviceIpv4Cidr: '172.20.0/16' }), 'serviceIpv4Cidr', /not an IPv4 CIDR/));
    it('a SNAT CIDR with host bits', () =>
      rejected(base({ excludedSnatCidrs: ['10.0.0.1/8'] }), 'excludedSnatCidrs[0]', /write the network address 10\.0\.0\.0\/8/));
    it('an unknown field (REST)', async () => {
      const rest = await app.http.post('/api/v1/karpenter/windows-plans').send(base({ nodeClass: 'x' }));
      expect(rest.status).toBe(400);
      expect(JSON.stringify(rest.body.error)).toMatch(/nodeClass/);
    });
  });

  describe('the templates that render the fix, through renderTemplate and REST', () => {
    async function render(id: string, parameters: Record<string, unknown>, format: 'yaml' | 'hcl') {
      const gql = await app.gql(RENDER, { id, p: parameters }).expect(200);
      expect(gql.body.errors, JSON.stringify(gql.body.errors)).toBeUndefined();
      const rendered = gql.body.data.renderTemplate;
      const rest = await app.http.post(`/api/v1/templates/${id}/render`).send(parameters).expect(200);
      expect(rest.body).toEqual(rendered);
      const bare = await app.http
        .post(`/api/v1/templates/${id}/render`)
        .query({ format })
        .send(parameters)
        .buffer(true)
        .parse(asText)
        .expect(200);
      expect(bare.body).toBe(rendered.content);
      expect(bare.headers['content-type']).toBe(`${rendered.mediaType}; charset=utf-8`);
      return rendered;
    }

    it('karpenter-windows-nodepool (?format=yaml): kubelet.maxPods from the capacity engine under prefix delegation', async () => {
      const rendered = await render(
        'karpenter-windows-nodepool',
        {
          clusterName: 'shop',
          kubernetesVersion: '1.33',
          ipMode: 'prefix-delegation',
          instanceTypes: ['m5.large'],
          serviceIpv4Cidr: '172.20.0.0/16',
        },
        'yaml',
      );
      const cap = computeNodeCapacity({ instanceType: facts('m5.large'), os: 'WINDOWS', ipMode: 'PREFIX_DELEGATION' });
      const docs = parseAllDocuments(rendered.content);
      const [pool, nodeClass] = (Array.isArray(docs) ? docs : []).map((d) => d.toJS());
      expect(pool.kind).toBe('NodePool');
      expect(nodeClass.spec.kubelet.maxPods).toBe(cap.maxPods);
      expect(rendered.parameters.maxPods).toBe(110);
      expect(nodeClass.spec.userData).toContain("'SERVICE_IPV4_CIDR', '172.20.0.0/16'");
    });

    it('terraform-eks-windows-self-managed-node-group (?format=hcl): parses, version floor, ami_type, --max-pods from the capacity engine', async () => {
      const rendered = await render(
        'terraform-eks-windows-self-managed-node-group',
        {
          clusterName: 'shop',
          kubernetesVersion: '1.33',
          windowsServerVersion: 'WINDOWS_SERVER_2019',
          amiVariant: 'Full',
          instanceType: 'm5.large',
          ipMode: 'secondary-ip',
        },
        'hcl',
      );
      const json = (await parseHcl('main.tf', rendered.content)) as any;
      const eks = json.module.eks[0];
      expect(eks.version).toBe('>= 21.24.1, < 22.0.0');
      const group = eks.self_managed_node_groups.windows;
      expect(group.ami_type).toBe('WINDOWS_FULL_2019_x86_64');
      // m5.large secondary IP: W = 10 - 1 = 9, maxPods = min(110, 9) = 9.
      expect(group.bootstrap_extra_args).toContain("-KubeletExtraArgs '--max-pods=9'");
      expect(group.bootstrap_extra_args).toContain("-KubeProxyExtraArgs '--enable-dsr=true'");
    });
  });
});
