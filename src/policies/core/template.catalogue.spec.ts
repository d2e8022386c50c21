import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { DomainError, ErrorCode } from '../../common/domain-error.js';
import { loadSchemaValidators, type SchemaValidators } from './manifest-schemas.testing.js';
import { checkParameterValue } from './parameter.validation.js';
import { computeNodeCapacity } from '../../capacity/core/index.js';
import { facts } from '../../capacity/core/capacity.test-fixtures.js';
import type { JsonValue, PolicyTemplate, RenderOptions, RenderResult } from './policy-template.model.js';
import { renderCatalogOf } from './render-catalog.testing.js';
import { listTemplates, renderTemplate } from './template.catalogue.js';
import { checkPolicyForWindows } from './windows-policy.check.js';

/** The catalog, as PoliciesService supplies it. */
const options: RenderOptions = { catalog: renderCatalogOf() };

let schemas: SchemaValidators;
beforeAll(() => {
  schemas = loadSchemaValidators();
});

const templates = listTemplates();
const EXPECTED_IDS = [
  'default-deny-ingress',
  'default-deny-egress',
  'calico-global-default-deny',
  'allow-dns-to-kube-dns',
  'allow-within-namespace',
  'allow-from-namespace',
  'allow-from-pods-in-namespace',
  'allow-only-ports',
  'allow-from-selectors',
  'deny-egress-from-app',
  'deny-egress-from-app-allow-dns',
  'allow-egress-to-cidrs',
  'calico-deny-egress-to-imds',
  'vpc-cni-windows-ipam-configmap',
  'eksctl-windows-cluster',
  'windows-userdata-bootstrap-dsr',
  'windows-userdata-dsr-patch',
  'calico-installation-eks-policy-only',
  'karpenter-windows-nodepool',
  'terraform-eks-windows-self-managed-node-group',
  'terraform-eks-windows-managed-node-group',
];

function requiredExamples(template: PolicyTemplate): Record<string, JsonValue> {
  return Object.fromEntries(template.parameters.filter((p) => p.required).map((p) => [p.name, p.example]));
}

function allExamples(template: PolicyTemplate): Record<string, JsonValue> {
  return Object.fromEntries(template.parameters.map((p) => [p.name, p.example]));
}

/** Schema-validates every object, and for YAML output checks the text parses back to the objects. */
function expectValid(result: RenderResult): void {
  for (const object of result.objects) {
    if (object.kind === 'UserData') continue; // PowerShell: checked by its own tests
    if ('module' in object) continue; // Terraform: parsed as HCL in node-provisioner.templates.spec.ts
    schemas.validate(object);
  }
  if (result.mediaType === 'application/yaml') {
    const parsed = parseAllDocuments(result.content);
    const docs = Array.isArray(parsed) ? parsed : [];
    for (const doc of docs) expect(doc.errors).toEqual([]);
    expect(docs.map((d) => d.toJS())).toEqual(result.objects);
  } else if (result.mediaType === 'text/x-hcl') {
    expect(result.content).toContain('module "eks" {');
  } else {
    expect(result.mediaType).toBe('text/x-powershell');
    expect(result.content.length).toBeGreaterThan(0);
  }
  // A Windows-enforced policy template must itself pass the Windows check.
  if (result.mediaType === 'application/yaml' && result.objects.every((o) => String(o.kind).endsWith('NetworkPolicy'))) {
    expect(checkPolicyForWindows(result.content).findings).toEqual([]);
  }
}

/** Parameters that only make sense together with another (the renderer rejects them alone, tested below). */
const PARAMETER_NEEDS: Record<string, Record<string, JsonValue>> = {
  'vpc-cni-windows-ipam-configmap.warmPrefixTarget': { ipMode: 'prefix-delegation' },
};

/**
 * Property-style combinations: every template with (a) only required examples, (b) all examples,
 * (c) required examples plus each optional parameter set to its example, one at a time, and
 * (d) hand-picked combinations below.
 */
const generatedCases: [string, string, Record<string, JsonValue>][] = templates.flatMap((template) => {
  const required = requiredExamples(template);
  const cases: [string, string, Record<string, JsonValue>][] = [
    [`${template.id}: required examples`, template.id, required],
    [`${template.id}: all examples`, template.id, allExamples(template)],
  ];
  for (const p of template.parameters.filter((q) => !q.required)) {
    const needs = PARAMETER_NEEDS[`${template.id}.${p.name}`] ?? {};
    cases.push([`${template.id}: + ${p.name}=${JSON.stringify(p.example)}`, template.id, { ...required, ...needs, [p.name]: p.example }]);
  }
  return cases;
});

const KUBERNETES_VERSIONS = ['1.23', '1.29', '1.32', '1.33', '1.34', '1.35'];
const handPicked: [string, string, Record<string, JsonValue>][] = [
  ['default-deny-egress without DNS', 'default-deny-egress', { namespace: 'team-a', allowDns: false }],
  ['global deny with order and no exclusions', 'calico-global-default-deny', { order: 0, excludedNamespaces: [] }],
  [
    'ports: UDP, several, from some pods',
    'allow-only-ports',
    {
      namespace: 'dns',
      podLabels: { app: 'coredns' },
      ports: [53, 5353, 65535],
      protocol: 'UDP',
      fromPodLabels: { 'example.com/role': 'client' },
    },
  ],
  [
    'selectors: one empty selector (every pod)',
    'allow-from-selectors',
    { namespace: 'a', podLabels: { app: 'db' }, fromPodSelectors: [{}] },
  ],
  [
    'cidrs: many, ports, DNS, 0.0.0.0/0',
    'allow-egress-to-cidrs',
    { namespace: 'a', cidrs: ['0.0.0.0/0', '10.0.0.0/8', '192.168.1.128/25', '203.0.113.7/32'], ports: [443, 8443], allowDns: true },
  ],
  [
    'IMDS deny without trailing allow, no exclusions',
    'calico-deny-egress-to-imds',
    { allowOtherEgress: false, excludedNamespaces: [], order: 0 },
  ],
  ['ConfigMap PD with only warm-prefix-target', 'vpc-cni-windows-ipam-configmap', { ipMode: 'prefix-delegation', warmPrefixTarget: 1 }],
  [
    'ConfigMap PD with all targets',
    'vpc-cni-windows-ipam-configmap',
    { ipMode: 'prefix-delegation', warmPrefixTarget: 1, warmIpTarget: 5, minimumIpTarget: 10 },
  ],
  ['ConfigMap secondary shared keys', 'vpc-cni-windows-ipam-configmap', { keyFamily: 'shared', warmIpTarget: 2, minimumIpTarget: 0 }],
  ['ConfigMap secondary windows keys, warm 0', 'vpc-cni-windows-ipam-configmap', { keyFamily: 'windows', warmIpTarget: 0 }],
  [
    'ConfigMap PD windows keys',
    'vpc-cni-windows-ipam-configmap',
    { ipMode: 'prefix-delegation', keyFamily: 'windows', warmPrefixTarget: 1, warmIpTarget: 2 },
  ],
  ['Installation without Windows', 'calico-installation-eks-policy-only', { serviceCIDR: '172.20.0.0/16', windowsNodes: false }],
  [
    'Installation with endpoint and port',
    'calico-installation-eks-policy-only',
    { serviceCIDR: '172.20.0.0/16', apiServerEndpoint: 'https://api.example.com:6443' },
  ],
  ...['self-managed', 'managed'].flatMap((nodeGroupType) =>
    KUBERNETES_VERSIONS.flatMap((kubernetesVersion) =>
      ['WindowsServer2019CoreContainer', 'WindowsServer2022FullContainer', 'WindowsServer2025CoreContainer']
        .filter((family) => !(family.startsWith('WindowsServer2025') && kubernetesVersion !== '1.35'))
        .map((windowsAmiFamily): [string, string, Record<string, JsonValue>] => [
          `ClusterConfig ${nodeGroupType} ${kubernetesVersion} ${windowsAmiFamily}`,
          'eksctl-windows-cluster',
          {
            clusterName: 'c1',
            region: 'eu-west-1',
            kubernetesVersion,
            nodeGroupType,
            windowsAmiFamily,
            ipMode: 'prefix-delegation',
            maxPodsPerNode: 110,
            linuxNodeCount: 1,
            enableDsr: kubernetesVersion !== '1.29',
          },
        ]),
    ),
  ),
];

describe('template catalogue', () => {
  it('lists the expected templates with stable kebab-case ids', () => {
    expect(templates.map((t) => t.id)).toEqual(EXPECTED_IDS);
    for (const t of templates) expect(t.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it.each(templates.map((t) => [t.id, t] as const))('%s declares complete, self-consistent parameters', (_id, t) => {
    expect(t.title.length).toBeGreaterThan(0);
    expect(t.description.length).toBeGreaterThan(20);
    expect(t.source.length).toBeGreaterThan(10);
    expect(typeof t.windowsEnforced).toBe('boolean');
    const names = t.parameters.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const p of t.parameters) {
      expect(p.description.length).toBeGreaterThan(0);
      expect(() => checkParameterValue(p, p.example)).not.toThrow();
      if (p.required) expect(p.default).toBeNull();
      if (p.default !== null) expect(() => checkParameterValue(p, p.default)).not.toThrow();
    }
  });

  it('returns copies: changing a listed template does not change the catalogue', () => {
    const first = listTemplates();
    first[0]!.parameters.length = 0;
    expect(listTemplates()[0]!.parameters.length).toBeGreaterThan(0);
  });

  it.each([...generatedCases, ...handPicked])('renders and validates: %s', (_name, id, parameters) => {
    expectValid(renderTemplate(id, parameters));
  });

  it('unknown template id is NOT_FOUND', () => {
    expect(() => renderTemplate('no-such-template', {})).toThrow(expect.objectContaining({ code: ErrorCode.NOT_FOUND }));
  });
});

describe('rendered content', () => {
  it('label values Kubernetes would read as booleans or numbers stay strings (YAML 1.1, as kubectl reads it)', () => {
    const podLabels = { app: 'yes', on: 'n', build: '1_000', tier: 'web' };
    const result = renderTemplate('allow-within-namespace', { namespace: 'shop', podLabels });
    const [doc] = parseAllDocuments(result.content, { version: '1.1' });
    expect(doc!.toJS().spec.podSelector.matchLabels).toEqual(podLabels);
  });

  it('allowOtherEgress says what Pass does on Windows by Calico version, not that Windows skips it', () => {
    const template = templates.find((t) => t.id === 'calico-deny-egress-to-imds')!;
    const description = template.parameters.find((p) => p.name === 'allowOtherEgress')!.description;
    expect(description).not.toContain('Windows skips the Pass action');
    expect(description).toContain('before 3.29');
    expect(description).toContain('enforced as Deny on Windows');
  });

  it('the IMDS deny is Windows-safe: explicit Deny first at a low order, no notNets', () => {
    const result = renderTemplate('calico-deny-egress-to-imds', {});
    const spec = result.objects[0]!.spec as { order: number; egress: Record<string, unknown>[] };
    expect(spec.order).toBe(10);
    expect(spec.egress[0]).toEqual({ action: 'Deny', destination: { nets: ['169.254.169.254/32'] } });
    expect(spec.egress[1]).toEqual({ action: 'Allow' });
    expect(result.content).not.toContain('notNets');
    expect(result.warnings.map((w) => w.code)).toEqual(['ALLOW_ENDS_EVALUATION']);
  });

  it.each([
    // [case, parameters, expected data keys, warning codes]
    [
      'secondary, default family: windows-* keys, warn about the un-prefixed family',
      {},
      ['enable-windows-ipam', 'enable-windows-prefix-delegation', 'windows-warm-ip-target', 'windows-minimum-ip-target'],
      ['SHARED_KEYS_TAKE_PRECEDENCE'],
    ],
    [
      'secondary, shared family: un-prefixed keys, warn that windows-* are ignored',
      { keyFamily: 'shared' },
      ['enable-windows-ipam', 'enable-windows-prefix-delegation', 'warm-ip-target', 'minimum-ip-target'],
      ['WINDOWS_KEYS_IGNORED'],
    ],
    [
      'PD defaults: warm-ip 1, minimum 3',
      { ipMode: 'prefix-delegation' },
      ['enable-windows-ipam', 'enable-windows-prefix-delegation', 'warm-ip-target', 'minimum-ip-target'],
      ['PREFIX_DELEGATION_NITRO_ONLY', 'WINDOWS_KEYS_IGNORED'],
    ],
    [
      'PD, warm-prefix-target alone: the windows-* IP targets would be read in place of the missing ones',
      { ipMode: 'prefix-delegation', warmPrefixTarget: 2 },
      ['enable-windows-ipam', 'enable-windows-prefix-delegation', 'warm-prefix-target'],
      ['PREFIX_DELEGATION_NITRO_ONLY', 'WINDOWS_KEYS_IGNORED', 'WINDOWS_KEYS_FALLBACK'],
    ],
    [
      'PD, windows family: the loader falls back to windows-* keys in prefix-delegation mode too',
      { ipMode: 'prefix-delegation', keyFamily: 'windows', warmPrefixTarget: 2 },
      ['enable-windows-ipam', 'enable-windows-prefix-delegation', 'windows-warm-prefix-target'],
      ['PREFIX_DELEGATION_NITRO_ONLY', 'SHARED_KEYS_TAKE_PRECEDENCE'],
    ],
    [
      'PD, all targets 0: replaced by the PD defaults',
      { ipMode: 'prefix-delegation', warmIpTarget: 0, minimumIpTarget: 0 },
      ['enable-windows-ipam', 'enable-windows-prefix-delegation', 'warm-ip-target', 'minimum-ip-target'],
      ['ZERO_TARGETS_USE_DEFAULTS', 'PREFIX_DELEGATION_NITRO_ONLY', 'WINDOWS_KEYS_IGNORED'],
    ],
    [
      'PD, warm-prefix-target 0 alone: replaced by the PD defaults',
      { ipMode: 'prefix-delegation', warmPrefixTarget: 0 },
      ['enable-windows-ipam', 'enable-windows-prefix-delegation', 'warm-prefix-target'],
      ['ZERO_TARGETS_USE_DEFAULTS', 'PREFIX_DELEGATION_NITRO_ONLY', 'WINDOWS_KEYS_IGNORED', 'WINDOWS_KEYS_FALLBACK'],
    ],
    [
      // IP targets of 0 count as unset in the controller's pool (aws/amazon-vpc-resource-controller-k8s pkg/pool/pool.go
      // getPDDeviation): they do not override the warm prefix target.
      'PD, warm-ip and minimum-ip 0 with a warm prefix: the prefix target sizes the pool',
      { ipMode: 'prefix-delegation', warmIpTarget: 0, minimumIpTarget: 0, warmPrefixTarget: 1 },
      ['enable-windows-ipam', 'enable-windows-prefix-delegation', 'warm-prefix-target', 'warm-ip-target', 'minimum-ip-target'],
      ['ZERO_IP_TARGETS_UNSET', 'PREFIX_DELEGATION_NITRO_ONLY', 'WINDOWS_KEYS_IGNORED'],
    ],
    [
      'secondary, shared family, warm 0: read as 1 whichever family',
      { keyFamily: 'shared', warmIpTarget: 0 },
      ['enable-windows-ipam', 'enable-windows-prefix-delegation', 'warm-ip-target', 'minimum-ip-target'],
      ['WARM_IP_ZERO_MEANS_ONE', 'WINDOWS_KEYS_IGNORED'],
    ],
  ] as const)('ConfigMap emits one key family: %s', (_name, parameters, keys, codes) => {
    const result = renderTemplate('vpc-cni-windows-ipam-configmap', parameters);
    const data = result.objects[0]!.data as Record<string, string>;
    expect(Object.keys(data)).toEqual(keys);
    const hasWindows = Object.keys(data).some((k) => k.startsWith('windows-'));
    const hasShared = Object.keys(data).some((k) => /^(warm-ip|minimum-ip|warm-prefix)-target$/.test(k));
    expect(hasWindows && hasShared).toBe(false);
    expect(result.warnings.map((w) => w.code)).toEqual(codes);
    for (const w of result.warnings) expect(w.source.length).toBeGreaterThan(0);
  });

  it('ConfigMap warnings say how pkg/config/loader.go reads the keys', () => {
    const pdWindows = renderTemplate('vpc-cni-windows-ipam-configmap', { ipMode: 'prefix-delegation', keyFamily: 'windows' });
    expect(pdWindows.objects[0]!.data).toEqual({
      'enable-windows-ipam': 'true',
      'enable-windows-prefix-delegation': 'true',
      'windows-warm-ip-target': '1',
      'windows-minimum-ip-target': '3',
    });
    const precedence = pdWindows.warnings.find((w) => w.code === 'SHARED_KEYS_TAKE_PRECEDENCE')!;
    expect(precedence.message).toContain('reads warm-ip-target, minimum-ip-target, warm-prefix-target before their windows-* twins');
    expect(precedence.source).toBe(
      'aws/amazon-vpc-resource-controller-k8s pkg/config/loader.go (ParseWinIPTargetConfigs, LoadResourceConfigFromConfigMap)',
    );

    const secondary = renderTemplate('vpc-cni-windows-ipam-configmap', { warmIpTarget: 0, minimumIpTarget: 0 });
    expect(secondary.warnings.find((w) => w.code === 'WARM_IP_ZERO_MEANS_ONE')!.message).toBe(
      'windows-warm-ip-target 0 is read as 1 in secondary-IP mode (the VPC Resource Controller never leaves the warm pool empty): with windows-minimum-ip-target 0 too, nodes keep 1 free IP and no minimum, not the defaults of 3 and 3.',
    );
    expect(secondary.warnings.find((w) => w.code === 'SHARED_KEYS_TAKE_PRECEDENCE')!.message).toContain(
      'reads warm-ip-target, minimum-ip-target before',
    );

    const zero = renderTemplate('vpc-cni-windows-ipam-configmap', { ipMode: 'prefix-delegation', warmIpTarget: 0, minimumIpTarget: 0 });
    expect(zero.warnings.find((w) => w.code === 'ZERO_TARGETS_USE_DEFAULTS')!.message).toMatch(
      /^warm-ip-target, minimum-ip-target are 0 and the other targets unset: .* prefix-delegation defaults instead \(warm IP 1, minimum IP 3, warm prefix 0\)/,
    );
    const pdZeroWarm = renderTemplate('vpc-cni-windows-ipam-configmap', {
      ipMode: 'prefix-delegation',
      warmIpTarget: 0,
      minimumIpTarget: 4,
    });
    // A warm IP target of 0 is replaced by 1 in the pool (aws/amazon-vpc-resource-controller-k8s pkg/pool/pool.go getPDDeviation).
    expect(pdZeroWarm.warnings.map((w) => w.code)).toEqual([
      'WARM_IP_ZERO_MEANS_ONE',
      'PREFIX_DELEGATION_NITRO_ONLY',
      'WINDOWS_KEYS_IGNORED',
    ]);
    expect(pdZeroWarm.warnings[0]!.message).toBe(
      "warm-ip-target 0 is read as 1 under prefix delegation too: the VPC Resource Controller's pool replaces a warm IP target not above 0 with its default 1, so nodes keep at least 1 free IP (a new prefix when the last one is taken), not 0.",
    );
    expect(pdZeroWarm.warnings[0]!.source).toBe(
      'aws/amazon-vpc-resource-controller-k8s pkg/pool/pool.go (getPDDeviation: a target counts only above 0, else its default)',
    );
    const zeroIpWithPrefix = renderTemplate('vpc-cni-windows-ipam-configmap', {
      ipMode: 'prefix-delegation',
      warmIpTarget: 0,
      minimumIpTarget: 0,
      warmPrefixTarget: 2,
    });
    expect(zeroIpWithPrefix.warnings[0]!.message).toBe(
      "warm-ip-target and minimum-ip-target are 0, which the VPC Resource Controller's pool reads as unset: they do not override warm-prefix-target, which sizes the pool (ceil(pods / 16) + 2 prefixes per node).",
    );

    const onlyPrefix = renderTemplate('vpc-cni-windows-ipam-configmap', { ipMode: 'prefix-delegation', warmPrefixTarget: 2 });
    expect(onlyPrefix.warnings.find((w) => w.code === 'WINDOWS_KEYS_FALLBACK')!.message).toContain(
      'warm-ip-target, minimum-ip-target are not set here, so the VPC Resource Controller reads windows-warm-ip-target, windows-minimum-ip-target instead',
    );
    expect(onlyPrefix.warnings.find((w) => w.code === 'WINDOWS_KEYS_IGNORED')!.message).toMatch(
      /^With warm-prefix-target present the VPC Resource Controller ignores windows-warm-prefix-target;/,
    );
  });

  it('ConfigMap defaults follow VPCRC: secondary warm 3 / minimum 3, PD warm 1 / minimum 3', () => {
    expect(renderTemplate('vpc-cni-windows-ipam-configmap', {}).objects[0]!.data).toMatchObject({
      'windows-warm-ip-target': '3',
      'windows-minimum-ip-target': '3',
    });
    expect(renderTemplate('vpc-cni-windows-ipam-configmap', { ipMode: 'prefix-delegation' }).objects[0]!.data).toMatchObject({
      'enable-windows-prefix-delegation': 'true',
      'warm-ip-target': '1',
      'minimum-ip-target': '3',
    });
  });

  it('ClusterConfig refuses a Linux node type the catalog does not have, as it does a Windows one', () => {
    expect(() =>
      renderTemplate(
        'eksctl-windows-cluster',
        { clusterName: 'shop', region: 'us-east-1', kubernetesVersion: '1.31', linuxInstanceType: 'nope.x' },
        options,
      ),
    ).toThrow(expect.objectContaining({ code: ErrorCode.INSTANCE_TYPE_NOT_FOUND }));
  });

  it('ClusterConfig takes maxPodsPerNode from the capacity engine when not given, and records it', () => {
    // c5.large with prefix delegation: I = 10, W = (10 - 1) * 16 = 144 -> min(110, 144) = 110; secondary IP: 10 - 1 = 9.
    const cap = computeNodeCapacity({ instanceType: facts('c5.large'), os: 'WINDOWS', ipMode: 'PREFIX_DELEGATION' });
    expect(cap.maxPods).toBe(110);
    const result = renderTemplate(
      'eksctl-windows-cluster',
      { clusterName: 'c', region: 'us-east-1', kubernetesVersion: '1.33', windowsInstanceType: 'c5.large', ipMode: 'prefix-delegation' },
      options,
    );
    const groups = result.objects[0]!.nodeGroups as Record<string, unknown>[];
    expect(groups.map((g) => g.name)).toEqual(['linux-ng', 'windows-ng']);
    expect(groups[1]!.maxPodsPerNode).toBe(110);
    expect(result.parameters.maxPodsPerNode).toBe(110);
    const secondary = renderTemplate(
      'eksctl-windows-cluster',
      { clusterName: 'c', region: 'us-east-1', kubernetesVersion: '1.33', windowsInstanceType: 'c5.large' },
      options,
    );
    expect(secondary.parameters.maxPodsPerNode).toBe(9);
    expect(result.warnings.map((w) => w.code)).toContain('EKSCTL_DOES_NOT_ENABLE_PD');
    const template = templates.find((t) => t.id === 'eksctl-windows-cluster')!;
    expect(template.parameters.find((p) => p.name === 'maxPodsPerNode')!.derivedBy).toBe(
      'options.computeMaxPods(windowsInstanceType, ipMode)',
    );
  });

  it('ClusterConfig warns when maxPodsPerNode is above what the capacity engine computes', () => {
    const result = renderTemplate(
      'eksctl-windows-cluster',
      { clusterName: 'c', region: 'us-east-1', kubernetesVersion: '1.33', maxPodsPerNode: 110 },
      options, // the default windowsInstanceType m5.large: 10 - 1 = 9 pods in secondary-IP mode
    );
    expect((result.objects[0]!.nodeGroups as Record<string, unknown>[])[1]!.maxPodsPerNode).toBe(110);
    expect(result.warnings.map((w) => w.code)).toContain('MAX_PODS_ABOVE_CAPACITY');
  });

  it('ClusterConfig warns that eksctl does not apply maxPodsPerNode to a managed Windows node group', () => {
    const base = { clusterName: 'c', region: 'us-east-1', kubernetesVersion: '1.33', maxPodsPerNode: 20 };
    const managed = renderTemplate('eksctl-windows-cluster', { ...base, nodeGroupType: 'managed' });
    expect((managed.objects[0]!.managedNodeGroups as Record<string, unknown>[])[1]!.maxPodsPerNode).toBe(20);
    const warning = managed.warnings.find((w) => w.code === 'EKSCTL_MANAGED_WINDOWS_MAX_PODS_NOT_APPLIED')!;
    expect(warning.message).toMatch(/^eksctl does not apply maxPodsPerNode=20 to a managed Windows node group: /);
    expect(warning.message).toContain('render nodeGroupType "self-managed": eksctl then passes -KubeletExtraArgs "--max-pods=20"');
    expect(warning.source).toContain('eksctl-io/eksctl pkg/nodebootstrap/windows_managed.go');
    const selfManaged = renderTemplate('eksctl-windows-cluster', base);
    expect(selfManaged.warnings.map((w) => w.code)).not.toContain('EKSCTL_MANAGED_WINDOWS_MAX_PODS_NOT_APPLIED');
    // No max-pods rendered (no parameter, no capacity engine): nothing to warn about.
    const none = renderTemplate('eksctl-windows-cluster', {
      clusterName: 'c',
      region: 'us-east-1',
      kubernetesVersion: '1.33',
      nodeGroupType: 'managed',
    });
    expect(none.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['MAX_PODS_NOT_SET']));
    expect(none.warnings.map((w) => w.code)).not.toContain('EKSCTL_MANAGED_WINDOWS_MAX_PODS_NOT_APPLIED');
  });

  it('ClusterConfig puts the DSR patch into preBootstrapCommands with version-specific flags', () => {
    const old = renderTemplate('eksctl-windows-cluster', { clusterName: 'c', region: 'us-east-1', kubernetesVersion: '1.31' });
    const windows = (old.objects[0]!.nodeGroups as Record<string, unknown>[])[1]!;
    expect((windows.preBootstrapCommands as string[])[0]).toContain('"--feature-gates=WinDSR=true", "--enable-dsr=true",');
    const off = renderTemplate('eksctl-windows-cluster', {
      clusterName: 'c',
      region: 'us-east-1',
      kubernetesVersion: '1.31',
      enableDsr: false,
      nodeGroupType: 'managed',
    });
    const managed = (off.objects[0]!.managedNodeGroups as Record<string, unknown>[])[1]!;
    expect(managed.preBootstrapCommands).toBeUndefined();
  });

  it('userdata takes maxPods from the capacity engine when an instance type is given', () => {
    const result = renderTemplate(
      'windows-userdata-bootstrap-dsr',
      { clusterName: 'c', kubernetesVersion: '1.32', instanceType: 't3.xlarge' }, // I = 15: 15 - 1 = 14
      options,
    );
    expect(result.content).toContain("-KubeletExtraArgs '--max-pods=14'");
    expect(result.content).toContain("-KubeProxyExtraArgs '--feature-gates=WinDSR=true --enable-dsr=true'");
    expect(result.parameters.maxPods).toBe(14);
  });
});

describe('bad parameters name the parameter and the rule', () => {
  const cases: [string, string, unknown, string, string][] = [
    ['unknown parameter', 'default-deny-ingress', { namespace: 'a', nmespace: 'b' }, 'nmespace', 'UNKNOWN_PARAMETER'],
    ['parameters not an object', 'default-deny-ingress', ['a'], 'parameters', 'NOT_AN_OBJECT'],
    ['missing required', 'default-deny-ingress', {}, 'namespace', 'REQUIRED'],
    ['null for required', 'default-deny-ingress', { namespace: null }, 'namespace', 'REQUIRED'],
    ['wrong type: number for string', 'default-deny-ingress', { namespace: 7 }, 'namespace', 'TYPE'],
    ['upper-case namespace', 'default-deny-ingress', { namespace: 'Payments' }, 'namespace', 'RFC1123_LABEL'],
    ['namespace too long (64)', 'default-deny-ingress', { namespace: 'a'.repeat(64) }, 'namespace', 'RFC1123_LABEL'],
    ['namespace with a dot', 'default-deny-ingress', { namespace: 'a.b' }, 'namespace', 'RFC1123_LABEL'],
    ['name with underscore', 'default-deny-ingress', { namespace: 'a', name: 'deny_all' }, 'name', 'RFC1123_SUBDOMAIN'],
    [
      'label key with two slashes',
      'allow-from-namespace',
      { namespace: 'a', podLabels: { 'a/b/c': 'x' }, fromNamespaceLabels: { a: 'b' } },
      'podLabels',
      'LABEL_KEY',
    ],
    [
      'label value with space',
      'allow-from-namespace',
      { namespace: 'a', podLabels: { app: 'my app' }, fromNamespaceLabels: { a: 'b' } },
      'podLabels',
      'LABEL_VALUE',
    ],
    [
      'label value not a string',
      'allow-from-namespace',
      { namespace: 'a', podLabels: { app: 1 }, fromNamespaceLabels: { a: 'b' } },
      'podLabels',
      'TYPE',
    ],
    // 65 labels > MAX_LABELS (64); a 100,000-label map used to be checked and rendered whole.
    [
      '65 labels',
      'allow-from-namespace',
      {
        namespace: 'a',
        podLabels: Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, 'v'])),
        fromNamespaceLabels: { a: 'b' },
      },
      'podLabels',
      'LABEL_COUNT',
    ],
    [
      'labels as array',
      'allow-from-namespace',
      { namespace: 'a', podLabels: ['app'], fromNamespaceLabels: { a: 'b' } },
      'podLabels',
      'TYPE',
    ],
    ['port 0', 'allow-only-ports', { namespace: 'a', podLabels: { app: 'x' }, ports: [0] }, 'ports', 'PORT_RANGE'],
    ['port 65536', 'allow-only-ports', { namespace: 'a', podLabels: { app: 'x' }, ports: [80, 65536] }, 'ports', 'PORT_RANGE'],
    ['named port string', 'allow-only-ports', { namespace: 'a', podLabels: { app: 'x' }, ports: ['http'] }, 'ports', 'TYPE'],
    ['no ports', 'allow-only-ports', { namespace: 'a', podLabels: { app: 'x' }, ports: [] }, 'ports', 'ITEM_COUNT'],
    ['duplicate port', 'allow-only-ports', { namespace: 'a', podLabels: { app: 'x' }, ports: [80, 80] }, 'ports', 'DUPLICATE_ITEM'],
    ['SCTP protocol', 'allow-only-ports', { namespace: 'a', podLabels: { app: 'x' }, ports: [80], protocol: 'SCTP' }, 'protocol', 'ENUM'],
    ['bad CIDR', 'allow-egress-to-cidrs', { namespace: 'a', cidrs: ['10.0.0.0/33'] }, 'cidrs', 'IPV4_CIDR'],
    ['octet out of range', 'allow-egress-to-cidrs', { namespace: 'a', cidrs: ['10.0.0.256/32'] }, 'cidrs', 'IPV4_CIDR'],
    ['IPv6 CIDR', 'allow-egress-to-cidrs', { namespace: 'a', cidrs: ['fd00::/8'] }, 'cidrs', 'IPV4_CIDR'],
    ['host bits set', 'allow-egress-to-cidrs', { namespace: 'a', cidrs: ['10.0.0.1/16'] }, 'cidrs', 'CIDR_HOST_BITS'],
    [
      'bad excluded namespace',
      'calico-global-default-deny',
      { excludedNamespaces: ['kube-system', '-bad'] },
      'excludedNamespaces',
      'RFC1123_LABEL',
    ],
    ['negative order', 'calico-deny-egress-to-imds', { order: -1 }, 'order', 'RANGE'],
    ['fractional order', 'calico-deny-egress-to-imds', { order: 1.5 }, 'order', 'TYPE'],
    ['boolean as string', 'calico-deny-egress-to-imds', { allowOtherEgress: 'true' }, 'allowOtherEgress', 'TYPE'],
    ['bad version', 'windows-userdata-dsr-patch', { kubernetesVersion: 'v1.33' }, 'kubernetesVersion', 'KUBERNETES_VERSION'],
    ['patch version', 'windows-userdata-dsr-patch', { kubernetesVersion: '1.33.1' }, 'kubernetesVersion', 'KUBERNETES_VERSION'],
    [
      '2022 on EKS 1.22',
      'eksctl-windows-cluster',
      { clusterName: 'c', region: 'us-east-1', kubernetesVersion: '1.22' },
      'kubernetesVersion',
      'AMI_FAMILY_KUBERNETES_VERSION',
    ],
    [
      '2025 on EKS 1.34',
      'eksctl-windows-cluster',
      { clusterName: 'c', region: 'us-east-1', kubernetesVersion: '1.34', windowsAmiFamily: 'WindowsServer2025FullContainer' },
      'windowsAmiFamily',
      'AMI_FAMILY_KUBERNETES_VERSION',
    ],
    [
      'Linux AMI family',
      'eksctl-windows-cluster',
      { clusterName: 'c', region: 'us-east-1', kubernetesVersion: '1.33', windowsAmiFamily: 'AmazonLinux2023' },
      'windowsAmiFamily',
      'ENUM',
    ],
    ['bad region', 'eksctl-windows-cluster', { clusterName: 'c', region: 'US-EAST-1', kubernetesVersion: '1.33' }, 'region', 'AWS_REGION'],
    [
      'bad cluster name',
      'eksctl-windows-cluster',
      { clusterName: '1cluster', region: 'us-east-1', kubernetesVersion: '1.33' },
      'clusterName',
      'EKSCTL_CLUSTER_NAME',
    ],
    [
      'bad instance type',
      'eksctl-windows-cluster',
      { clusterName: 'c', region: 'us-east-1', kubernetesVersion: '1.33', windowsInstanceType: 'large' },
      'windowsInstanceType',
      'INSTANCE_TYPE',
    ],
    [
      'max pods 0',
      'eksctl-windows-cluster',
      { clusterName: 'c', region: 'us-east-1', kubernetesVersion: '1.33', maxPodsPerNode: 0 },
      'maxPodsPerNode',
      'RANGE',
    ],
    [
      'min above max',
      'eksctl-windows-cluster',
      { clusterName: 'c', region: 'us-east-1', kubernetesVersion: '1.33', windowsMinSize: 4, windowsMaxSize: 3 },
      'windowsMinSize',
      'MIN_ABOVE_MAX',
    ],
    [
      'warm-prefix-target in secondary mode',
      'vpc-cni-windows-ipam-configmap',
      { warmPrefixTarget: 1 },
      'warmPrefixTarget',
      'PREFIX_DELEGATION_ONLY',
    ],
    [
      'http endpoint',
      'windows-userdata-bootstrap-dsr',
      { clusterName: 'c', kubernetesVersion: '1.33', apiServerEndpoint: 'http://x.example.com' },
      'apiServerEndpoint',
      'HTTPS_URL',
    ],
    [
      'not base64',
      'windows-userdata-bootstrap-dsr',
      { clusterName: 'c', kubernetesVersion: '1.33', base64ClusterCA: 'abc$' },
      'base64ClusterCA',
      'BASE64',
    ],
    [
      'bad DNS IP',
      'windows-userdata-bootstrap-dsr',
      { clusterName: 'c', kubernetesVersion: '1.33', dnsClusterIP: '10.100.0' },
      'dnsClusterIP',
      'IPV4_ADDRESS',
    ],
    [
      'quote injection in kubelet args',
      'windows-userdata-bootstrap-dsr',
      { clusterName: 'c', kubernetesVersion: '1.33', kubeletExtraArgs: "--v=2'; Remove-Item C:\\ -Recurse; '" },
      'kubeletExtraArgs',
      'KUBELET_FLAGS',
    ],
    [
      'a Service CIDR EKS does not take',
      'windows-userdata-bootstrap-dsr',
      { clusterName: 'c', kubernetesVersion: '1.33', serviceCIDR: '10.100.0.0/29' },
      'serviceCIDR',
      'EKS_SERVICE_CIDR',
    ],
    [
      'a public Service CIDR',
      'terraform-eks-windows-managed-node-group',
      { clusterName: 'c', kubernetesVersion: '1.33', serviceIpv4Cidr: '100.64.0.0/16' },
      'serviceIpv4Cidr',
      'EKS_SERVICE_CIDR',
    ],
    [
      'a Service CIDR with host bits',
      'karpenter-windows-nodepool',
      { clusterName: 'c', kubernetesVersion: '1.33', instanceTypes: ['m5.large'], serviceIpv4Cidr: '172.20.0.1/16' },
      'serviceIpv4Cidr',
      'CIDR_HOST_BITS',
    ],
    [
      'a DNS address outside the Service CIDR',
      'windows-userdata-bootstrap-dsr',
      { clusterName: 'c', kubernetesVersion: '1.33', serviceCIDR: '172.20.0.0/16', dnsClusterIP: '10.100.0.10' },
      'dnsClusterIP',
      'OUTSIDE_SERVICE_CIDR',
    ],
    [
      'a Terraform DNS address outside the Service CIDR',
      'terraform-eks-windows-self-managed-node-group',
      { clusterName: 'c', kubernetesVersion: '1.33', serviceIpv4Cidr: '172.20.0.0/16', dnsClusterIp: '172.21.0.10' },
      'dnsClusterIp',
      'OUTSIDE_SERVICE_CIDR',
    ],
    [
      'an empty required label map (it would select every namespace)',
      'allow-from-namespace',
      { namespace: 'shop', podLabels: { app: 'web' }, fromNamespaceLabels: {} },
      'fromNamespaceLabels',
      'LABEL_COUNT',
    ],
    [
      '--max-pods in kubelet args',
      'windows-userdata-bootstrap-dsr',
      { clusterName: 'c', kubernetesVersion: '1.33', kubeletExtraArgs: '--max-pods=20' },
      'kubeletExtraArgs',
      'DUPLICATE_FLAG',
    ],
  ];

  it.each(cases)('%s', (_name, id, parameters, field, rule) => {
    let error: unknown;
    try {
      renderTemplate(id, parameters);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    const domainError = error as DomainError;
    expect(domainError.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(domainError.details).toEqual({ field, rule });
    expect(domainError.message).toContain(field);
  });

  // windowsAmiFamily left out: the 400 names the version given, not the family the caller never set (UG windows-support).
  it.each([
    [
      'no windowsServerVersion',
      {},
      'Parameter "kubernetesVersion": 1.22 is too old for the Windows AMI family WindowsServer2022CoreContainer (the default when neither windowsAmiFamily nor windowsServerVersion is given), which needs EKS 1.23 or later (awsdocs/amazon-eks-user-guide windows-support / eks-optimized-windows-ami); use kubernetesVersion 1.23 or later, or set windowsAmiFamily (or windowsServerVersion) to a Windows Server 2019 image',
    ],
    [
      'windowsServerVersion 2022',
      { windowsServerVersion: 'WINDOWS_SERVER_2022' },
      'Parameter "kubernetesVersion": 1.22 is too old for the Windows AMI family WindowsServer2022CoreContainer (the Core image of windowsServerVersion WINDOWS_SERVER_2022), which needs EKS 1.23 or later (awsdocs/amazon-eks-user-guide windows-support / eks-optimized-windows-ami); use kubernetesVersion 1.23 or later, or choose an older windowsServerVersion',
    ],
  ])('eksctl on EKS 1.22 without windowsAmiFamily, %s: names kubernetesVersion', (_name, extra, message) => {
    let error: unknown;
    try {
      renderTemplate('eksctl-windows-cluster', { clusterName: 'c', region: 'us-east-1', kubernetesVersion: '1.22', ...extra });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).details).toEqual({ field: 'kubernetesVersion', rule: 'AMI_FAMILY_KUBERNETES_VERSION' });
    expect((error as DomainError).message).toBe(message);
    expect((error as DomainError).message).not.toContain('windowsAmiFamily":');
  });

  // A type that can never be a Windows node is refused, not rendered with --max-pods=0 (or maxPodsPerNode: 0).
  it.each([
    ['an arm64 type', 'eksctl-windows-cluster', 'windowsInstanceType', 'm6g.large', 'WINDOWS_UNSUPPORTED_ARCHITECTURE', options],
    ['a type EC2 refuses Windows on', 'eksctl-windows-cluster', 'windowsInstanceType', 'p4d.24xlarge', 'EC2_REFUSES_WINDOWS', options],
    ['a Mac type', 'windows-userdata-bootstrap-dsr', 'instanceType', 'mac1.metal', 'WINDOWS_UNSUPPORTED_ARCHITECTURE', options],
    ['a type EC2 refuses Windows on', 'windows-userdata-bootstrap-dsr', 'instanceType', 'inf2.xlarge', 'EC2_REFUSES_WINDOWS', options],
    [
      'without a catalog, a type on the known list',
      'windows-userdata-bootstrap-dsr',
      'instanceType',
      'p5.48xlarge',
      'EC2_REFUSES_WINDOWS',
      undefined,
    ],
  ])('%s as %s %s is refused (%s)', (_name, id, field, type, rule, renderOptions) => {
    const base = id === 'eksctl-windows-cluster' ? { clusterName: 'c', region: 'us-east-1' } : { clusterName: 'c' };
    let error: unknown;
    try {
      renderTemplate(id, { ...base, kubernetesVersion: '1.33', [field]: type }, renderOptions);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).details).toEqual({ field, rule });
    expect((error as DomainError).message).toContain(`Parameter "${field}": ${type} cannot be a Windows node`);
  });
});
