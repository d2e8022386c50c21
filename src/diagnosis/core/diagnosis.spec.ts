import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeNodeCapacity } from '../../capacity/core/index.js';
import { catalog, facts } from '../../capacity/core/capacity.test-fixtures.js';
import { DomainError } from '../../common/domain-error.js';
import { projectPath } from '../../common/project-path.js';
import { listTemplates } from '../../policies/core/index.js';
import { diagnose, type DiagnosisInput } from './diagnosis.js';
import { DIAGNOSIS_RULES } from './diagnosis.rules.js';
import { readHnsPolicyList, readVpcBridgeConf } from './log-collector.artefacts.js';
import { readVpcCniConfigMap } from './vpc-cni-configmap.js';
import { toDiagnosisRequest } from '../diagnosis-input.resolution.js';

// Pasted events and logs, each with the cause it must find (the symptoms, causes and sources:
// VPCRC pkg/node/node.go, pkg/pool/pool.go, docs/troubleshooting.md; containers-roadmap #240 and #463;
// Karpenter troubleshooting.md; BPG windows/networking.adoc; UG eks-optimized-windows-ami).

const fixture = (name: string) => readFileSync(projectPath('test', 'fixtures', 'cluster-state', name), 'utf8');
const byName = new Map(catalog().types.map((t) => [t.name, t]));
const run = (input: DiagnosisInput) => diagnose(toDiagnosisRequest(input, byName));

const CONFIGMAP_IPAM_OFF = `apiVersion: v1
kind: ConfigMap
metadata:
  name: amazon-vpc-cni
  namespace: kube-system
data:
  enable-network-policy-controller: "false"
`;
const CONFIGMAP_IPAM_ON = `apiVersion: v1
kind: ConfigMap
data:
  enable-windows-ipam: "true"
`;
const CONFIGMAP_PD = `apiVersion: v1
data:
  enable-windows-ipam: "true"
  enable-windows-prefix-delegation: "true"
kind: ConfigMap
metadata:
  name: amazon-vpc-cni
  namespace: kube-system
`;

describe('diagnose: pasted texts', () => {
  it.each([
    {
      name: 'kubectl describe pod: FailedScheduling on PrivateIPv4Address',
      file: 'describe-pod-insufficient-ipv4.txt',
      codes: ['INSUFFICIENT_PRIVATE_IPV4_ADDRESS'],
      line: 32,
    },
    {
      name: 'kubectl get events: Unsupported type, missing label, image platform',
      file: 'get-events-mixed.txt',
      codes: ['INSTANCE_TYPE_NOT_SUPPORTED_BY_VPC_RESOURCE_CONTROLLER', 'POD_MISSING_PRIVATE_IPV4_LABEL', 'IMAGE_OS_BUILD_MISMATCH'],
      line: 2,
    },
    {
      name: 'controller log: cool-down and InsufficientCidrBlocks',
      file: 'vpc-resource-controller.log',
      codes: ['IP_COOLDOWN', 'INSUFFICIENT_CIDR_BLOCKS'],
      line: 2,
    },
    { name: 'kube-proxy log: HNS port exhaustion', file: 'kube-proxy-windows.log', codes: ['HNS_LOAD_BALANCER_PORT_EXHAUSTION'], line: 1 },
    { name: 'nslookup in a Windows pod: DNS timeouts', file: 'nslookup-windows-pod.txt', codes: ['WINDOWS_POD_DNS_FAILURE'], line: 2 },
    {
      name: 'kubectl describe node: no Windows IPs advertised, Unsupported event',
      file: 'describe-node-no-ips.txt',
      codes: ['NODE_ADVERTISES_NO_WINDOWS_IPS', 'INSTANCE_TYPE_NOT_SUPPORTED_BY_VPC_RESOURCE_CONTROLLER'],
      line: 17,
    },
    // The same capacity and allocatable "0" as kubectl get node prints them (a quantity is a string).
    {
      name: 'kubectl get node -o yaml: no Windows IPs advertised',
      file: 'get-node-no-ips.yaml',
      codes: ['NODE_ADVERTISES_NO_WINDOWS_IPS'],
      line: 35,
    },
    {
      name: 'kubectl get node -o json: no Windows IPs advertised',
      file: 'get-node-no-ips.json',
      codes: ['NODE_ADVERTISES_NO_WINDOWS_IPS'],
      line: 45,
    },
    { name: 'unknown text: no finding, no error', file: 'unknown-text.txt', codes: [], line: null },
  ])('$name', ({ file, codes, line }) => {
    const result = run({ text: fixture(file) });
    expect(result.findings.map((f) => f.code)).toEqual(codes);
    if (line !== null) expect(result.findings[0].line).toBe(line);
    for (const f of result.findings) {
      expect(fixture(file)).toContain(f.symptom);
      expect(f.checks.length).toBeGreaterThan(0);
      expect(f.source).toMatch(/\//);
    }
  });

  it.each([
    {
      line: 'Resolve-DnsName : kubernetes.default.svc.cluster.local : This operation returned because the timeout period expired',
      code: 'WINDOWS_POD_DNS_FAILURE',
    },
    {
      line: 'Ping request could not find host api.shop.svc.cluster.local. Please check the name and try again.',
      code: 'WINDOWS_POD_DNS_FAILURE',
    },
    {
      line: 'dial tcp: lookup api.shop.svc.cluster.local on 172.20.0.10:53: read udp 10.0.33.40:50123->172.20.0.10:53: i/o timeout',
      code: 'WINDOWS_POD_DNS_FAILURE',
    },
    {
      line: 'E1130 09:21:44.120902 4312 proxier.go:1186] "Policy creation failed" err="... (0x803b0013)"',
      code: 'HNS_LOAD_BALANCER_PORT_EXHAUSTION',
    },
    {
      line: '  Warning  Unsupported  3m  vpc-resource-controller  The instance type t3.nano is not supported yet by the vpc resource controller',
      code: 'INSTANCE_TYPE_NOT_SUPPORTED_BY_VPC_RESOURCE_CONTROLLER',
    },
    {
      line: 'error creating prefix: InsufficientCidrBlocks: The specified subnet does not have enough free cidr blocks to satisfy the request.',
      code: 'INSUFFICIENT_CIDR_BLOCKS',
    },
  ])('one line: $code', ({ line, code }) => {
    expect(run({ text: line }).findings.map((f) => f.code)).toEqual([code]);
  });

  // Go's resolver prints the same timeout on Linux pods: a paste that names its OS as linux (and nothing
  // Windows) is not the Windows DNS finding; one that names windows, or no OS, still is.
  it.each([
    { os: 'linux', dns: false },
    { os: 'windows', dns: true },
    { os: null, dns: true },
  ])('a DNS timeout in a describe pod naming the node OS $os: Windows DNS finding $dns', ({ os, dns }) => {
    const text = [
      'Name:             api-5f7d8c9b4-qx2lp',
      'Namespace:        shop',
      ...(os ? [`Node-Selectors:   kubernetes.io/os=${os}`] : []),
      'Events:',
      '  Warning  Unhealthy  1m  kubelet  Readiness probe failed: dial tcp: lookup db.shop.svc.cluster.local on 172.20.0.10:53: read udp 10.0.3.7:41234->172.20.0.10:53: i/o timeout',
    ].join('\n');
    expect(run({ text }).findings.map((f) => f.code)).toEqual(dns ? ['WINDOWS_POD_DNS_FAILURE'] : []);
  });

  it('a Linux and a Windows node in one paste: the DNS finding stays', () => {
    const text = 'Labels: kubernetes.io/os=linux\nLabels: kubernetes.io/os=windows\nDNS request timed out.';
    expect(run({ text }).findings.map((f) => f.code)).toEqual(['WINDOWS_POD_DNS_FAILURE']);
  });

  it.each([
    ['describe', '  vpc.amazonaws.com/PrivateIPv4Address:  0'],
    ['yaml', '    vpc.amazonaws.com/PrivateIPv4Address: "0"'],
    ['yaml, single quotes', "    vpc.amazonaws.com/PrivateIPv4Address: '0'"],
    ['json', '            "vpc.amazonaws.com/PrivateIPv4Address": "0",'],
    ['json, one line', '{"capacity":{"cpu":"2","vpc.amazonaws.com/PrivateIPv4Address":"0"},"allocatable":{}}'],
  ])('a node advertising 0 Windows IPs (%s)', (_form, line) => {
    expect(run({ text: line }).findings.map((f) => f.code)).toEqual(['NODE_ADVERTISES_NO_WINDOWS_IPS']);
  });

  it.each([
    ['the describe table of requests', '  vpc.amazonaws.com/PrivateIPv4Address  0            0'],
    ['a node that advertises 9', '    vpc.amazonaws.com/PrivateIPv4Address: "9"'],
    ['a node that advertises 10 (json)', '"vpc.amazonaws.com/PrivateIPv4Address": "10",'],
    ['a pod that requests 1', '            vpc.amazonaws.com/PrivateIPv4Address: "1"'],
  ])('not a node advertising 0 Windows IPs: %s', (_form, line) => {
    expect(run({ text: line }).findings).toEqual([]);
  });

  it('the yaml and json forms count capacity and allocatable as the describe form does', () => {
    for (const file of ['describe-node-no-ips.txt', 'get-node-no-ips.yaml', 'get-node-no-ips.json']) {
      const f = run({ text: fixture(file), instanceType: 'm5.large' }).findings.find((x) => x.code === 'NODE_ADVERTISES_NO_WINDOWS_IPS');
      expect(f?.occurrences, file).toBe(2);
      expect(f?.details[0], file).toContain('m5.large (Windows, secondary IP)');
    }
  });

  it('a node of a type no Windows node runs on advertises 0 IPs: the type is the cause, not IPAM', () => {
    const [f] = run({ text: '  vpc.amazonaws.com/PrivateIPv4Address:  0', instanceType: 'm6g.large' }).findings;
    expect(f.cause).toContain('m6g.large cannot be a Windows node');
    expect(f.fix.text).toContain('Move the Windows node group to an x86_64 type');
    // A type the controller knows keeps the IPAM cause and fix.
    const [known] = run({ text: '  vpc.amazonaws.com/PrivateIPv4Address:  0', instanceType: 'm5.large' }).findings;
    expect(known.fix.text).toContain('enable-windows-ipam');
  });

  it('counts repeats of one symptom once, with occurrences', () => {
    const result = run({ text: fixture('get-events-mixed.txt') });
    expect(result.findings.find((f) => f.code === 'POD_MISSING_PRIVATE_IPV4_LABEL')?.occurrences).toBe(2);
    expect(result.linesRead).toBe(7);
  });

  it('every fix template is one the catalogue renders', () => {
    const ids = new Set(listTemplates().map((t) => t.id));
    for (const rule of DIAGNOSIS_RULES) if (rule.fix.templateId) expect(ids.has(rule.fix.templateId)).toBe(true);
  });

  it('empty input: nothing read, nothing found', () => {
    expect(run({})).toEqual({ findings: [], linesRead: 0, hnsPolicies: null, serviceCidr: null });
  });
});

describe('diagnose: the facts narrow the cause', () => {
  it('ConfigMap without enable-windows-ipam: Windows IPAM is off', () => {
    const [f] = run({ text: fixture('describe-pod-insufficient-ipv4.txt'), vpcCniConfigMap: CONFIGMAP_IPAM_OFF }).findings;
    expect(f.cause).toContain('Windows IPAM is off');
    expect(f.fix.templateId).toBe('vpc-cni-windows-ipam-configmap');
  });

  it('IPAM and PD on, m5.large: the node is full at 110 pods (W = (10 - 1) * 16 = 144, min(110, 144) = 110)', () => {
    const [f] = run({
      text: fixture('describe-pod-insufficient-ipv4.txt'),
      vpcCniConfigMap: CONFIGMAP_PD,
      instanceType: 'm5.large',
    }).findings;
    expect(f.cause).toContain('the node is full once 110 pods run on it');
    expect(f.details[0]).toContain('W = (I - 1) * 16 = (10 - 1) * 16 = 144');
  });

  it.each([
    // arm64 has IP figures (W = 10 - 1 = 9) but no EKS-optimized Windows AMI: maxPods 0, whatever the IPs.
    { type: 'm6g.large', lead: 'm6g.large cannot be a Windows node', reason: 'EKS-optimized Windows AMIs are x86_64 only' },
    { type: 'trn1.2xlarge', lead: 'trn1.2xlarge cannot be a Windows node', reason: 'EC2 does not run Windows on trn1.2xlarge' },
    { type: 'hpc7a.12xlarge', lead: 'hpc7a.12xlarge gets no Windows pod IPs', reason: 'Neither the public VPC Resource Controller table' },
  ])('a type that runs no Windows pods ($type): the cause says why', ({ type, lead, reason }) => {
    const [f] = run({ text: fixture('describe-pod-insufficient-ipv4.txt'), instanceType: type }).findings;
    expect(f.cause).toContain(lead);
    expect(f.cause).toContain(reason);
    expect(f.cause).toMatch(/\((?:awsdocs|aws)\/[^)]+\)/);
    expect(f.cause).not.toContain('Windows IPAM is on');
    // IPAM on or more nodes would not help a type no Windows node runs on.
    if (lead.includes('cannot be a Windows node')) {
      expect(f.fix).toEqual({ text: expect.stringContaining('Move the Windows node group to an x86_64 type'), templateId: null });
      expect(f.fix.text).not.toContain('enable-windows-ipam');
    } else {
      expect(f.fix.text).toContain('enable-windows-ipam');
    }
  });

  it('an arm64 type is the cause even with IPAM off: turning IPAM on would not help', () => {
    const [f] = run({
      text: fixture('describe-pod-insufficient-ipv4.txt'),
      vpcCniConfigMap: CONFIGMAP_IPAM_OFF,
      instanceType: 'm6g.large',
    }).findings;
    expect(f.cause).toContain('m6g.large cannot be a Windows node');
  });

  // The ConfigMap says Windows IPAM is on: neither the cause nor the fix may say to turn it on.
  it.each([
    { text: '  vpc.amazonaws.com/PrivateIPv4Address:  0', instanceType: undefined, lead: 'Windows IPAM is on' },
    { text: '  vpc.amazonaws.com/PrivateIPv4Address:  0', instanceType: 'm5.large', lead: 'Windows IPAM is on' },
    { text: 'Insufficient vpc.amazonaws.com/PrivateIPv4Address', instanceType: undefined, lead: 'Windows IPAM is on' },
    {
      text: 'failed to parse Kubernetes args: pod does not have label vpc.amazonaws.com/PrivateIPv4Address',
      instanceType: undefined,
      lead: 'Windows IPAM is on',
    },
  ])('ConfigMap with Windows IPAM on: $text ($instanceType) is not blamed on IPAM', ({ text, instanceType, lead }) => {
    const [f] = run({ text, instanceType, vpcCniConfigMap: CONFIGMAP_IPAM_ON }).findings;
    expect(f.cause).toContain(lead);
    expect(f.cause).not.toMatch(/IPAM is off|not enabled/);
    expect(f.fix.text).not.toContain('Set enable-windows-ipam');
  });

  it('without the ConfigMap, a full node is not said to have IPAM on', () => {
    const [f] = run({ text: fixture('describe-pod-insufficient-ipv4.txt'), instanceType: 'm5.large' }).findings;
    expect(f.cause).toBe(
      'With Windows IPAM on, m5.large advertises 9 IPs: the node is full once 9 pods run on it (pods beyond stay Pending).',
    );
  });

  it('InsufficientCidrBlocks under PD: the blocks a full node takes count the warm IP (32 pods -> 3, not 2)', () => {
    // ceil(max(32 + warm-ip-target 1, minimum-ip-target 3) / 16) = 3 (VPCRC docs/windows/prefix_delegation_config_options.md).
    const [f] = run({
      text: 'error creating prefix: InsufficientCidrBlocks: The specified subnet does not have enough free cidr blocks to satisfy the request.',
      vpcCniConfigMap: CONFIGMAP_PD,
      instanceType: 'm5.large',
      kubeletMaxPods: 32,
    }).findings;
    expect(f.details).toEqual([
      'each m5.large node needs one /32 and, with the default warm pool, 3 free /28 blocks at 32 pods: ' +
        'prefixes = ceil(max(pods + warm, minimum) / 16) = ceil(max(32 + 1, 3) / 16) = 3',
    ]);
  });

  it('the unsupported type named in the event goes through the capacity engine', () => {
    const f = run({ text: fixture('get-events-mixed.txt') }).findings.find(
      (x) => x.code === 'INSTANCE_TYPE_NOT_SUPPORTED_BY_VPC_RESOURCE_CONTROLLER',
    )!;
    const capacity = computeNodeCapacity({ instanceType: facts('c7i-flex.large'), os: 'WINDOWS', ipMode: 'SECONDARY_IP' });
    expect(f.details[0]).toContain(capacity.formula.join('; '));
  });

  it.each(["'c7i-flex.large'", '"c7i-flex.large"', 'c7i-flex.large'])(
    'the unsupported type named as %s is read without quotes',
    (named) => {
      const [f] = run({
        text: `Warning  Unsupported  node/ip-10-0-33-7  The instance type ${named} is not supported yet by the vpc resource controller`,
      }).findings;
      expect(f.code).toBe('INSTANCE_TYPE_NOT_SUPPORTED_BY_VPC_RESOURCE_CONTROLLER');
      const capacity = computeNodeCapacity({ instanceType: facts('c7i-flex.large'), os: 'WINDOWS', ipMode: 'SECONDARY_IP' });
      expect(f.details[0]).toContain(capacity.formula.join('; '));
    },
  );

  it('cool-down with m5.large in secondary-IP mode: W = 10 - 1 = 9, headroom 9 - released per 30 s', () => {
    const f = run({ text: fixture('vpc-resource-controller.log'), instanceType: 'm5.large', ipMode: 'SECONDARY_IP' }).findings.find(
      (x) => x.code === 'IP_COOLDOWN',
    )!;
    expect(f.occurrences).toBe(2);
    expect(f.details).toContain('churn headroom: pods per node <= W - IPs released per 30 s = 9 - released per 30 s');
  });

  it.each([
    { version: '1.31', flags: '--feature-gates=WinDSR=true --enable-dsr=true' },
    { version: '1.33', flags: '--enable-dsr=true' },
  ])('port exhaustion on Kubernetes $version: kube-proxy $flags', ({ version, flags }) => {
    const [f] = run({ text: fixture('kube-proxy-windows.log'), kubernetesVersion: version, servicesPerNode: 140 }).findings;
    expect(f.details[0]).toContain(flags);
    expect(f.details[1]).toBe('140 Services per node > 100.');
    expect(f.fix.templateId).toBe('windows-userdata-bootstrap-dsr');
  });

  it('image platform on Windows Server 2022: OS build 10.0.20348', () => {
    const f = run({ text: fixture('get-events-mixed.txt'), windowsServerVersion: 'WINDOWS_SERVER_2022' }).findings.find(
      (x) => x.code === 'IMAGE_OS_BUILD_MISMATCH',
    )!;
    expect(f.details[0]).toContain('10.0.20348');
  });

  it('a bad Kubernetes version is a validation error naming the field', () => {
    expect(() => run({ text: 'x', kubernetesVersion: '131' })).toThrow(DomainError);
  });

  it('a malformed ConfigMap names line and column', () => {
    try {
      run({ text: 'x', vpcCniConfigMap: 'data:\n  enable-windows-ipam: "true\n' });
      expect.unreachable();
    } catch (e) {
      expect((e as DomainError).details).toMatchObject({
        field: 'vpcCniConfigMap',
        rule: 'malformed-yaml',
        line: expect.any(Number),
        column: expect.any(Number),
      });
    }
  });

  // How text reaches us from a Windows node: PowerShell 5.1's Out-File and `>` write UTF-16LE, which
  // read as UTF-8 puts a NUL after every character (and U+FFFD U+FFFD for its byte order mark);
  // coloured terminals (kubectl plugins, stern, Karpenter's console encoder) leave ANSI escape codes.
  it.each([
    {
      name: 'UTF-16LE read as UTF-8 (NUL after every character, BOM as U+FFFD U+FFFD)',
      text:
        '\ufffd\ufffd' +
        'Warning  FailedScheduling  1 Insufficient vpc.amazonaws.com/PrivateIPv4Address\r\n'.split('').join('\u0000') +
        '\u0000',
    },
    {
      name: 'UTF-16LE decoded, with its BOM',
      text: '\ufeffWarning  FailedScheduling  1 Insufficient vpc.amazonaws.com/PrivateIPv4Address\r\n',
    },
    {
      name: 'ANSI colour codes',
      text: '\x1b[33mWarning\x1b[0m  FailedScheduling  \x1b[1m1 Insufficient\x1b[0m vpc.amazonaws.com/PrivateIPv4Address',
    },
  ])('reads pasted text as its lines say: $name', ({ text }) => {
    const [f] = run({ text }).findings;
    expect(f).toMatchObject({
      code: 'INSUFFICIENT_PRIVATE_IPV4_ADDRESS',
      line: 1,
      symptom: 'Warning  FailedScheduling  1 Insufficient vpc.amazonaws.com/PrivateIPv4Address',
    });
  });

  it('a bare CR ends a line, as CRLF and LF do', () => {
    const result = run({
      text: 'Events:\r  Warning  Unsupported  The instance type t3.nano is not supported yet by the vpc resource controller\r  Warning  Unsupported  The instance type t3.nano is not supported yet by the vpc resource controller',
    });
    expect(result.linesRead).toBe(3);
    expect(result.findings).toMatchObject([{ code: 'INSTANCE_TYPE_NOT_SUPPORTED_BY_VPC_RESOURCE_CONTROLLER', line: 2, occurrences: 2 }]);
  });

  it('a JSON log line names the unsupported type in escaped quotes', () => {
    const [f] = run({
      text: '{"level":"INFO","msg":"event","message":"The instance type \\"c7i-flex.large\\" is not supported yet by the vpc resource controller"}',
    }).findings;
    expect(f.code).toBe('INSTANCE_TYPE_NOT_SUPPORTED_BY_VPC_RESOURCE_CONTROLLER');
    const capacity = computeNodeCapacity({ instanceType: facts('c7i-flex.large'), os: 'WINDOWS', ipMode: 'SECONDARY_IP' });
    expect(f.details[0]).toContain(capacity.formula.join('; '));
  });

  it('a long line: the symptom is found past 8,192 characters and quoted where it is', () => {
    // A Karpenter or controller JSON line carries the pod, the NodePool and every instance type tried.
    const types = Array.from({ length: 600 }, (_, i) => `"m5.${i}xlarge"`).join(',');
    const text = `{"level":"ERROR","logger":"controller","tried":[${types}],"error":"cannot assign resource now, resources are being cooled down"}`;
    expect(text.length).toBeGreaterThan(8_192);
    const [f] = run({
      text: `${text}\n${text.slice(0, 700)}"error":"cannot assign resource now, resources are being cooled down"}`,
    }).findings;
    expect(f).toMatchObject({ code: 'IP_COOLDOWN', line: 1, occurrences: 2 });
    expect(f.symptom).toContain('cannot assign resource now, resources are being cooled down');
    expect(f.symptom.length).toBeLessThanOrEqual(400);
    expect(text).toContain(f.symptom);
  });

  it('a long line: a rule anchored at the end does not match where a window of it is cut', () => {
    // `"...PrivateIPv4Address": "0"` must end the line (or be followed by , or }): here it ends the
    // first 8,192-character window but the line goes on.
    const token = '"vpc.amazonaws.com/PrivateIPv4Address": "0"';
    const line = `${'x'.repeat(8_192 - token.length)}${token}${'x'.repeat(8_000)}`;
    expect(run({ text: line }).findings).toEqual([]);
    expect(run({ text: `${line.slice(0, 8_192)},` }).findings.map((f) => f.code)).toEqual(['NODE_ADVERTISES_NO_WINDOWS_IPS']);
  });

  it('more than 10,000 lines is refused', () => {
    expect(() => run({ text: 'a\n'.repeat(10_001) })).toThrow(/at most 10000 are read/);
  });
});

describe('diagnose: log collector files', () => {
  it.each([
    // 120 Type=ELB records, none with IsDSR=True: 120 > 100 without DSR.
    {
      name: 'Format-List output, 120 ELB policies, no DSR',
      file: 'hns-policy-list-no-dsr.txt',
      elb: 120,
      dsr: 0,
      dsrEnabled: false,
      risk: true,
    },
    {
      name: 'Format-List output, 3 ELB policies with IsDSR=True',
      file: 'hns-policy-list-dsr.txt',
      elb: 3,
      dsr: 3,
      dsrEnabled: true,
      risk: false,
    },
  ])('$name', ({ file, elb, dsr, dsrEnabled, risk }) => {
    const result = run({ hnsPolicyList: fixture(file), kubernetesVersion: '1.31' });
    expect(result.hnsPolicies).toMatchObject({ elbPolicies: elb, dsrPolicies: dsr, dsrEnabled, exhaustionRisk: risk, servicesLimit: 100 });
    expect(result.findings.map((f) => f.code)).toEqual(risk ? ['HNS_ELB_POLICIES_WITHOUT_DSR'] : []);
  });

  it('counts only policy-list records, and refuses text that holds none', () => {
    const record = fixture('hns-policy-list-dsr.txt').split(/\r?\n\s*\r?\n/)[0];
    expect(readHnsPolicyList(`PS C:\\> Get-HnsPolicyList\n\n${record}\n\nPS C:\\>`)).toMatchObject({
      policies: 1,
      elbPolicies: 1,
      dsrPolicies: 1,
    });
    for (const text of ['1111111111', fixture('unknown-text.txt'), 'Type=ELB but no record']) {
      expect(() => readHnsPolicyList(text)).toThrow(/expected Get-HnsPolicyList output/);
    }
  });

  it('reads the ConfigMap flags as the controller does (strconv.ParseBool; prefix delegation only with Windows IPAM)', () => {
    const configMap = (data: Record<string, string>) =>
      readVpcCniConfigMap(JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'amazon-vpc-cni' }, data }));
    for (const on of ['true', 'True', 'TRUE', 't', 'T', '1']) {
      expect(configMap({ 'enable-windows-ipam': on, 'enable-windows-prefix-delegation': on }), on).toMatchObject({
        windowsIpam: true,
        prefixDelegation: true,
      });
    }
    for (const off of [' true', 'TrUe', 'yes', 'on', '', 'false', '0']) {
      expect(configMap({ 'enable-windows-ipam': off }).windowsIpam, JSON.stringify(off)).toBe(false);
    }
    expect(configMap({ 'enable-windows-prefix-delegation': 'true' }).prefixDelegation).toBe(false);
    expect(configMap({ 'enable-windows-ipam': 'yes', 'enable-windows-prefix-delegation': 'true' }).prefixDelegation).toBe(false);
  });

  it('refuses a vpcBridgeConf that is not one: no serviceCIDR or eniIPAddresses, or a serviceCIDR that is not a CIDR', () => {
    for (const text of ['{}', '{"x": 1}', '{"cniVersion": "0.3.1", "serviceCIDR": "banana"}', '{"serviceCIDR": 10}']) {
      expect(() => readVpcBridgeConf(text), text).toThrow(/vpcBridgeConf/);
    }
    expect(readVpcBridgeConf('{"serviceCIDR": "10.100.0.0/16"}').serviceCidr).toBe('10.100.0.0/16');
  });

  it('refuses JSON that is not a policy list, as it refuses such text (every entry an object with Policies)', () => {
    for (const text of [
      '{"a": 1}',
      '[]',
      '[1, 2]',
      '[{"ID": "A", "Policies": []}, {"a": 1}]',
      '"Policies"',
      '{"ID": "A", "Type": "ELB"}',
    ]) {
      try {
        readHnsPolicyList(text);
        expect.unreachable(text);
      } catch (e) {
        expect((e as DomainError).details, text).toMatchObject({ field: 'hnsPolicyList', rule: 'document-shape' });
        expect((e as DomainError).message).toMatch(/expected Get-HnsPolicyList output/);
      }
    }
    expect(() => run({ hnsPolicyList: '{"a": 1}' })).toThrow(DomainError);
    // One policy list alone: ConvertTo-Json prints the object, not an array.
    expect(readHnsPolicyList('{"ID": "A", "Policies": [{"Type": "ELB", "IsDSR": true}]}')).toMatchObject({
      policies: 1,
      elbPolicies: 1,
      dsrPolicies: 1,
    });
  });

  it('ConvertTo-Json output counts the same', () => {
    const json = JSON.stringify([
      { ID: 'A', Policies: [{ Type: 'ELB', ExternalPort: 80, InternalPort: 8080, IsDSR: true }] },
      { ID: 'B', Policies: [{ Type: 'ELB', ExternalPort: 443, InternalPort: 8443 }] },
      { ID: 'C', Policies: [{ Type: 'ROUTE' }] },
    ]);
    expect(readHnsPolicyList(json)).toMatchObject({ policies: 3, elbPolicies: 2, dsrPolicies: 1, dsrEnabled: false });
  });

  // The log collector saves `Get-hnspolicylist | Convertto-json -Depth 20 > ...\\network\\hns\\policy.txt`:
  // Windows PowerShell's `>` writes UTF-16LE, a NUL after every character once read as UTF-8; and
  // PowerShell 5.1's -Encoding utf8 writes a byte order mark.
  const utf16AsUtf8 = (text: string) => `\ufffd\ufffd${text.replace(/\n/g, '\r\n').split('').join('\u0000')}\u0000`;

  it.each([
    ['ConvertTo-Json', () => JSON.stringify([{ ID: 'A', Policies: [{ Type: 'ELB', IsDSR: true }] }], null, 4), 1],
    ['Format-List', () => fixture('hns-policy-list-dsr.txt'), 3],
  ])('a policy.txt saved as UTF-16LE reads the same (%s)', (_form, text, elb) => {
    expect(readHnsPolicyList(utf16AsUtf8(text()))).toMatchObject({ elbPolicies: elb, dsrPolicies: elb, dsrEnabled: true });
  });

  it('a ConfigMap saved from Windows PowerShell (kubectl get configmap ... -o yaml > cm.yaml: UTF-16LE) reads the same', () => {
    expect(readVpcCniConfigMap(utf16AsUtf8(CONFIGMAP_PD))).toEqual(readVpcCniConfigMap(CONFIGMAP_PD));
  });

  it('a vpc-bridge.conf with a byte order mark, or saved as UTF-16LE, reads the same', () => {
    const plain = readVpcBridgeConf(fixture('vpc-bridge.conf'));
    expect(readVpcBridgeConf(`\ufeff${fixture('vpc-bridge.conf')}`)).toEqual(plain);
    expect(readVpcBridgeConf(utf16AsUtf8(fixture('vpc-bridge.conf')))).toEqual(plain);
  });

  it('vpc-bridge.conf: a 100.64.x node uses 10.100.0.0/16 but the cluster has 172.20.0.0/16', () => {
    const result = run({ vpcBridgeConf: fixture('vpc-bridge.conf'), serviceIpv4Cidr: '172.20.0.0/16' });
    expect(result.serviceCidr).toMatchObject({
      serviceCidr: '10.100.0.0/16',
      clusterServiceCidr: '172.20.0.0/16',
      matches: false,
      defaultServiceCidr: '10.100.0.0/16',
      dnsServers: ['10.100.0.10'],
    });
    const [f] = result.findings;
    expect(f.code).toBe('WINDOWS_SERVICE_CIDR_MISMATCH');
    expect(f.fix.text).toContain('-ServiceCIDR 172.20.0.0/16');
  });

  it('vpc-bridge.conf matching the cluster: no finding', () => {
    const result = run({ vpcBridgeConf: fixture('vpc-bridge.conf'), serviceIpv4Cidr: '10.100.0.0/16' });
    expect(result.serviceCidr?.matches).toBe(true);
    expect(result.findings).toEqual([]);
  });

  it('a 10.x primary IP defaults to 172.20.0.0/16', () => {
    expect(readVpcBridgeConf('{"eniIPAddresses":["10.0.3.4/24"],"serviceCIDR":"172.20.0.0/16"}').defaultServiceCidr).toBe('172.20.0.0/16');
  });

  it('malformed vpc-bridge.conf names line and column', () => {
    try {
      run({ vpcBridgeConf: '{\n  "serviceCIDR": "10.100.0.0/16",\n}' });
      expect.unreachable();
    } catch (e) {
      expect((e as DomainError).details).toMatchObject({ field: 'vpcBridgeConf', rule: 'malformed-json', line: 3, column: 1 });
    }
  });
});

describe('Insufficient vpc.amazonaws.com/PrivateIPv4Address on a type only the newer controller table knows (aws/karpenter-provider-aws zz_generated.vpclimits.go; VPCRC pkg/node/node.go)', () => {
  const text = 'Warning  FailedScheduling  0/3 nodes are available: 3 Insufficient vpc.amazonaws.com/PrivateIPv4Address.';

  it('c8in.large: the cause names a full node and that the cluster controller may not know the type yet', () => {
    const [f] = run({ text, instanceType: 'c8in.large' }).findings;
    expect(f.code).toBe('INSUFFICIENT_PRIVATE_IPV4_ADDRESS');
    expect(f.cause).toBe(
      'With Windows IPAM on, c8in.large advertises 19 IPs: the node is full once 19 pods run on it (pods beyond stay Pending). ' +
        "Or the cluster's VPC Resource Controller does not know c8in.large yet: only the newer copy of its limits table has it, " +
        'so the node may advertise no vpc.amazonaws.com/PrivateIPv4Address at all (events: "The instance type c8in.large is not supported yet by the vpc resource controller", reason Unsupported).',
    );
  });

  it('m5.large (in the public table): a full node only', () => {
    const [f] = run({ text, instanceType: 'm5.large' }).findings;
    expect(f.cause).toBe(
      'With Windows IPAM on, m5.large advertises 9 IPs: the node is full once 9 pods run on it (pods beyond stay Pending).',
    );
  });
});
