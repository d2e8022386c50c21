import { readFileSync } from 'node:fs';
import { parse as parseHcl } from '@cdktf/hcl2json';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { facts } from '../../capacity/core/capacity.test-fixtures.js';
import { resolveVpcLimit } from '../../capacity/core/index.js';
import { projectPath } from '../../common/project-path.js';
import { DomainError } from '../../common/domain-error.js';
import { EC2_WINDOWS_REFUSED_INSTANCE_TYPES, mergeKarpenterWindowsUserData } from '../../karpenter/core/index.js';
import { loadSchemaValidators } from './manifest-schemas.testing.js';
import { getTemplate, renderTemplate } from './template.catalogue.js';
import { renderTerraformTemplate } from './terraform-user-data.testing.js';
import { DSR_PATCH_ANCHOR, DSR_PATCH_FAILURE_TEXT } from './windows-bootstrap.render.js';
import type { RenderOptions } from './policy-template.model.js';
import { renderCatalogOf } from './render-catalog.testing.js';

const data = (...p: string[]) => readFileSync(projectPath('..', 'shared', 'data', ...p), 'utf8');

/** The catalog, as PoliciesService supplies it (the templates derive max-pods with the capacity engine). */
const options: RenderOptions = { catalog: renderCatalogOf() };

const schemas = loadSchemaValidators();

function failure(id: string, parameters: Record<string, unknown>): DomainError {
  try {
    renderTemplate(id, parameters, options);
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a validation error');
}

describe("Karpenter's Windows user data merge (pkg/providers/amifamily/bootstrap/windows.go)", () => {
  // The goldens' bootstrap call, as Karpenter's launch template test builds it (%s: NodePool label key and name).
  const golden = {
    clusterName: 'test-cluster',
    clusterEndpoint: 'https://test-cluster',
    caBundle: 'Y2EtYnVuZGxlCg==',
    kubeletExtraArgs: [
      '--node-labels="karpenter.k8s.aws/ec2nodeclass=%s,karpenter.sh/capacity-type=spot,karpenter.sh/do-not-sync-taints=true,%s=%s,testing/cluster=unspecified"',
      '--register-with-taints="karpenter.sh/unregistered:NoExecute"',
      '--max-pods=110',
    ],
    clusterDns: '10.0.100.10',
  };
  // Karpenter's own test compares with every newline removed (ExpectLaunchTemplatesCreatedWithUserData).
  const flat = (s: string) => s.replace(/\n/g, '');

  it('puts the NodeClass userData first, then its bootstrap call: windows_userdata_merged.golden', () => {
    const merged = mergeKarpenterWindowsUserData({
      ...golden,
      customUserData: data('karpenter', 'windows-userdata', 'windows_userdata_input.golden'),
    });
    expect(flat(merged)).toBe(flat(data('karpenter', 'windows-userdata', 'windows_userdata_merged.golden')));
  });

  it("without userData: windows_userdata_unmerged.golden, byte for byte but the file's final newline", () => {
    expect(`${mergeKarpenterWindowsUserData(golden)}\n`).toBe(data('karpenter', 'windows-userdata', 'windows_userdata_unmerged.golden'));
  });
});

describe('karpenter-windows-nodepool', () => {
  const render = (p: Record<string, unknown>) => renderTemplate('karpenter-windows-nodepool', p, options);
  const base = { clusterName: 'shop', kubernetesVersion: '1.31', ipMode: 'prefix-delegation', instanceTypes: ['m5.large', 'm5.xlarge'] };

  it.each(['secondary-ip', 'prefix-delegation'])(
    '%s: an unknown type is INSTANCE_TYPE_NOT_FOUND, an arm64 or EC2-refused one refused',
    (ipMode) => {
      expect(failure('karpenter-windows-nodepool', { ...base, ipMode, instanceTypes: ['m5.large', 'nope.x'] }).code).toBe(
        'INSTANCE_TYPE_NOT_FOUND',
      );
      const arm = failure('karpenter-windows-nodepool', { ...base, ipMode, instanceTypes: ['m5.large', 'm6g.large'] });
      expect(arm).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { field: 'instanceTypes', rule: 'WINDOWS_UNSUPPORTED_ARCHITECTURE' },
      });
      expect(arm.message).toContain('item [1] m6g.large cannot be a Windows node');
      const refused = failure('karpenter-windows-nodepool', { ...base, ipMode, instanceTypes: ['p4d.24xlarge'] });
      expect(refused).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'instanceTypes', rule: 'EC2_REFUSES_WINDOWS' } });
    },
  );

  it.each([
    // The EC2NodeClass CRD refuses an empty role (x-kubernetes-validations: role cannot be empty).
    [{ nodeRole: '' }, 'nodeRole', 'IAM_ROLE_NAME'],
    [{ nodeRole: 'Karpenter Node Role' }, 'nodeRole', 'IAM_ROLE_NAME'],
    // KarpenterNodeRole- + 50 characters is above IAM's 64.
    [{ clusterName: `c${'x'.repeat(49)}` }, 'nodeRole', 'IAM_ROLE_NAME'],
    // The name becomes the karpenter.sh/nodepool label value: at most 63 characters.
    [{ name: `w${'.x'.repeat(40)}` }, 'name', 'LABEL_VALUE'],
    [{ instanceFamilies: ['zz9'] }, 'instanceFamilies', 'UNKNOWN_FAMILY'],
    [{ instanceFamilies: ['m5', 'm6g'] }, 'instanceFamilies', 'NO_WINDOWS_TYPES'],
    [{ instanceFamilies: ['p4d'] }, 'instanceFamilies', 'NO_WINDOWS_TYPES'],
  ])('refuses %o (%s %s)', (over, field, rule) => {
    const e = failure('karpenter-windows-nodepool', { ...base, instanceTypes: [], instanceFamilies: ['m5'], ...over });
    expect(e).toMatchObject({ code: 'VALIDATION_FAILED', details: { field, rule } });
  });

  it('a family with some Windows-capable members is kept: the requirements keep the others out', () => {
    const r = render({ ...base, instanceTypes: [], instanceFamilies: ['m5', 'c5'], nodeRole: 'KarpenterNodeRole-shop@2' });
    const nodeClass = r.objects[1] as { spec: { role: string } };
    expect(nodeClass.spec.role).toBe('KarpenterNodeRole-shop@2');
  });

  it('a type the controller does not know yet stays a warning: its tables grow with rollouts', () => {
    const t = renderCatalogOf().types.find((x) => x.architectures.includes('x86_64') && !resolveVpcLimit(x.name))!;
    const r = render({ ...base, ipMode: 'secondary-ip', instanceTypes: ['m5.large', t.name] });
    expect(r.warnings.filter((w) => w.code === 'NO_WINDOWS_POD_CAPACITY').map((w) => w.message)).toEqual([expect.stringContaining(t.name)]);
  });

  it('renders a NodePool and an EC2NodeClass valid against the Karpenter CRDs, the YAML equal to the objects', () => {
    const r = render({ ...base, serviceIpv4Cidr: '172.20.0.0/16', excludedSnatCidrs: ['10.0.0.0/8', '192.168.0.0/16'] });
    const docs = parseAllDocuments(r.content);
    const objects = (Array.isArray(docs) ? docs : []).map((d) => d.toJS());
    expect(objects).toEqual(r.objects);
    expect(objects.map((o) => `${o.apiVersion}/${o.kind}`)).toEqual(['karpenter.sh/v1/NodePool', 'karpenter.k8s.aws/v1/EC2NodeClass']);
    for (const o of objects) schemas.validate(o);
    const [pool, nodeClass] = objects;
    expect(pool.spec.template.spec.nodeClassRef).toEqual({
      group: 'karpenter.k8s.aws',
      kind: 'EC2NodeClass',
      name: nodeClass.metadata.name,
    });
  });

  it.each([
    { v: 'WINDOWS_SERVER_2019', k: '1.31', alias: 'windows2019@latest', build: '10.0.17763' },
    { v: 'WINDOWS_SERVER_2022', k: '1.31', alias: 'windows2022@latest', build: '10.0.20348' },
    { v: 'WINDOWS_SERVER_2025', k: '1.35', alias: 'windows2025@latest', build: '10.0.26100' },
  ])('$v: amiSelectorTerms alias $alias (CRD rule: Windows families only @latest), windows-build $build', ({ v, k, alias, build }) => {
    const r = render({ ...base, kubernetesVersion: k, windowsServerVersion: v });
    const [pool, nodeClass] = r.objects as any[];
    expect(nodeClass.spec.amiSelectorTerms).toEqual([{ alias }]);
    // The CRD's x-kubernetes-validations (CEL, which ajv does not run): family@version, a known family, Windows only @latest.
    expect(alias).toMatch(/^[a-zA-Z0-9]+@.+$/);
    expect(['windows2019', 'windows2022', 'windows2025']).toContain(alias.split('@')[0]);
    expect(alias.split('@')[1]).toBe('latest');
    expect(pool.spec.template.spec.requirements).toContainEqual({
      key: 'node.kubernetes.io/windows-build',
      operator: 'In',
      values: [build],
    });
  });

  it('keeps out arm64 and the 18 types EC2 refuses for Windows', () => {
    const req = (render(base).objects[0] as any).spec.template.spec.requirements;
    expect(req).toContainEqual({ key: 'kubernetes.io/os', operator: 'In', values: ['windows'] });
    expect(req).toContainEqual({ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] });
    const notIn = req.find((r: any) => r.key === 'node.kubernetes.io/instance-type' && r.operator === 'NotIn');
    expect(notIn.values).toHaveLength(18);
    expect(notIn.values).toEqual([...EC2_WINDOWS_REFUSED_INSTANCE_TYPES]);
    expect(notIn.values).toEqual(expect.arrayContaining(['p5.48xlarge', 'dl1.24xlarge', 'inf2.xlarge', 'trn1n.32xlarge', 'vt1.24xlarge']));
  });

  it.each([
    // m5.large: W = (10 - 1) * 16 = 144, min(110, 144) = 110; m5.xlarge: (15 - 1) * 16 = 224 -> 110. Smallest: 110.
    { name: 'PD, kubelet default', ipMode: 'prefix-delegation', types: ['m5.large', 'm5.xlarge'], maxPods: undefined, expected: 110 },
    // Secondary IP: kubelet.maxPods is left to Karpenter (unset) unless given.
    { name: 'secondary IP', ipMode: 'secondary-ip', types: ['m5.large'], maxPods: undefined, expected: undefined },
    { name: 'given', ipMode: 'secondary-ip', types: ['m5.large'], maxPods: 9, expected: 9 },
  ])('kubelet.maxPods: $name -> $expected', ({ ipMode, types, maxPods, expected }) => {
    const r = render({ ...base, ipMode, instanceTypes: types, ...(maxPods ? { maxPods } : {}) });
    const nodeClass = r.objects[1] as any;
    expect(nodeClass.spec.kubelet?.maxPods).toBe(expected);
    if (expected !== undefined && maxPods === undefined) expect(r.parameters.maxPods).toBe(expected);
  });

  it('its userData, merged as Karpenter merges it, runs the env variables and the fail-loudly DSR patch before the bootstrap call', () => {
    const r = render({ ...base, serviceIpv4Cidr: '172.20.0.0/16', excludedSnatCidrs: ['10.0.0.0/8'] });
    const nodeClass = r.objects[1] as any;
    const merged = mergeKarpenterWindowsUserData({
      customUserData: nodeClass.spec.userData,
      clusterName: 'shop',
      clusterEndpoint: 'https://shop.example',
      kubeletExtraArgs: [`--max-pods=${nodeClass.spec.kubelet.maxPods}`],
    });
    const at = (s: string) => {
      const i = merged.indexOf(s);
      expect(i, s).toBeGreaterThanOrEqual(0);
      return i;
    };
    const bootstrap = at('& $EKSBootstrapScriptFile');
    expect(at("[Environment]::SetEnvironmentVariable('SERVICE_IPV4_CIDR', '172.20.0.0/16', 'Machine')")).toBeLessThan(bootstrap);
    expect(at("[Environment]::SetEnvironmentVariable('EXCLUDED_SNAT_CIDRS', '10.0.0.0/8', 'Machine')")).toBeLessThan(bootstrap);
    expect(at(DSR_PATCH_ANCHOR)).toBeLessThan(bootstrap);
    expect(at(DSR_PATCH_FAILURE_TEXT)).toBeLessThan(bootstrap);
    // Kubernetes 1.31 < 1.33: the WinDSR gate is still needed.
    expect(at('--feature-gates=WinDSR=true')).toBeLessThan(bootstrap);
    expect(merged.startsWith('<powershell>\n')).toBe(true);
    expect(merged.endsWith("-KubeletExtraArgs '--max-pods=110'\n</powershell>")).toBe(true);
    // What Karpenter never passes is still not in its call.
    expect(merged.slice(bootstrap)).not.toMatch(/-ServiceCIDR|-ExcludedSnatCIDRs|-KubeProxyExtraArgs/);
  });

  it('the templates that set SERVICE_IPV4_CIDR / EXCLUDED_SNAT_CIDRS cite where Start-EKSBootstrap.ps1 reads them', () => {
    const cited =
      'awsdocs/amazon-eks-user-guide eks-optimized-windows-ami (Start-EKSBootstrap.ps1 reads the machine-scoped SERVICE_IPV4_CIDR and EXCLUDED_SNAT_CIDRS; a command-line parameter wins over its variable)';
    expect(getTemplate('karpenter-windows-nodepool').source).toContain(cited);
    expect(getTemplate('terraform-eks-windows-managed-node-group').source).toContain(cited);
  });

  it('no DSR and no CIDRs: no userData at all', () => {
    const nodeClass = render({ ...base, enableDsr: false }).objects[1] as any;
    expect(nodeClass.spec.userData).toBeUndefined();
  });

  it.each([
    {
      name: 'WS2025 on EKS 1.31 (no 2025 AMI below 1.35: eks-ami-versions-windows)',
      p: { windowsServerVersion: 'WINDOWS_SERVER_2025' },
      field: 'windowsServerVersion',
      text: /1\.35 or later, but kubernetesVersion is 1\.31: EKS publishes no Windows Server 2025 AMI for it, so windows2025@latest resolves none and the EC2NodeClass never becomes ready; .*pkg\/providers\/amifamily\/windows\.go/,
    },
    {
      name: 'a type EC2 refuses',
      p: { instanceTypes: ['m5.large', 'p5.48xlarge'] },
      field: 'instanceTypes',
      text: /p5\.48xlarge cannot be a Windows node/,
    },
    { name: 'a CIDR that does not parse', p: { serviceIpv4Cidr: '172.20.0/16' }, field: 'serviceIpv4Cidr', text: /not an IPv4 CIDR/ },
  ])('refuses $name, naming the parameter', ({ p, field, text }) => {
    const e = failure('karpenter-windows-nodepool', { ...base, ...p });
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.details).toMatchObject({ field });
    expect(e.message).toMatch(text);
  });
});

describe("terraform-aws-eks's windows_user_data.tpl, rendered as templatefile() does", () => {
  const tpl = data('terraform-aws-eks', 'windows_user_data.tpl');
  const golden = (f: string) => data('terraform-aws-eks', 'windows-user-data', f);
  const cluster = {
    cluster_name: 'ex-user-data',
    cluster_endpoint: 'https://012345678903AB2BAE5D1E0BFE0E2B50.gr7.us-east-1.eks.amazonaws.com',
    cluster_auth_base64: golden('self-mng-bootstrap.ps1').match(/-Base64ClusterCA (\S+)/)![1]!,
  };
  const pre = "[string]$Something = 'IDoNotKnowAnyPowerShell ¯\\_(ツ)_/¯'\n";
  const post = "[string]$Something = 'IStillDoNotKnowAnyPowerShell ¯\\_(ツ)_/¯'\n";

  it.each([
    { file: 'self-mng-bootstrap.ps1', enable: true, pre, post, extra: '-KubeletExtraArgs --node-labels=node.kubernetes.io/lifecycle=spot' },
    { file: 'eks-mng-custom-ami.ps1', enable: true, pre, post, extra: '-KubeletExtraArgs --node-labels=node.kubernetes.io/lifecycle=spot' },
    { file: 'eks-mng-additional.ps1', enable: false, pre, post: '', extra: '' },
    { file: 'eks-mng-no-op.ps1', enable: false, pre: '', post: '', extra: '' },
  ])('reproduces the module golden $file', ({ file, enable, pre, post, extra }) => {
    const out = renderTerraformTemplate(tpl, {
      ...cluster,
      enable_bootstrap_user_data: enable,
      pre_bootstrap_user_data: pre,
      post_bootstrap_user_data: post,
      bootstrap_extra_args: extra,
    });
    expect(out).toBe(golden(file));
  });
});

describe('terraform-eks-windows-*-node-group', () => {
  const tpl = data('terraform-aws-eks', 'windows_user_data.tpl');
  const selfManaged = 'terraform-eks-windows-self-managed-node-group';
  const managed = 'terraform-eks-windows-managed-node-group';

  async function parsed(id: string, p: Record<string, unknown>) {
    const r = renderTemplate(id, p, options);
    expect(r.mediaType).toBe('text/x-hcl');
    const json = (await parseHcl('main.tf', r.content)) as { module: { eks: Record<string, any>[] } };
    expect(json.module.eks).toHaveLength(1);
    const eks = json.module.eks[0]!;
    expect(eks).toEqual((r.objects[0] as any).module.eks);
    return { r, eks };
  }

  /** The user data the module renders for a node group, from the parsed HCL. */
  function userData(group: Record<string, any>, enable: boolean): string {
    return renderTerraformTemplate(tpl, {
      enable_bootstrap_user_data: enable,
      cluster_name: 'shop',
      cluster_endpoint: 'https://shop.example',
      cluster_auth_base64: 'Q0E=',
      pre_bootstrap_user_data: group.pre_bootstrap_user_data ?? '',
      post_bootstrap_user_data: '',
      bootstrap_extra_args: group.bootstrap_extra_args ?? '',
    });
  }

  it.each([
    { id: selfManaged, v: 'WINDOWS_SERVER_2019', variant: 'Core', k: '1.31', amiType: 'WINDOWS_CORE_2019_x86_64' },
    { id: selfManaged, v: 'WINDOWS_SERVER_2019', variant: 'Full', k: '1.31', amiType: 'WINDOWS_FULL_2019_x86_64' },
    { id: selfManaged, v: 'WINDOWS_SERVER_2022', variant: 'Core', k: '1.31', amiType: 'WINDOWS_CORE_2022_x86_64' },
    { id: managed, v: 'WINDOWS_SERVER_2022', variant: 'Full', k: '1.31', amiType: 'WINDOWS_FULL_2022_x86_64' },
    { id: managed, v: 'WINDOWS_SERVER_2025', variant: 'Core', k: '1.35', amiType: 'WINDOWS_CORE_2025_x86_64' },
    { id: managed, v: 'WINDOWS_SERVER_2025', variant: 'Full', k: '1.35', amiType: 'WINDOWS_FULL_2025_x86_64' },
  ])('$id $v $variant: parses as HCL, version >= 21.24.1 < 22, ami_type $amiType', async ({ id, v, variant, k, amiType }) => {
    const { eks } = await parsed(id, { clusterName: 'shop', kubernetesVersion: k, windowsServerVersion: v, amiVariant: variant });
    expect(eks.source).toBe('terraform-aws-modules/eks/aws');
    expect(eks.version).toBe('>= 21.24.1, < 22.0.0');
    expect(eks.kubernetes_version).toBe(k);
    const groups = eks[id === managed ? 'eks_managed_node_groups' : 'self_managed_node_groups'];
    expect(groups.windows.ami_type).toBe(amiType);
  });

  it("self-managed: bootstrap_extra_args carry --max-pods (capacity engine), -KubeProxyExtraArgs, -ServiceCIDR into the module's bootstrap call", async () => {
    const { eks, r } = await parsed(selfManaged, {
      clusterName: 'shop',
      kubernetesVersion: '1.33',
      ipMode: 'prefix-delegation',
      instanceType: 'm5.xlarge',
      serviceIpv4Cidr: '172.20.0.0/16',
      dnsClusterIp: '172.20.0.10',
      excludedSnatCidrs: ['10.0.0.0/8'],
    });
    const group = eks.self_managed_node_groups.windows;
    expect(group.instance_type).toBe('m5.xlarge');
    // m5.xlarge PD: W = (15 - 1) * 16 = 224, maxPods = min(110, 224) = 110.
    expect(r.parameters.maxPods).toBe(110);
    const ud = userData(group, true);
    const call = ud.split('\n').find((l) => l.startsWith('& $EKSBootstrapScriptFile'))!;
    expect(call).toContain("-KubeletExtraArgs '--max-pods=110'");
    // Kubernetes 1.33: --enable-dsr=true alone.
    expect(call).toContain("-KubeProxyExtraArgs '--enable-dsr=true'");
    expect(call).toContain("-ServiceCIDR '172.20.0.0/16' -DNSClusterIP '172.20.0.10' -ExcludedSnatCIDRs '10.0.0.0/8'");
    expect(call.endsWith(' 3>&1 4>&1 5>&1 6>&1')).toBe(true);
    expect(ud.startsWith('<powershell>\n')).toBe(true);
    expect(group.pre_bootstrap_user_data).toBeUndefined();
  });

  it('managed without a custom AMI: the DSR patch and env variables in pre_bootstrap_user_data, which is all the module renders', async () => {
    const { eks, r } = await parsed(managed, {
      clusterName: 'shop',
      kubernetesVersion: '1.31',
      instanceTypes: ['m5.large'],
      serviceIpv4Cidr: '172.20.0.0/16',
    });
    const group = eks.eks_managed_node_groups.windows;
    expect(group.instance_types).toEqual(['m5.large']);
    expect(group.bootstrap_extra_args).toBeUndefined();
    const ud = userData(group, false);
    expect(ud).toBe(group.pre_bootstrap_user_data);
    expect(ud).toContain(DSR_PATCH_ANCHOR);
    expect(ud).toContain(DSR_PATCH_FAILURE_TEXT);
    expect(ud).toContain('--feature-gates=WinDSR=true'); // 1.31 < 1.33
    expect(ud).toContain("[Environment]::SetEnvironmentVariable('SERVICE_IPV4_CIDR', '172.20.0.0/16', 'Machine')");
    expect(ud).not.toContain('<powershell>');
    expect(r.warnings.map((w) => w.code)).toContain('MODULE_VERSION_FLOOR');
    const floor = r.warnings.find((w) => w.code === 'MODULE_VERSION_FLOOR')!;
    expect(floor.message).toMatch(/^version >= 21\.24\.1, < 22\.0\.0: releases before 21\.24\.1 swapped the Core and Full Windows images/);
    expect(floor.source).toContain('#3737');
  });

  it('managed with a custom AMI: the module renders the bootstrap call, with bootstrap_extra_args', async () => {
    const { eks } = await parsed(managed, {
      clusterName: 'shop',
      kubernetesVersion: '1.33',
      ipMode: 'secondary-ip',
      amiId: 'ami-0123456789abcdef0',
    });
    const group = eks.eks_managed_node_groups.windows;
    expect(group).toMatchObject({ ami_id: 'ami-0123456789abcdef0', enable_bootstrap_user_data: true });
    // m5.large secondary IP: W = 10 - 1 = 9, maxPods = min(110, 9) = 9.
    const call = userData(group, true)
      .split('\n')
      .find((l) => l.startsWith('& $EKSBootstrapScriptFile'))!;
    expect(call).toContain("-KubeletExtraArgs '--max-pods=9' -KubeProxyExtraArgs '--enable-dsr=true'");
  });

  it.each([
    {
      id: selfManaged,
      name: 'WS2022 on EKS 1.22',
      p: { kubernetesVersion: '1.22' },
      field: 'windowsServerVersion',
      text: /1\.23 or later/,
    },
    {
      id: managed,
      name: 'WS2025 on EKS 1.34 (no 2025 AMI below 1.35: eks-ami-versions-windows)',
      p: { kubernetesVersion: '1.34', windowsServerVersion: 'WINDOWS_SERVER_2025' },
      field: 'windowsServerVersion',
      text: /1\.35 or later, but kubernetesVersion is 1\.34: EKS publishes no Windows Server 2025 AMI for it, so ami_type WINDOWS_CORE_2025_x86_64 \(or FULL\) has no AMI: .*ssm_ami_type_to_ssm_param/,
    },
    {
      id: selfManaged,
      name: 'a type EC2 refuses',
      p: { instanceType: 'p5.48xlarge' },
      field: 'instanceType',
      text: /p5\.48xlarge cannot be a Windows node: .*UnsupportedOperation/,
    },
    // No EKS-optimized Windows AMI is arm64 or Mac: EKS refuses the AMI type with these instance types.
    {
      id: managed,
      name: 'an arm64 type',
      p: { instanceTypes: ['m5.large', 'm6g.large'] },
      field: 'instanceTypes',
      text: /item \[1\] m6g\.large .*x86_64 only/,
    },
    { id: selfManaged, name: 'a Mac type', p: { instanceType: 'mac1.metal' }, field: 'instanceType', text: /mac1\.metal .*x86_64 only/ },
    {
      id: managed,
      name: 'a SNAT CIDR with host bits',
      p: { excludedSnatCidrs: ['10.0.0.1/8'] },
      field: 'excludedSnatCidrs',
      text: /host bits/,
    },
    { id: managed, name: 'an AMI id that is not one', p: { amiId: 'windows' }, field: 'amiId', text: /not an AMI id/ },
  ])('$id refuses $name', ({ id, p, field, text }) => {
    const e = failure(id, { clusterName: 'shop', kubernetesVersion: '1.31', ...p });
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.details).toMatchObject({ field });
    expect(e.message).toMatch(text);
  });
});

describe('karpenter-windows-nodepool with instanceFamilies', () => {
  const withFamilies: RenderOptions = { catalog: renderCatalogOf(['t3.nano', 't3.large', 't3.xlarge', 'm6g.large'].map(facts)) };
  it('takes kubelet.maxPods from the smallest Windows-capable member, and says so', () => {
    // t3.nano: I = 2, PD W = (2 - 1) * 16 = 16 -> min(110, 16) = 16; t3.large (I = 12): 176 -> 110; t3.xlarge (I = 15): 224 -> 110.
    const r = renderTemplate(
      'karpenter-windows-nodepool',
      { clusterName: 'shop', kubernetesVersion: '1.33', ipMode: 'prefix-delegation', instanceFamilies: ['t3'] },
      withFamilies,
    );
    expect((r.objects[1] as any).spec.kubelet.maxPods).toBe(16);
    expect(r.warnings.map((w) => w.code)).toContain('MAX_PODS_SMALLEST_TYPE');
    const req = (r.objects[0] as any).spec.template.spec.requirements;
    expect(req).toContainEqual({ key: 'karpenter.k8s.aws/instance-family', operator: 'In', values: ['t3'] });
  });
});

describe('a Windows type only the newer controller table knows (aws/karpenter-provider-aws zz_generated.vpclimits.go, not aws/amazon-vpc-resource-controller-k8s pkg/aws/vpc/limits.go)', () => {
  const tsvTypes = (...p: string[]) =>
    new Set(
      data(...p)
        .split('\n')
        .slice(1)
        .map((l) => l.split('\t')[0]),
    );
  const publicTable = tsvTypes('vpc-resource-controller', 'limits.tsv');
  const newerTable = tsvTypes('karpenter', 'vpc-limits.tsv');
  const t = 'c8in.large';
  const eventText = `The instance type ${t} is not supported yet by the vpc resource controller`;
  const base = { clusterName: 'c', kubernetesVersion: '1.33' };
  const renders: [string, Record<string, unknown>][] = [
    ['karpenter-windows-nodepool', { ...base, instanceTypes: ['m5.large', t] }],
    ['terraform-eks-windows-managed-node-group', { ...base, instanceTypes: [t] }],
    ['terraform-eks-windows-self-managed-node-group', { ...base, instanceType: t }],
    ['eksctl-windows-cluster', { ...base, region: 'us-east-1', windowsInstanceType: t }],
    ['windows-userdata-bootstrap-dsr', { ...base, instanceType: t }],
  ];

  it.each(renders)('%s warns that the cluster controller may not advertise it yet (VPCRC pkg/node/node.go)', (id, parameters) => {
    expect(publicTable.has(t)).toBe(false);
    expect(newerTable.has(t)).toBe(true);
    const newer = renderTemplate(id, parameters, options).warnings.filter((w) => w.code === 'WINDOWS_TYPE_NEWER_THAN_PUBLIC_VPCRC_LIMITS');
    expect(newer).toHaveLength(1);
    expect(newer[0].message).toContain(`${t} is not in the public VPC Resource Controller table`);
    expect(newer[0].message).toContain(eventText);
  });

  it.each(renders)('%s with m5.large (in the public table) has no such warning', (id, parameters) => {
    const p = JSON.parse(JSON.stringify(parameters).replaceAll(t, 'm5.large')) as Record<string, unknown>;
    if (Array.isArray(p.instanceTypes)) p.instanceTypes = [...new Set(p.instanceTypes as string[])];
    const codes = renderTemplate(id, p, options).warnings.map((w) => w.code);
    expect(codes).not.toContain('WINDOWS_TYPE_NEWER_THAN_PUBLIC_VPCRC_LIMITS');
  });
});

describe('the terraform-aws-eks version floor (terraform-aws-modules/terraform-aws-eks #3736, #3737: the 2019 and 2022 Core/Full SSM maps were swapped before v21.24.1)', () => {
  const base = { clusterName: 'c', kubernetesVersion: '1.35' };
  const floor = (id: string, windowsServerVersion: string) =>
    renderTemplate(id, { ...base, windowsServerVersion }, options).warnings.find((w) => w.code === 'MODULE_VERSION_FLOOR')!.message;

  it.each(['terraform-eks-windows-managed-node-group', 'terraform-eks-windows-self-managed-node-group'])(
    '%s: 2022 is said to boot the other variant before 21.24.1, 2025 (added in v21.17.0, #3669, not among the swapped maps) is not',
    (id) => {
      expect(floor(id, 'WINDOWS_SERVER_2022')).toContain('so WINDOWS_CORE_2022_x86_64 could boot the other variant');
      const y2025 = floor(id, 'WINDOWS_SERVER_2025');
      expect(y2025).not.toContain('could boot the other variant');
      expect(y2025).toContain('(#3737 corrected only those; WINDOWS_CORE_2025_x86_64, in the module from v21.17.0, was not among them)');
    },
  );
});

describe("eksctl-windows-cluster checks EC2's Windows gate against the AWS Price List of its region (pricing:GetProducts, operatingSystem=Windows; aws/karpenter-provider-aws#7985)", () => {
  const base = { clusterName: 'c', region: 'eu-west-1', kubernetesVersion: '1.33' };
  const readAt = '2026-12-01T06:00:00.000Z';
  const withPriceList = (offered: ReadonlySet<string>, regionRead = 'eu-west-1'): RenderOptions => ({
    ...options,
    windowsPriceList: (region, instanceType) =>
      region === regionRead ? { region, readAt, offered: offered.has(instanceType) } : undefined,
  });

  it('a type the region has no Windows product for is refused, naming the read', () => {
    let e: unknown;
    try {
      renderTemplate('eksctl-windows-cluster', { ...base, windowsInstanceType: 'm5.large' }, withPriceList(new Set(['m5.xlarge'])));
    } catch (err) {
      e = err;
    }
    expect(e).toBeInstanceOf(DomainError);
    expect(e).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'windowsInstanceType', rule: 'EC2_REFUSES_WINDOWS' } });
    expect((e as DomainError).message).toContain(
      `The AWS Price List (read ${readAt}) has no Windows on-demand product for m5.large in eu-west-1`,
    );
  });

  it('a type of the known list the region does offer Windows on renders: the read wins', () => {
    const r = renderTemplate(
      'eksctl-windows-cluster',
      { ...base, windowsInstanceType: 'p5.48xlarge' },
      withPriceList(new Set(['p5.48xlarge'])),
    );
    expect(r.content).toContain('p5.48xlarge');
  });

  it('a region no refresh read keeps the known list', () => {
    const unread = withPriceList(new Set(['p5.48xlarge']), 'us-east-1');
    expect(() => renderTemplate('eksctl-windows-cluster', { ...base, windowsInstanceType: 'p5.48xlarge' }, unread)).toThrow(
      /EC2 does not run Windows on p5\.48xlarge/,
    );
    expect(renderTemplate('eksctl-windows-cluster', { ...base, windowsInstanceType: 'm5.large' }, unread).content).toContain('m5.large');
  });
});
