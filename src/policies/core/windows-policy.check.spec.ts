import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DomainError, ErrorCode } from '../../common/domain-error.js';
import {
  MAX_DOCUMENTS,
  MAX_KEYS_PER_MAPPING,
  MAX_MANIFEST_STRUCTURE,
  MAX_NESTING_DEPTH,
  checkPolicyForWindows,
} from './windows-policy.check.js';

// Every rule below is one Felix on Windows skips (projectcalico/calico
// felix/dataplane/windows/policysets/policysets.go; aws/amazon-vpc-cni-k8s#861).

const CALICO_SEVERAL = `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: everything-windows-skips
spec:
  selector: all()
  doNotTrack: true
  applyOnForward: true
  types: [Ingress, Egress]
  ingress:
    - action: Log
    - action: Allow
      protocol: ICMP
      icmp: {type: 8}
    - action: Allow
      protocol: TCP
      http: {methods: [GET]}
      destination:
        ports: [http, 8080, "9000:9100"]
  egress:
    - action: Allow
      destination:
        nets: [10.0.0.0/8]
    - action: Allow
      destination:
        notNets: [169.254.169.254/32]
    - action: Deny
      ipVersion: 6
      destination:
        nets: ["fd00:ec2::254/128"]
    - action: Allow
      notProtocol: UDP
      source:
        notSelector: app == "x"
        notPorts: [22]
`;

const K8S_EXCEPT = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: egress-but-imds, namespace: web}
spec:
  podSelector:
    matchLabels: {app: web}
    matchExpressions:
      - {key: tier, operator: In, values: [front]}
  policyTypes: [Egress]
  egress:
    - to:
        - ipBlock:
            cidr: 0.0.0.0/0
            except: [169.254.169.254/32]
      ports:
        - {protocol: TCP, port: 443}
`;

const K8S_NAMED_PORT = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: named, namespace: web}
spec:
  podSelector: {}
  ingress:
    - ports:
        - {port: http}
        - {port: 8080}
    - from:
        - ipBlock: {cidr: "2001:db8::/32"}
`;

const CLEAN = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: clean, namespace: web}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress:
    - from: [{podSelector: {matchLabels: {app: client}}}]
      ports: [{protocol: TCP, port: 8080}]
  egress:
    - to: [{ipBlock: {cidr: 10.0.0.0/8}}]
`;

const CALICO_CLEAN = `apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: ok, namespace: web}
spec:
  order: 10
  selector: app == "web"
  types: [Egress]
  egress:
    - action: Deny
      destination: {nets: [169.254.169.254/32]}
    - action: Allow
      protocol: TCP
      destination: {ports: [443, "8000:8100"]}
`;

function summary(manifest: string): [string, string][] {
  return checkPolicyForWindows(manifest).findings.map((f) => [f.path, f.rule]);
}

describe('checkPolicyForWindows', () => {
  it('finds every kind of skipped rule in one Calico policy, with paths', () => {
    expect(summary(CALICO_SEVERAL)).toEqual([
      ['documents[0].spec.doNotTrack', 'HOST_ENDPOINT_FIELD'],
      ['documents[0].spec.applyOnForward', 'HOST_ENDPOINT_FIELD'],
      ['documents[0].spec.ingress[0].action', 'LOG_ACTION'],
      ['documents[0].spec.ingress[1].icmp', 'ICMP_TYPE_CODE'],
      ['documents[0].spec.ingress[2].http', 'HTTP_MATCH'],
      ['documents[0].spec.ingress[2].destination.ports[0]', 'NAMED_PORT'],
      ['documents[0].spec.egress[1].destination.notNets', 'NEGATIVE_MATCH'],
      ['documents[0].spec.egress[2].ipVersion', 'IPV6'],
      ['documents[0].spec.egress[2].destination.nets[0]', 'IPV6'],
      ['documents[0].spec.egress[3].notProtocol', 'NEGATIVE_MATCH'],
      ['documents[0].spec.egress[3].source.notPorts', 'NEGATIVE_MATCH'],
      ['documents[0].spec.egress[3].source.notSelector', 'NEGATIVE_MATCH'],
    ]);
  });

  it('notICMP is reported as a negative match, as Felix counts it (ruleHasNegativeMatches), not as an ICMP type/code', () => {
    const manifest = `apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: no-redirects, namespace: web}
spec:
  selector: app == "web"
  ingress:
    - action: Allow
      protocol: ICMP
      notICMP: {type: 5}
`;
    expect(summary(manifest)).toEqual([['documents[0].spec.ingress[0].notICMP', 'NEGATIVE_MATCH']]);
    expect(checkPolicyForWindows(manifest).findings[0].message).toContain('notICMP is a negative match');
  });

  it.each(['ICMPv6', '58', 58])('protocol %s is an IPv6-only rule Windows skips', (protocol) => {
    const manifest = `apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: pings, namespace: web}
spec:
  selector: app == "web"
  ingress:
    - action: Allow
      protocol: ${typeof protocol === 'string' && protocol === '58' ? '"58"' : protocol}
    - action: Allow
      protocol: ICMP
`;
    expect(summary(manifest)).toEqual([['documents[0].spec.ingress[0].protocol', 'IPV6']]);
    expect(checkPolicyForWindows(manifest).findings[0].message).toContain('protocol 58 (ICMPv6), which only IPv6 packets carry');
  });

  it('gives line numbers, the Felix source, and what Windows does instead', () => {
    const result = checkPolicyForWindows(CALICO_SEVERAL);
    expect(result.clean).toBe(false);
    const notNets = result.findings.find((f) => f.path.endsWith('destination.notNets'))!;
    expect(notNets.line).toBe(CALICO_SEVERAL.split('\n').findIndex((l) => l.includes('notNets')) + 1);
    expect(notNets.source).toContain('felix/dataplane/windows/policysets/policysets.go');
    expect(notNets.message).toContain('skips the whole rule');
    expect(notNets.message).toContain('not allowed on Windows');
    for (const f of result.findings) expect(f.rewrite?.description.length).toBeGreaterThan(0);
  });

  it('flags Pass as depending on the Calico version: skipped before 3.29, a Deny in the last tier since', () => {
    const manifest = `apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: p, namespace: n}\nspec:\n  egress:\n    - action: Pass\n`;
    const [finding] = checkPolicyForWindows(manifest).findings;
    expect(finding).toMatchObject({ path: 'documents[0].spec.egress[0].action', rule: 'PASS_ACTION', line: 6 });
    expect(finding!.message).toContain('before Calico 3.29');
    expect(finding!.message).toContain('enforced as Deny on Windows');
    expect(finding!.source).toContain('felix/dataplane/windows/flattener.go');
  });

  it('an HTTP match is ignored on Windows, so an Allow allows more than intended (not skipped)', () => {
    const rule = (action: string) =>
      `apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: h, namespace: n}\nspec:\n  ingress:\n    - action: ${action}\n      protocol: TCP\n      http: {methods: [GET]}\n`;
    const [allow] = checkPolicyForWindows(rule('Allow')).findings;
    expect(allow).toMatchObject({ path: 'documents[0].spec.ingress[0].http', rule: 'HTTP_MATCH', line: 8 });
    expect(allow!.message).not.toContain('skips');
    expect(allow!.message).toContain('plain L4 rule');
    expect(allow!.message).toContain('MORE than the policy intends');
    expect(checkPolicyForWindows(rule('Deny')).findings[0]!.message).toContain('denies all traffic on its ports');
  });

  it('rewrites an Allow with notNets into an explicit Deny to that net, then the Allow', () => {
    const notNets = checkPolicyForWindows(CALICO_SEVERAL).findings.find((f) => f.path.endsWith('destination.notNets'))!;
    expect(parse(notNets.rewrite!.yaml!)).toEqual([{ action: 'Deny', destination: { nets: ['169.254.169.254/32'] } }, { action: 'Allow' }]);
    // The rewrite itself is clean.
    const rewritten = `apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata: {name: r}\nspec:\n  order: 10\n  egress: ${JSON.stringify(parse(notNets.rewrite!.yaml!))}\n`;
    expect(checkPolicyForWindows(rewritten).clean).toBe(true);
  });

  it('rewrites Kubernetes ipBlock.except as Calico Deny (lower order) then Allow, keeping the pod selector', () => {
    const result = checkPolicyForWindows(K8S_EXCEPT);
    expect(result.findings.map((f) => [f.path, f.rule])).toEqual([['documents[0].spec.egress[0].to[0].ipBlock.except', 'NEGATIVE_MATCH']]);
    const rewrite = result.findings[0]!.rewrite!;
    expect(rewrite.description).toContain('selector: app == "web" && tier in {"front"}');
    expect(parse(rewrite.yaml!)).toEqual([
      { action: 'Deny', destination: { nets: ['169.254.169.254/32'] } },
      { action: 'Allow', destination: { nets: ['0.0.0.0/0'] } },
    ]);
  });

  it('an ipBlock.except among several peers loses only that peer: Calico makes one rule per peer (projectcalico/calico libcalico-go/lib/backend/k8s/conversion/conversion.go k8sRuleToCalico)', () => {
    const manifest = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: mixed-peers, namespace: web}
spec:
  podSelector: {}
  policyTypes: [Ingress]
  ingress:
    - from:
        - podSelector: {matchLabels: {app: api}}
        - namespaceSelector: {matchLabels: {team: ops}}
        - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}
      ports:
        - {protocol: TCP, port: 443}
`;
    const [finding] = checkPolicyForWindows(manifest).findings;
    expect(finding!.path).toBe('documents[0].spec.ingress[0].from[2].ipBlock.except');
    expect(finding!.rule).toBe('NEGATIVE_MATCH');
    expect(finding!.message).toBe(
      'Felix on Windows skips the Calico rule this peer becomes (it only logs it): Calico turns ipBlock.except into notNets, a negative match; ' +
        "Calico makes one rule per peer, so only this peer's part of the ingress rule is lost: traffic from 10.0.0.0/8 falls through to the default deny, " +
        'while the 2 other peers of the rule are still enforced (and the excepted range is not singled out either).',
    );
    expect(finding!.source).toBe(
      'projectcalico/calico felix/dataplane/windows/policysets/policysets.go; projectcalico/calico libcalico-go/lib/backend/k8s/conversion/conversion.go (k8sRuleToCalico: one Calico rule per peer and protocol)',
    );
    // A lone peer still loses the whole rule.
    expect(checkPolicyForWindows(K8S_EXCEPT).findings[0]!.message).toContain('the whole egress rule is not enforced on Windows');
  });

  it("a named port skips only its protocol's part of a Kubernetes rule: Calico makes one rule per protocol (projectcalico/calico libcalico-go/lib/backend/k8s/conversion/conversion.go k8sRuleToCalico)", () => {
    const manifest = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: dns-and-http, namespace: web}
spec:
  podSelector: {}
  policyTypes: [Ingress]
  ingress:
    - ports:
        - {port: http}
        - {protocol: TCP, port: 8443}
        - {protocol: UDP, port: 53}
`;
    const [finding] = checkPolicyForWindows(manifest).findings;
    expect(finding!.path).toBe('documents[0].spec.ingress[0].ports[0].port');
    expect(finding!.rule).toBe('NAMED_PORT');
    expect(finding!.message).toBe(
      'Felix on Windows skips the Calico rule this protocol becomes (it only logs it): named port "http" is not supported on Windows; ' +
        "Calico makes one rule per protocol, so the rule's TCP part is skipped (its numeric TCP ports too) and its TCP traffic is dropped on Windows pods, " +
        'while its UDP ports are still enforced.',
    );
    expect(finding!.source).toContain('libcalico-go/lib/backend/k8s/conversion/conversion.go');
    // One protocol only: the whole rule goes.
    expect(checkPolicyForWindows(K8S_NAMED_PORT).findings[0]!.message).toContain('the traffic this rule allows is dropped on Windows pods');
  });

  it('flags Kubernetes named ports and IPv6 ipBlocks', () => {
    expect(summary(K8S_NAMED_PORT)).toEqual([
      ['documents[0].spec.ingress[0].ports[0].port', 'NAMED_PORT'],
      ['documents[0].spec.ingress[1].from[0].ipBlock.cidr', 'IPV6'],
    ]);
  });

  it.each([
    ['Kubernetes policy', CLEAN],
    ['Calico policy with Deny at low order and numeric ports/ranges', CALICO_CLEAN],
  ])('a clean %s has no findings', (_name, manifest) => {
    expect(checkPolicyForWindows(manifest)).toEqual({ documents: 1, findings: [], clean: true });
  });

  it.each([
    ['apiVersion: apps/v1\nkind: Deployment\n', 'Document 0 is apps/v1 Deployment;'],
    ['kind: Foo\n', 'Document 0 is a Foo with no apiVersion;'],
    ['apiVersion: v1\n', 'Document 0 is a v1 document with no kind;'],
    ['metadata: {name: x}\n', 'Document 0 is a document with no kind or apiVersion;'],
  ])('names what a document is that it does not check: %j', (manifest, message) => {
    expect(() => checkPolicyForWindows(manifest)).toThrow(message);
  });

  it('checks every document of a multi-document manifest and numbers them', () => {
    const manifest = `---\n${CLEAN}---\n${K8S_EXCEPT}---\n# only a comment\n---\n${K8S_NAMED_PORT}`;
    const result = checkPolicyForWindows(manifest);
    expect(result.documents).toBe(3);
    expect(result.findings.map((f) => f.path)).toEqual([
      'documents[1].spec.egress[0].to[0].ipBlock.except',
      'documents[2].spec.ingress[0].ports[0].port',
      'documents[2].spec.ingress[1].from[0].ipBlock.cidr',
    ]);
  });

  it('checks each item of a kind: List (kubectl get -o yaml), with item paths and lines', () => {
    const indent = (text: string) =>
      text
        .trimEnd()
        .split('\n')
        .map((l, i) => (i === 0 ? `  - ${l}` : `    ${l}`))
        .join('\n');
    const manifest = `apiVersion: v1\nkind: List\nmetadata: {resourceVersion: ""}\nitems:\n${indent(CLEAN)}\n${indent(K8S_EXCEPT)}\n`;
    const result = checkPolicyForWindows(manifest);
    expect(result.documents).toBe(1);
    expect(result.findings.map((f) => [f.path, f.rule, f.line])).toEqual([
      ['documents[0].items[1].spec.egress[0].to[0].ipBlock.except', 'NEGATIVE_MATCH', lineWith(manifest, 'except:')],
    ]);
  });

  it('checks a typed list whose items omit apiVersion and kind (as API list responses do)', () => {
    const manifest = `apiVersion: projectcalico.org/v3\nkind: NetworkPolicyList\nitems:\n  - metadata: {name: l, namespace: n}\n    spec:\n      ingress: [{action: Log}]\n`;
    expect(summary(manifest)).toEqual([['documents[0].items[0].spec.ingress[0].action', 'LOG_ACTION']]);
  });

  it('refuses a List item that is not a policy, naming the item', () => {
    const manifest = `apiVersion: v1\nkind: List\nitems:\n  - {apiVersion: v1, kind: ConfigMap, metadata: {name: x}}\n`;
    const error = errorOf(() => checkPolicyForWindows(manifest));
    expect(error.code).toBe(ErrorCode.UNPROCESSABLE_DOCUMENT);
    expect(error.message).toContain('Document 0 item 0 is v1 ConfigMap');
    expect(error.details).toMatchObject({ reason: 'UNKNOWN_KIND', documentIndex: 0, itemIndex: 0, line: 4, kind: 'ConfigMap' });
    expect(errorOf(() => checkPolicyForWindows('apiVersion: v1\nkind: List\nitems: 3\n')).details).toMatchObject({
      reason: 'NOT_AN_OBJECT',
    });
  });

  it('empty negative fields are not negative matches (Felix checks len(...) > 0)', () => {
    const manifest = `apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: e, namespace: n}\nspec:\n  egress:\n    - action: Allow\n      notProtocol: null\n      source: {notNets: [], notPorts: [], notSelector: ""}\n      destination: {notNets: [], notPorts: []}\n`;
    expect(checkPolicyForWindows(manifest)).toEqual({ documents: 1, findings: [], clean: true });
  });

  it('a Deny with a negative match gets a description, not a misleading snippet', () => {
    const manifest = `apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: d, namespace: n}\nspec:\n  egress:\n    - action: Deny\n      destination: {notNets: [10.0.0.0/8]}\n`;
    const [finding] = checkPolicyForWindows(manifest).findings;
    expect(finding!.message).toContain('not denied on Windows');
    expect(finding!.rewrite!.yaml).toBeUndefined();
  });

  function errorOf(fn: () => unknown): DomainError {
    try {
      fn();
    } catch (e) {
      return e as DomainError;
    }
    throw new Error('expected an error');
  }

  const CALICO_HEAD = 'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: m, namespace: n}\nspec:\n';
  const lineWith = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

  it('resolves YAML merge keys as go-yaml does, with the line where the merged content is written', () => {
    const inline = `${CALICO_HEAD}  egress:\n    - <<: {action: Allow, destination: {notNets: [169.254.169.254/32]}}\n`;
    const [finding] = checkPolicyForWindows(inline).findings;
    expect(finding).toMatchObject({ path: 'documents[0].spec.egress[0].destination.notNets', rule: 'NEGATIVE_MATCH', line: 6 });
    const anchored = `${CALICO_HEAD}  ingress:\n    - &base\n      action: Allow\n      destination: {notNets: [10.0.0.0/8]}\n  egress:\n    - <<: [{protocol: TCP}, *base]\n      action: Deny\n`;
    expect(checkPolicyForWindows(anchored).findings.map((f) => [f.path, f.line])).toEqual([
      ['documents[0].spec.ingress[0].destination.notNets', lineWith(anchored, 'notNets')],
      ['documents[0].spec.egress[0].destination.notNets', lineWith(anchored, 'notNets')],
    ]);
    // The egress rule's own `action: Deny` wins over the merged Allow.
    expect(checkPolicyForWindows(anchored).findings[1]!.message).toContain('not denied on Windows');
  });

  it('keys of the mapping itself win over merged ones; two merge keys are not a duplicate', () => {
    const manifest = `${CALICO_HEAD}  egress:\n    - <<: {action: Log}\n      action: Allow\n      <<: {action: Pass}\n`;
    expect(checkPolicyForWindows(manifest).clean).toBe(true);
  });

  it('keeps line numbers under a %YAML 1.1 header', () => {
    const manifest = `%YAML 1.1\n---\n${CALICO_HEAD}  egress:\n    - <<: {action: Allow, destination: {notNets: [169.254.169.254/32]}}\n`;
    expect(checkPolicyForWindows(manifest).findings[0]).toMatchObject({ rule: 'NEGATIVE_MATCH', line: 8 });
  });

  it('refuses a merge of a huge alias (the alias bound holds through merge keys)', () => {
    const manifest =
      'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c {k: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]}\n' +
      'd: {<<: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]}\n';
    const started = performance.now();
    const error = errorOf(() => checkPolicyForWindows(manifest));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(error.code).toBe(ErrorCode.UNPROCESSABLE_DOCUMENT);
    expect(error.details).toMatchObject({ reason: 'MALFORMED_YAML' });
  });

  it('refuses a chain of merges that would multiply (each level merging the last ten times)', () => {
    const levels = Array.from({ length: 9 }, (_, i) => `m${i + 1}: &m${i + 1} {<<: [${Array(10).fill(`*m${i}`).join(', ')}]}`);
    const manifest = `m0: &m0 {a: 1}\n${levels.join('\n')}\n`;
    const started = performance.now();
    const error = errorOf(() => checkPolicyForWindows(manifest));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(error.details).toMatchObject({ reason: 'MALFORMED_YAML' });
  });

  it.each([
    ['empty input', '', ErrorCode.UNPROCESSABLE_DOCUMENT, { reason: 'EMPTY' }],
    ['only comments', '# nothing\n---\n', ErrorCode.UNPROCESSABLE_DOCUMENT, { reason: 'EMPTY' }],
    [
      'malformed YAML',
      `${CLEAN}---\nkind: NetworkPolicy\nspec: [unclosed\n`,
      ErrorCode.UNPROCESSABLE_DOCUMENT,
      { reason: 'MALFORMED_YAML', documentIndex: 1 },
    ],
    ['duplicate keys', 'kind: A\nkind: B\n', ErrorCode.UNPROCESSABLE_DOCUMENT, { reason: 'MALFORMED_YAML', documentIndex: 0, line: 2 }],
    ['a scalar document', 'just text\n', ErrorCode.UNPROCESSABLE_DOCUMENT, { reason: 'NOT_AN_OBJECT', documentIndex: 0 }],
    ['a list document', '- a\n- b\n', ErrorCode.UNPROCESSABLE_DOCUMENT, { reason: 'NOT_AN_OBJECT', documentIndex: 0 }],
    [
      'unknown kind',
      `${CLEAN}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n`,
      ErrorCode.UNPROCESSABLE_DOCUMENT,
      { reason: 'UNKNOWN_KIND', documentIndex: 1, kind: 'ConfigMap', line: 12 },
    ],
    [
      'NetworkPolicy with a wrong apiVersion',
      'apiVersion: extensions/v1beta1\nkind: NetworkPolicy\n',
      ErrorCode.UNPROCESSABLE_DOCUMENT,
      { reason: 'UNKNOWN_KIND' },
    ],
    [
      'spec not an object',
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nspec: 3\n',
      ErrorCode.UNPROCESSABLE_DOCUMENT,
      { reason: 'NOT_AN_OBJECT' },
    ],
    ['more than 1 MiB', `# ${'x'.repeat(1024 * 1024)}\n${CLEAN}`, ErrorCode.PAYLOAD_TOO_LARGE, { limit: 1024 * 1024 }],
    [
      'more than 100 documents',
      Array.from({ length: MAX_DOCUMENTS + 1 }, () => CLEAN).join('---\n'),
      ErrorCode.PAYLOAD_TOO_LARGE,
      { documents: 101, limit: 100 },
    ],
    [
      'an alias bomb',
      'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n',
      ErrorCode.UNPROCESSABLE_DOCUMENT,
      { reason: 'MALFORMED_YAML' },
    ],
  ])('%s is rejected with details', (_name, manifest, code, details) => {
    const error = errorOf(() => checkPolicyForWindows(manifest));
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe(code);
    expect(error.details).toMatchObject(details);
  });

  /** A NetworkPolicy whose metadata.labels has `keys` keys, block style (one line each) or flow style (one line). */
  const manyLabels = (keys: number, style: 'block' | 'flow', duplicateLast = false): string => {
    const names = Array.from({ length: keys }, (_, i) => `k${duplicateLast && i === keys - 1 ? 0 : i}`);
    const labels = style === 'block' ? `\n${names.map((k) => `    ${k}: v`).join('\n')}` : ` {${names.map((k) => `${k}: v`).join(', ')}}`;
    return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: x\n  labels:${labels}\nspec: {}\n`;
  };

  // The shapes that used to block the event loop (the yaml package's duplicate-key check compares
  // each key with every earlier one): 20,000 keys (159 kB) took 5.5-7.7 s, 100,000 keys (0.65 MB) 206 s.
  // Now each is refused in one pass; 2 s is a generous bound on a loaded machine.
  it.each([
    // 1 + (20,000 + 6 newlines) + 1 `{` = 20,008 > 12,000: refused before parsing.
    ['20,000 keys, one a line', manyLabels(20_000, 'block'), { structure: 20_008, limit: MAX_MANIFEST_STRUCTURE }],
    // 100,000 top-level keys in 0.75 MB (under the 1 MiB limit): 1 + 100,000 newlines.
    [
      '100,000 keys, one a line',
      Array.from({ length: 100_000 }, (_, i) => `${i.toString(36)}: 1\n`).join(''),
      { structure: 100_001, limit: MAX_MANIFEST_STRUCTURE },
    ],
    // 1,000 commas + 1 brace + 7 lines = 1,008 structure, under the bound: parsed, then the mapping has 1,001 keys > 1,000.
    ['1,001 keys on one line', manyLabels(MAX_KEYS_PER_MAPPING + 1, 'flow'), { keys: 1_001, limit: MAX_KEYS_PER_MAPPING }],
    // 12,000 commas on one line (a flow sequence) > 12,000 structure.
    [
      'a flow sequence of 12,000 items',
      `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nspec: {ingress: [${'{}, '.repeat(12_000)}{}]}\n`,
      { limit: MAX_MANIFEST_STRUCTURE },
    ],
  ])('%s is PAYLOAD_TOO_LARGE, quickly', (_name, manifest, details) => {
    const started = performance.now();
    const error = errorOf(() => checkPolicyForWindows(manifest));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(error.code).toBe(ErrorCode.PAYLOAD_TOO_LARGE);
    expect(error.details).toMatchObject(details);
  });

  // Valid YAML the yaml package cannot compose (it recurses, and ran out of stack: 422 "Maximum call stack size exceeded").
  it.each([
    ['1,400 nested block mappings', Array.from({ length: 1_400 }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + '\n', 101],
    ['[ nested 11,000 deep', `a: ${'['.repeat(11_000)}${']'.repeat(11_000)}\n`, 1],
    ['{ nested 5,000 deep', `a: ${'{a: '.repeat(5_000)}1${'}'.repeat(5_000)}\n`, 1],
  ])('%s is PAYLOAD_TOO_LARGE (too deep), before the parser recurses', (_name, manifest, line) => {
    const error = errorOf(() => checkPolicyForWindows(manifest));
    expect(error.code).toBe(ErrorCode.PAYLOAD_TOO_LARGE);
    expect(error.details).toMatchObject({ reason: 'TOO_DEEP', limit: MAX_NESTING_DEPTH, line });
    expect(error.message).toContain(`more than ${MAX_NESTING_DEPTH} deep`);
  });

  it(`accepts ${MAX_NESTING_DEPTH} levels of nesting`, () => {
    const deep = `${'['.repeat(MAX_NESTING_DEPTH - 3)}${']'.repeat(MAX_NESTING_DEPTH - 3)}`;
    const manifest = `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: x, annotations: {a: ${deep}}}\n`;
    expect(checkPolicyForWindows(manifest).documents).toBe(1);
  });

  it('finds a duplicate among 1,000 keys in one pass (line of the second occurrence)', () => {
    const started = performance.now();
    const error = errorOf(() => checkPolicyForWindows(manyLabels(MAX_KEYS_PER_MAPPING, 'block', true)));
    expect(performance.now() - started).toBeLessThan(2_000);
    // Lines: apiVersion, kind, metadata, name, labels, then k0 at line 6 ... the 1,000th key at line 5 + 1,000.
    expect(error.details).toMatchObject({ reason: 'MALFORMED_YAML', line: 1_005 });
    expect(error.message).toContain('"k0" appears twice');
  });

  it('accepts 1,000 keys in a mapping', () => {
    expect(checkPolicyForWindows(manyLabels(MAX_KEYS_PER_MAPPING, 'block')).documents).toBe(1);
  });

  it('accepts exactly 100 documents', () => {
    expect(checkPolicyForWindows(Array.from({ length: MAX_DOCUMENTS }, () => CLEAN).join('---\n')).documents).toBe(100);
  });

  describe('scalars read as kubectl and calicoctl read them (sigs.k8s.io/yaml: go-yaml, YAML 1.1 words)', () => {
    const gnp = (spec: string) => `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: host
spec:
  selector: all()
${spec}`;

    it('doNotTrack: yes and applyOnForward: on are true to Calico: host-endpoint fields, as written true', () => {
      expect(summary(gnp('  doNotTrack: yes\n  applyOnForward: on\n  preDNAT: Y\n'))).toEqual([
        ['documents[0].spec.doNotTrack', 'HOST_ENDPOINT_FIELD'],
        ['documents[0].spec.preDNAT', 'HOST_ENDPOINT_FIELD'],
        ['documents[0].spec.applyOnForward', 'HOST_ENDPOINT_FIELD'],
      ]);
    });

    it('doNotTrack: no / off is false, and a quoted "yes" or !!str yes stays a string: no finding', () => {
      expect(summary(gnp('  doNotTrack: no\n  applyOnForward: off\n  preDNAT: "yes"\n'))).toEqual([]);
      expect(summary(gnp('  doNotTrack: !!str yes\n'))).toEqual([]);
    });

    it('ports 1_000, 0x1F90 and 010 are numbers to go-yaml (1000, 8080, 8), not named ports; 12:30 and "web" are not numbers', () => {
      const manifest = gnp(`  ingress:
    - action: Allow
      protocol: TCP
      destination:
        ports: [1_000, 0x1F90, 010, 12:30, web]
`);
      expect(summary(manifest)).toEqual([['documents[0].spec.ingress[0].destination.ports[4]', 'NAMED_PORT']]);
    });

    it('a NetworkPolicy port: 1_000 is port 1000 to the API server, not a named port', () => {
      const np = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: shop}
spec:
  podSelector: {}
  ingress:
    - ports:
        - port: 1_000
        - port: http
`;
      expect(summary(np)).toEqual([['documents[0].spec.ingress[0].ports[1].port', 'NAMED_PORT']]);
    });
  });
});
