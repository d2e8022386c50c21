import { Composer, LineCounter, Parser, isAlias, type Alias, isMap, isNode, isScalar, isSeq, visit, type CST, type Document } from 'yaml';
import { kubernetesYaml, readScalarsAsKubernetes } from '../../common/kubernetes-yaml.js';
import { DomainError, ErrorCode } from '../../common/domain-error.js';
import { SOURCE } from '../../common/core/sources.js';
import { stringEnum, type EnumValue } from '../../common/core/string-enum.js';

/**
 * Finds the parts of Kubernetes and Calico network policies that Calico on Windows does not enforce
 * as Linux does: most make Felix skip the whole rule (it logs "Skipping rule because it contains ..."),
 * others are enforced differently (WINDOWS_RULE_EFFECTS says which), and proposes a Windows-safe
 * rewrite where one exists. Source: projectcalico/calico felix/dataplane/windows/policysets/policysets.go;
 * aws/amazon-vpc-cni-k8s#861.
 */

export const WindowsRule = stringEnum(
  'NEGATIVE_MATCH',
  'NAMED_PORT',
  'ICMP_TYPE_CODE',
  'LOG_ACTION',
  'PASS_ACTION',
  'HTTP_MATCH',
  'IPV6',
  'HOST_ENDPOINT_FIELD',
);
export type WindowsRule = EnumValue<typeof WindowsRule>;

/**
 * What a finding of each rule means on Windows, as the check's messages say it: not every one is a
 * skipped rule (an HTTP match is enforced as plain L4, Pass depends on the Calico version, an ICMPv6
 * rule is programmed and never matches, host-endpoint fields are ignored).
 */
export const WINDOWS_RULE_EFFECTS: Readonly<Record<WindowsRule, string>> = {
  NEGATIVE_MATCH:
    'A negative match (notNets, notPorts, notSelector, notProtocol, notICMP; a Kubernetes ipBlock.except, which Calico ' +
    'turns into notNets): Felix on Windows skips the whole rule.',
  NAMED_PORT: 'A named port: Felix on Windows skips the whole rule.',
  ICMP_TYPE_CODE: 'An ICMP type or code match: Felix on Windows skips the whole rule.',
  LOG_ACTION: 'The Log action: Felix on Windows skips the whole rule, and nothing is logged.',
  PASS_ACTION:
    'The Pass action: depends on the version. Before Calico 3.29 Felix on Windows skips the whole rule; from 3.29 Pass ' +
    'jumps to the next tier, but a Pass in the last tier is enforced as Deny, where Linux falls through to the profiles.',
  HTTP_MATCH: 'An HTTP match: not a skip. Felix on Windows ignores the HTTP match and enforces the rest of the rule as a plain L4 rule.',
  IPV6:
    'IPv6, which Windows nodes on EKS do not have: for a Calico rule with ipVersion 6 Felix on Windows skips the whole rule; ' +
    'it drops IPv6 CIDRs from a rule (and skips the rule when none are left); a rule with protocol ICMPv6 (58) is kept ' +
    'but never matches, and so does a Kubernetes ipBlock peer with an IPv6 CIDR.',
  HOST_ENDPOINT_FIELD:
    'doNotTrack, preDNAT or applyOnForward: host-endpoint behaviour, which Calico on Windows does not support: Windows ' +
    'nodes ignore it (not a rule skip).',
};

export interface WindowsRewrite {
  description: string;
  /** A YAML snippet to use instead, when one can be written. */
  yaml?: string;
}

export interface Finding {
  /** Where in the input, e.g. `documents[0].spec.egress[1].destination.notNets`. */
  path: string;
  /** 1-based line in the input, when known. */
  line?: number;
  rule: WindowsRule;
  /** What Windows does instead. */
  message: string;
  source: string;
  rewrite?: WindowsRewrite;
}

export interface WindowsPolicyCheck {
  documents: number;
  findings: Finding[];
  clean: boolean;
}

export const MAX_MANIFEST_BYTES = 1024 * 1024;
export const MAX_DOCUMENTS = 100;
/**
 * Most YAML structure in one manifest, counted before parsing as lines plus flow separators and
 * openers (`,` `[` `{`): an upper bound on its nodes that takes one pass over the text. The YAML
 * parser takes about 8 µs a node, so this bounds a check to about 0.1 s; 100 NetworkPolicies of 60
 * lines each fit.
 */
export const MAX_MANIFEST_STRUCTURE = 12_000;
/** Most keys in one mapping (a labels map of 1,000 keys is more than any policy needs). */
export const MAX_KEYS_PER_MAPPING = 1_000;
/**
 * Most nested collections (mappings and sequences) in one manifest. The yaml package composes
 * nodes recursively and runs out of stack near 1,000 levels; a NetworkPolicy nests about 8.
 */
export const MAX_NESTING_DEPTH = 100;
/** Most aliases expanded in one document (billion-laughs guard). */
export const MAX_ALIASES = 100;

const KUBERNETES_NETWORK_POLICY = 'networking.k8s.io/v1/NetworkPolicy';
const CALICO_KINDS = new Set([
  'projectcalico.org/v3/NetworkPolicy',
  'projectcalico.org/v3/GlobalNetworkPolicy',
  'crd.projectcalico.org/v1/NetworkPolicy',
  'crd.projectcalico.org/v1/GlobalNetworkPolicy',
]);

type Obj = Record<string, unknown>;
type Segment = string | number;

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pathText(documentIndex: number, segments: Segment[]): string {
  return segments.reduce<string>(
    (text, segment) => (typeof segment === 'number' ? `${text}[${segment}]` : `${text}.${segment}`),
    `documents[${documentIndex}]`,
  );
}

/** Felix only treats a non-empty notNets / notPorts / notSelector as a negative match (ruleHasNegativeMatches: len(...) > 0). */
function isNegativeMatch(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return value !== undefined && value !== null && value !== '';
}

function isIpv6(cidr: unknown): boolean {
  return typeof cidr === 'string' && cidr.includes(':');
}

/** Calico ports are numbers, "80" or "80:90" ranges; anything else names a container port. */
function isNamedPort(port: unknown): boolean {
  return typeof port === 'string' && !/^\d+(:\d+)?$/.test(port);
}

function skipEffect(action: unknown): string {
  if (action === 'Deny')
    return 'the traffic it should deny is not denied on Windows; it falls through to later rules and policies, which may allow it';
  if (action === 'Allow' || action === undefined)
    return 'the traffic it should allow is not allowed on Windows; it falls through to later rules and the default deny';
  return 'it has no effect on Windows';
}

/** What a rule with an HTTP match does on Windows, where only its L4 part is enforced. */
function httpEffect(action: unknown): string {
  if (action === 'Allow' || action === undefined)
    return 'it allows every request on its ports, protocol and peers, whatever the method or path, so Windows pods accept MORE than the policy intends';
  if (action === 'Deny') return 'it denies all traffic on its ports, protocol and peers, not only the matching requests';
  return 'it applies to all traffic on its ports, protocol and peers, not only the matching requests';
}

const SKIP = 'Felix on Windows skips the whole rule (it only logs it)';

/** Collects findings for one parsed document. */
class DocumentChecker {
  readonly findings: Finding[] = [];

  constructor(
    private readonly index: number,
    private readonly lineOf: (segments: Segment[]) => number | undefined,
    /** Where the policy is in its document: `[]`, or `['items', 2]` in a List. */
    private readonly at: Segment[] = [],
  ) {}

  private add(
    segments: Segment[],
    rule: WindowsRule,
    message: string,
    rewrite?: WindowsRewrite,
    source: string = SOURCE.FELIX_WINDOWS,
  ): void {
    const finding: Finding = { path: pathText(this.index, [...this.at, ...segments]), rule, message, source };
    const line = this.lineOf(segments);
    if (line !== undefined) finding.line = line;
    if (rewrite) finding.rewrite = rewrite;
    this.findings.push(finding);
  }

  checkCalico(spec: Obj): void {
    for (const field of ['doNotTrack', 'preDNAT', 'applyOnForward'] as const) {
      if (spec[field] === true) {
        this.add(
          ['spec', field],
          WindowsRule.HOST_ENDPOINT_FIELD,
          `${field} applies to host endpoints, which Calico on Windows does not support: Windows nodes ignore this policy's ${field} behaviour.`,
          {
            description:
              'Keep host-endpoint policy for Linux nodes only; Windows pods are protected by workload policy (no doNotTrack/preDNAT/applyOnForward).',
          },
        );
      }
    }
    for (const direction of ['ingress', 'egress'] as const) {
      const rules = spec[direction];
      if (!Array.isArray(rules)) continue;
      rules.forEach((rule, ruleIndex) => {
        if (isObject(rule)) this.checkCalicoRule(rule, ['spec', direction, ruleIndex]);
      });
    }
  }

  private checkCalicoRule(rule: Obj, at: Segment[]): void {
    const effect = skipEffect(rule.action);
    if (rule.action === 'Log') {
      this.add([...at, 'action'], WindowsRule.LOG_ACTION, `${SKIP}: the Log action is not supported on Windows, nothing is logged.`, {
        description:
          'Remove the Log rule from policies that select Windows pods; use Calico flow logs or keep Log rules in a Linux-only policy.',
      });
    }
    if (rule.action === 'Pass') {
      // Version-dependent: Calico before 3.29 skipped Pass (and next-tier) rules on Windows like Log;
      // since tiers came to Calico Open Source (3.29) policysets.go maps them to ActionPass and the
      // flattener turns a Pass in the last tier into Block, where Linux falls through to the profiles.
      this.add(
        [...at, 'action'],
        WindowsRule.PASS_ACTION,
        'Depends on the Calico version: before Calico 3.29 Felix on Windows skips the whole rule (Pass was not supported there), so evaluation does not jump to the next tier; ' +
          'from 3.29 Pass jumps to the next tier on Windows too, but a Pass in the last tier (the default tier, where every policy without a tier is) is enforced as Deny on Windows, where Linux lets the traffic fall through to the profiles (allowed by default).',
        {
          description:
            'On Calico 3.29 or later, use Pass only in tiers before the last one; in the default tier write the explicit Allow or Deny you mean. On older Calico, order policies (lower order first) so an explicit Allow or Deny decides instead of Pass.',
        },
        SOURCE.FELIX_WINDOWS_PASS,
      );
    }
    if (rule.ipVersion === 6) {
      this.add([...at, 'ipVersion'], WindowsRule.IPV6, `${SKIP}: the rule is for IPv6 and Windows nodes on EKS are IPv4 only; ${effect}.`, {
        description: 'Drop the IPv6 rule for Windows pods (EKS IPv6 clusters do not support Windows nodes).',
      });
    }
    // ICMPv6 (protocol 58) only ever matches IPv6 packets, which Windows nodes on EKS do not have.
    if (rule.ipVersion !== 6 && (rule.protocol === 'ICMPv6' || rule.protocol === 58 || rule.protocol === '58')) {
      this.add(
        [...at, 'protocol'],
        WindowsRule.IPV6,
        `Felix on Windows programs the rule with protocol 58 (ICMPv6), which only IPv6 packets carry, and Windows nodes on EKS are IPv4 only: the rule never matches; ${effect}.`,
        {
          description: 'Drop the ICMPv6 rule for Windows pods; match protocol: ICMP for IPv4 ping and errors.',
          yaml: kubernetesYaml([{ action: rule.action ?? 'Allow', protocol: 'ICMP' }]),
        },
      );
    }
    if (rule.notProtocol !== undefined && rule.notProtocol !== null && rule.notProtocol !== '') {
      this.add([...at, 'notProtocol'], WindowsRule.NEGATIVE_MATCH, `${SKIP}: notProtocol is a negative match; ${effect}.`, {
        description: 'List the protocols positively: one rule per protocol with protocol: TCP / UDP.',
      });
    }
    // policysets.go skips a rule with an ICMP type/code match, and counts notICMP among the negative
    // matches (ruleHasNegativeMatches: NotIcmp != nil).
    if (rule.icmp !== undefined) {
      this.add([...at, 'icmp'], WindowsRule.ICMP_TYPE_CODE, `${SKIP}: ICMP type/code matches are not supported on Windows; ${effect}.`, {
        description: 'Match protocol: ICMP without type or code (all ICMP), or keep the type/code rule in a Linux-only policy.',
        yaml: kubernetesYaml([{ action: rule.action ?? 'Allow', protocol: 'ICMP' }]),
      });
    }
    if (rule.notICMP !== undefined) {
      this.add([...at, 'notICMP'], WindowsRule.NEGATIVE_MATCH, `${SKIP}: notICMP is a negative match (on an ICMP type/code); ${effect}.`, {
        description:
          'List the ICMP traffic positively (protocol: ICMP, all types, on Windows), or keep the type/code rule in a Linux-only policy.',
        yaml: kubernetesYaml([{ action: rule.action ?? 'Allow', protocol: 'ICMP' }]),
      });
    }
    if (rule.http !== undefined) {
      // policysets.go never reads the rule's HTTP match: the rule is rendered from its L4 fields alone.
      this.add(
        [...at, 'http'],
        WindowsRule.HTTP_MATCH,
        `Felix on Windows ignores the HTTP match (Windows has no Calico application-layer policy) and enforces the rest of the rule as a plain L4 rule: ${httpEffect(rule.action)}.`,
        {
          description:
            'Use a port-based rule for Windows pods and enforce HTTP methods/paths in the application, a service mesh or the load balancer.',
        },
      );
    }
    for (const side of ['source', 'destination'] as const) {
      const entity = rule[side];
      if (!isObject(entity)) continue;
      const where = [...at, side];
      for (const field of ['notNets', 'notPorts', 'notSelector'] as const) {
        if (isNegativeMatch(entity[field])) {
          this.add(
            [...where, field],
            WindowsRule.NEGATIVE_MATCH,
            `${SKIP}: ${side}.${field} is a negative match; ${effect}.`,
            negativeRewrite(rule, side, field),
          );
        }
      }
      for (const field of ['nets', 'notNets'] as const) {
        const nets = entity[field];
        if (Array.isArray(nets)) {
          nets.forEach((net, i) => {
            if (isIpv6(net)) {
              this.add(
                [...where, field, i],
                WindowsRule.IPV6,
                `IPv6 CIDR ${String(net)}: Windows nodes on EKS are IPv4 only; Felix on Windows drops IPv6 CIDRs from the rule, and skips the rule if none are left.`,
                { description: 'Remove IPv6 CIDRs from rules that select Windows pods.' },
              );
            }
          });
        }
      }
      for (const field of ['ports', 'notPorts'] as const) {
        const ports = entity[field];
        if (Array.isArray(ports)) {
          ports.forEach((port, i) => {
            if (isNamedPort(port)) {
              this.add(
                [...where, field, i],
                WindowsRule.NAMED_PORT,
                `${SKIP}: named port "${String(port)}" is not supported on Windows; ${effect}.`,
                { description: `Replace "${String(port)}" with the container's port number.` },
              );
            }
          });
        }
      }
    }
  }

  checkKubernetes(spec: Obj): void {
    for (const [direction, peersField] of [
      ['ingress', 'from'],
      ['egress', 'to'],
    ] as const) {
      const rules = spec[direction];
      if (!Array.isArray(rules)) continue;
      rules.forEach((rule, ruleIndex) => {
        if (!isObject(rule)) return;
        const at: Segment[] = ['spec', direction, ruleIndex];
        const peers = rule[peersField];
        if (Array.isArray(peers)) {
          peers.forEach((peer, peerIndex) => {
            if (!isObject(peer) || !isObject(peer.ipBlock)) return;
            const block = peer.ipBlock;
            const blockAt: Segment[] = [...at, peersField, peerIndex, 'ipBlock'];
            if (isIpv6(block.cidr)) {
              this.add(
                [...blockAt, 'cidr'],
                WindowsRule.IPV6,
                `IPv6 CIDR ${String(block.cidr)}: Windows nodes on EKS are IPv4 only; the peer never matches on Windows.`,
                { description: 'Remove IPv6 ipBlocks from policies that select Windows pods.' },
              );
            }
            if (Array.isArray(block.except) && block.except.length > 0) {
              // Calico makes one rule per peer (and protocol): only this peer's rules carry the notNets.
              const others = peers.length - 1;
              const scope =
                others === 0
                  ? `the whole ${direction} rule is not enforced on Windows, so its traffic falls through to the default deny`
                  : `Calico makes one rule per peer, so only this peer's part of the ${direction} rule is lost: traffic ${direction === 'ingress' ? 'from' : 'to'} ` +
                    `${String(block.cidr)} falls through to the default deny, while the ${others} other peer${others === 1 ? '' : 's'} of the rule ${others === 1 ? 'is' : 'are'} still enforced`;
              this.add(
                [...blockAt, 'except'],
                WindowsRule.NEGATIVE_MATCH,
                `${others === 0 ? SKIP : 'Felix on Windows skips the Calico rule this peer becomes (it only logs it)'}: Calico turns ipBlock.except into notNets, a negative match; ${scope} (and the excepted range is not singled out either).`,
                exceptRewrite(spec, direction, typeof block.cidr === 'string' ? block.cidr : '0.0.0.0/0', block.except.map(String)),
                others === 0 ? SOURCE.FELIX_WINDOWS : `${SOURCE.FELIX_WINDOWS}; ${SOURCE.CALICO_K8S_POLICY_CONVERSION}`,
              );
            }
          });
        }
        const ports = rule.ports;
        if (Array.isArray(ports)) {
          // Calico makes one rule per protocol (TCP when none is given), holding all that protocol's ports.
          const protocolOf = (port: unknown): string =>
            isObject(port) && typeof port.protocol === 'string' ? port.protocol.toUpperCase() : 'TCP';
          ports.forEach((port, portIndex) => {
            if (isObject(port) && typeof port.port === 'string') {
              const protocol = protocolOf(port);
              const others = [...new Set(ports.filter((p) => isObject(p) && protocolOf(p) !== protocol).map(protocolOf))];
              const effect =
                others.length === 0
                  ? 'the traffic this rule allows is dropped on Windows pods'
                  : `Calico makes one rule per protocol, so the rule's ${protocol} part is skipped (its numeric ${protocol} ports too) ` +
                    `and its ${protocol} traffic is dropped on Windows pods, while its ${others.join(' and ')} ports are still enforced`;
              this.add(
                [...at, 'ports', portIndex, 'port'],
                WindowsRule.NAMED_PORT,
                `${others.length === 0 ? SKIP : 'Felix on Windows skips the Calico rule this protocol becomes (it only logs it)'}: named port "${port.port}" is not supported on Windows; ${effect}.`,
                { description: `Replace "${port.port}" with the container's port number.` },
                others.length === 0 ? SOURCE.FELIX_WINDOWS : `${SOURCE.FELIX_WINDOWS}; ${SOURCE.CALICO_K8S_POLICY_CONVERSION}`,
              );
            }
          });
        }
      });
    }
  }
}

/** Windows-safe form for a Calico rule with a negative entity match. */
function negativeRewrite(rule: Obj, side: 'source' | 'destination', field: 'notNets' | 'notPorts' | 'notSelector'): WindowsRewrite {
  const positive = { notNets: 'nets', notPorts: 'ports', notSelector: 'selector' }[field];
  const entity = rule[side] as Obj;
  if (rule.action !== undefined && rule.action !== 'Allow') {
    return {
      description: `Windows cannot express "${String(rule.action)} everything except ${field}". List what should be allowed with explicit Allow rules (${positive}) in a policy with a lower order, and let the default deny handle the rest.`,
    };
  }
  const rest = { ...entity };
  delete rest[field];
  const common: Obj = {};
  if (rule.protocol !== undefined) common.protocol = rule.protocol;
  const deny: Obj = { action: 'Deny', ...common, [side]: { [positive]: entity[field] } };
  const allow: Obj = { ...rule, action: 'Allow', [side]: rest };
  if (Object.keys(rest).length === 0) delete allow[side];
  return {
    description:
      `Say the exception positively: an explicit Deny rule to ${positive} ${JSON.stringify(entity[field])} first (in this rule list, or in a policy with a lower order), then the Allow without ${field}. ` +
      'Note the excepted traffic is then denied rather than left to later policies.',
    yaml: kubernetesYaml([deny, allow]),
  };
}

/** Calico rules replacing a Kubernetes ipBlock with except. */
function exceptRewrite(spec: Obj, direction: 'ingress' | 'egress', cidr: string, except: string[]): WindowsRewrite {
  const side = direction === 'egress' ? 'destination' : 'source';
  const selector = isObject(spec.podSelector) ? calicoSelectorFromLabelSelector(spec.podSelector) : 'all()';
  const rules = [
    { action: 'Deny', [side]: { nets: except } },
    { action: 'Allow', [side]: { nets: [cidr] } },
  ];
  return {
    description:
      `Use a Calico projectcalico.org/v3 NetworkPolicy in the same namespace, with a lower order than other policies (e.g. order: 10), selector: ${selector}, types: [${direction === 'egress' ? 'Egress' : 'Ingress'}], ` +
      "and these rules: the explicit Deny for the excepted ranges, then the Allow for the block (add the rule's ports to the Allow).",
    yaml: kubernetesYaml(rules),
  };
}

/** A Kubernetes LabelSelector as a Calico selector expression. */
export function calicoSelectorFromLabelSelector(selector: Obj): string {
  const terms: string[] = [];
  if (isObject(selector.matchLabels)) {
    for (const [key, value] of Object.entries(selector.matchLabels)) terms.push(`${key} == "${String(value)}"`);
  }
  if (Array.isArray(selector.matchExpressions)) {
    for (const expression of selector.matchExpressions) {
      if (!isObject(expression)) continue;
      const key = String(expression.key);
      const values = Array.isArray(expression.values) ? expression.values.map((v) => `"${String(v)}"`).join(', ') : '';
      if (expression.operator === 'In') terms.push(`${key} in {${values}}`);
      else if (expression.operator === 'NotIn') terms.push(`${key} not in {${values}}`);
      else if (expression.operator === 'Exists') terms.push(`has(${key})`);
      else if (expression.operator === 'DoesNotExist') terms.push(`!has(${key})`);
    }
  }
  return terms.length === 0 ? 'all()' : terms.join(' && ');
}

/** A document's kind as a reader names it: "apps/v1 Deployment", "a Foo with no apiVersion", "a document with no kind or apiVersion". */
function describeKind(apiVersion: unknown, kind: unknown): string {
  const version = typeof apiVersion === 'string' && apiVersion !== '' ? apiVersion : undefined;
  const name = typeof kind === 'string' && kind !== '' ? kind : undefined;
  if (version && name) return `${version} ${name}`;
  if (name) return `a ${name} with no apiVersion`;
  if (version) return `a ${version} document with no kind`;
  return 'a document with no kind or apiVersion';
}

function unprocessable(message: string, details: Record<string, unknown>): DomainError {
  return new DomainError(ErrorCode.UNPROCESSABLE_DOCUMENT, message, details);
}

/** A document with no content at all (not even an explicit `null`). */
function isBlank(document: Document): boolean {
  const contents = document.contents;
  return contents === null || (isScalar(contents) && contents.value === null && contents.source === '');
}

/** A `<<` key: a plain `<<` scalar, or the merge key the parser resolved (a `Symbol(<<)` value). */
function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  const value = key.value;
  return value === '<<' || (typeof value === 'symbol' && value.description === '<<');
}

/** Most aliases and merges followed while locating one path (aliases only point back, but `&a {<<: *a}` loops). */
const MAX_LOCATE_STEPS = 1_000;

const aliasTargets = new WeakMap<object, unknown>();

/** What an alias points at, once per alias (each resolve walks the document; checkMappings caps aliases at MAX_ALIASES). */
function resolveAlias(document: Document, alias: Alias): unknown {
  if (!aliasTargets.has(alias)) aliasTargets.set(alias, alias.resolve(document));
  return aliasTargets.get(alias);
}

/**
 * The node at `segments`, following aliases and `<<` merge keys the way go-yaml resolves them (a
 * key of the mapping itself wins over merged ones; among merged mappings, the first that has the
 * key wins), so a finding inside merged content gets the line where that content is written.
 */
function nodeAt(document: Document, segments: Segment[]): unknown {
  let steps = 0;
  const resolve = (node: unknown): unknown => {
    let current = node;
    while (isAlias(current) && ++steps <= MAX_LOCATE_STEPS) current = resolveAlias(document, current);
    return isAlias(current) ? undefined : current;
  };
  const child = (node: unknown, segment: Segment): unknown => {
    const collection = resolve(node);
    if (isSeq(collection)) return typeof segment === 'number' ? collection.items[segment] : undefined;
    if (!isMap(collection) || ++steps > MAX_LOCATE_STEPS) return undefined;
    const own = collection.items.find((pair) => isScalar(pair.key) && !isMergeKey(pair.key) && String(pair.key.value) === String(segment));
    if (own) return own.value;
    for (const pair of collection.items) {
      if (!isMergeKey(pair.key)) continue;
      const merged = resolve(pair.value);
      for (const source of isSeq(merged) ? merged.items : [merged]) {
        const found = child(source, segment);
        if (found !== undefined) return found;
      }
    }
    return undefined;
  };
  return segments.reduce<unknown>((node, segment) => (node === undefined ? undefined : child(node, segment)), document.contents);
}

function lineLocator(document: Document, counter: LineCounter): (segments: Segment[]) => number | undefined {
  return (segments) => {
    const node = nodeAt(document, segments);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
    return undefined;
  };
}

/** How deep collections nest in the parsed token tree, walked with a stack (the tokenizer does not recurse). */
function nestingDepth(tokens: CST.Token[]): { depth: number; offset: number } {
  let deepest = { depth: 0, offset: 0 };
  const stack: [CST.Token | null | undefined, number][] = tokens.map((t) => [t, 0]);
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!;
    if (!token) continue;
    if (token.type === 'document') stack.push([token.value, depth]);
    else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      if (depth + 1 > deepest.depth) deepest = { depth: depth + 1, offset: token.offset };
      if (deepest.depth > MAX_NESTING_DEPTH) return deepest;
      for (const item of token.items) {
        if ('key' in item) stack.push([item.key, depth + 1]);
        stack.push([item.value, depth + 1]);
      }
    }
  }
  return deepest;
}

/** Lines plus `,` `[` `{`: one pass over the text, an upper bound on its YAML nodes. */
function countStructure(text: string): number {
  let count = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 44 || c === 91 || c === 123) count++; // \n , [ {
  }
  return count;
}

/**
 * One pass over a parsed document: every mapping has at most MAX_KEYS_PER_MAPPING keys and no key
 * twice (a Set per mapping, so linear in its keys), and at most MAX_ALIASES aliases are used.
 */
function checkMappings(document: Document, index: number, counter: LineCounter): void {
  let aliases = 0;
  const lineAt = (node: unknown) => (isNode(node) && node.range ? counter.linePos(node.range[0]).line : undefined);
  visit(document, {
    Alias() {
      if (++aliases > MAX_ALIASES) {
        throw unprocessable(`Document ${index} uses more than ${MAX_ALIASES} aliases`, {
          documentIndex: index,
          reason: 'TOO_MANY_ALIASES',
          limit: MAX_ALIASES,
        });
      }
    },
    Map(_key, map) {
      if (map.items.length > MAX_KEYS_PER_MAPPING) {
        throw new DomainError(
          ErrorCode.PAYLOAD_TOO_LARGE,
          `Document ${index} has a mapping of ${map.items.length} keys (line ${lineAt(map)}); at most ${MAX_KEYS_PER_MAPPING} are checked`,
          { documentIndex: index, line: lineAt(map), keys: map.items.length, limit: MAX_KEYS_PER_MAPPING },
        );
      }
      const seen = new Set<string>();
      for (const pair of map.items) {
        const key = pair.key;
        // Scalar keys only (the merge key `<<` may repeat); aliases and collections as keys are left to the parser.
        if (!isScalar(key) || isAlias(key) || isMergeKey(key)) continue;
        const id = `${typeof key.value}:${String(key.value)}`;
        if (seen.has(id)) {
          const line = lineAt(key);
          throw unprocessable(
            `Document ${index} is not valid YAML (line ${line}): the key "${String(key.value).slice(0, 100)}" appears twice in one mapping`,
            {
              documentIndex: index,
              line,
              reason: 'MALFORMED_YAML',
            },
          );
        }
        seen.add(id);
      }
    },
  });
}

/** List kinds whose items are checked, with the kind their items have when they omit it (as API list responses do). */
const TYPED_LISTS = new Map<string, Obj>([
  ['networking.k8s.io/v1/NetworkPolicyList', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy' }],
  ['projectcalico.org/v3/NetworkPolicyList', { apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy' }],
  ['projectcalico.org/v3/GlobalNetworkPolicyList', { apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkPolicy' }],
]);

/** Findings for one policy object: a document, or an item of a List document (`at` is its path in the document). */
function checkObject(
  value: Obj,
  index: number,
  at: Segment[],
  where: { text: string; details: Record<string, unknown> },
  locate: (segments: Segment[]) => number | undefined,
): Finding[] {
  const kind = `${String(value.apiVersion)}/${String(value.kind)}`;
  const isKubernetes = kind === KUBERNETES_NETWORK_POLICY;
  if (!isKubernetes && !CALICO_KINDS.has(kind)) {
    throw unprocessable(
      `${where.text} is ${describeKind(value.apiVersion, value.kind)}; only networking.k8s.io/v1 NetworkPolicy and projectcalico.org/v3 NetworkPolicy or GlobalNetworkPolicy are checked (also as items of a List)`,
      { ...where.details, reason: 'UNKNOWN_KIND', apiVersion: value.apiVersion, kind: value.kind },
    );
  }
  if (value.spec !== undefined && !isObject(value.spec)) {
    throw unprocessable(`${where.text}: spec is not an object`, { ...where.details, reason: 'NOT_AN_OBJECT' });
  }
  const checker = new DocumentChecker(index, (segments) => locate([...at, ...segments]), at);
  const spec = (value.spec ?? {}) as Obj;
  if (isKubernetes) checker.checkKubernetes(spec);
  else checker.checkCalico(spec);
  return checker.findings;
}

/**
 * Checks Kubernetes NetworkPolicy and Calico NetworkPolicy/GlobalNetworkPolicy YAML (one or more
 * `---` documents) for what Windows nodes skip. Malformed YAML, non-object documents and unknown
 * kinds are UNPROCESSABLE_DOCUMENT (duplicate keys too); more than 1 MiB, 100 documents, 12,000 lines
 * and flow items, or 1,000 keys in one mapping is PAYLOAD_TOO_LARGE. Every check is linear in the text.
 */
export function checkPolicyForWindows(manifest: string): WindowsPolicyCheck {
  if (typeof manifest !== 'string') throw unprocessable('The manifest must be YAML text', { reason: 'NOT_TEXT' });
  const bytes = Buffer.byteLength(manifest, 'utf8');
  if (bytes > MAX_MANIFEST_BYTES) {
    throw new DomainError(
      ErrorCode.PAYLOAD_TOO_LARGE,
      `The manifest is ${bytes} bytes; at most ${MAX_MANIFEST_BYTES} (1 MiB) are checked`,
      { bytes, limit: MAX_MANIFEST_BYTES },
    );
  }
  const structure = countStructure(manifest);
  if (structure > MAX_MANIFEST_STRUCTURE) {
    throw new DomainError(
      ErrorCode.PAYLOAD_TOO_LARGE,
      `The manifest has ${structure} lines and flow items; at most ${MAX_MANIFEST_STRUCTURE} are checked`,
      { structure, limit: MAX_MANIFEST_STRUCTURE },
    );
  }
  const counter = new LineCounter();
  // uniqueKeys is off: the yaml package compares each key with every earlier one of its mapping
  // (20,000 keys took 5.5-7.7 s, 100,000 took 206 s); checkMappings finds duplicates in one pass.
  // merge is on: Kubernetes tooling (go-yaml, sigs.k8s.io/yaml) resolves YAML 1.1 `<<` merge keys
  // in every document, so a rule written as `- <<: {...}` is the rule Felix gets.
  // Tokenized first (without recursion), so that nesting too deep for the composer is refused before it recurses.
  const tokens = Array.from(new Parser(counter.addNewLine).parse(manifest));
  const nesting = nestingDepth(tokens);
  if (nesting.depth > MAX_NESTING_DEPTH) {
    const line = counter.linePos(nesting.offset).line;
    throw new DomainError(
      ErrorCode.PAYLOAD_TOO_LARGE,
      `The manifest nests mappings and sequences more than ${MAX_NESTING_DEPTH} deep (line ${line}); at most ${MAX_NESTING_DEPTH} levels are checked`,
      { line, limit: MAX_NESTING_DEPTH, reason: 'TOO_DEEP' },
    );
  }
  const all = Array.from(new Composer({ uniqueKeys: false, merge: true }).compose(tokens));
  // Documents that hold nothing (a leading or trailing `---`, comments only) are not counted.
  const documents = all.filter((d) => d.errors.length > 0 || !isBlank(d));
  if (documents.length === 0) throw unprocessable('The manifest holds no YAML document', { reason: 'EMPTY' });
  if (documents.length > MAX_DOCUMENTS) {
    throw new DomainError(
      ErrorCode.PAYLOAD_TOO_LARGE,
      `The manifest has ${documents.length} documents; at most ${MAX_DOCUMENTS} are checked`,
      { documents: documents.length, limit: MAX_DOCUMENTS },
    );
  }
  const findings: Finding[] = [];
  documents.forEach((document, index) => {
    const error = document.errors[0];
    if (error) {
      const line = error.linePos?.[0]?.line ?? counter.linePos(error.pos[0]).line;
      throw unprocessable(`Document ${index} is not valid YAML (line ${line}): ${error.message.split('\n')[0]}`, {
        documentIndex: index,
        line,
        reason: 'MALFORMED_YAML',
      });
    }
    const startLine = document.contents?.range ? counter.linePos(document.contents.range[0]).line : undefined;
    checkMappings(document, index, counter);
    // Scalars as Felix gets them through kubectl or calicoctl (sigs.k8s.io/yaml, go-yaml): `doNotTrack: yes` is true.
    readScalarsAsKubernetes(document);
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (e) {
      throw unprocessable(`Document ${index} cannot be read: ${(e as Error).message}`, {
        documentIndex: index,
        line: startLine,
        reason: 'MALFORMED_YAML',
      });
    }
    if (!isObject(value)) {
      throw unprocessable(`Document ${index} is not an object (a Kubernetes manifest is a mapping)`, {
        documentIndex: index,
        line: startLine,
        reason: 'NOT_AN_OBJECT',
      });
    }
    const locate = lineLocator(document, counter);
    const listKind = `${String(value.apiVersion)}/${String(value.kind)}`;
    if (listKind === 'v1/List' || TYPED_LISTS.has(listKind)) {
      // What `kubectl get networkpolicy -o yaml` (v1 List) and calicoctl (…List) print: each item is checked.
      if (!Array.isArray(value.items)) {
        throw unprocessable(`Document ${index}: items of the ${String(value.kind)} is not a list`, {
          documentIndex: index,
          line: startLine,
          reason: 'NOT_AN_OBJECT',
        });
      }
      const itemKind = TYPED_LISTS.get(listKind);
      value.items.forEach((item: unknown, itemIndex) => {
        const at: Segment[] = ['items', itemIndex];
        const where = { text: `Document ${index} item ${itemIndex}`, details: { documentIndex: index, itemIndex, line: locate(at) } };
        if (!isObject(item)) throw unprocessable(`${where.text} is not an object`, { ...where.details, reason: 'NOT_AN_OBJECT' });
        const typed = itemKind && item.apiVersion === undefined && item.kind === undefined ? { ...item, ...itemKind } : item;
        findings.push(...checkObject(typed, index, at, where, locate));
      });
      return;
    }
    findings.push(
      ...checkObject(value, index, [], { text: `Document ${index}`, details: { documentIndex: index, line: startLine } }, locate),
    );
  });
  return { documents: documents.length, findings, clean: findings.length === 0 };
}
