import type { InstanceTypeFacts } from '../../catalog/core/instance-type.facts.js';
import { validationError } from '../../common/domain-error.js';
import { requireTextWithin } from '../../common/pasted-document.js';
import {
  parseKubernetesMinor,
  WINDOWS_SERVICES_PER_NODE_LIMIT,
  type IpMode,
  type WindowsServerVersion,
} from '../../capacity/core/index.js';
import {
  DIAGNOSIS_RULES,
  DIAGNOSIS_SOURCES,
  dsrFlagLines,
  pasteOperatingSystems,
  type DiagnosisContext,
  type DiagnosisFix,
  type DiagnosisRule,
} from './diagnosis.rules.js';
import {
  fromWindowsFile,
  LOG_COLLECTOR_SOURCE,
  readHnsPolicyList,
  readVpcBridgeConf,
  sameCidr,
  type HnsPolicySummary,
  type VpcBridgeSummary,
} from './log-collector.artefacts.js';
import { readVpcCniConfigMap } from './vpc-cni-configmap.js';
import { repeatDetail, repeatReader, type RepeatForm } from './event-repeats.js';

/**
 * Diagnosis: pasted events and log lines (as `kubectl describe`, `kubectl get events` and the
 * controller or kubelet logs print them) matched against the rule table, plus what the EKS Windows
 * log collector's files say. Unknown text gives no finding, never an error. Nothing is kept.
 */

export const DIAGNOSIS_LIMITS = { textBytes: 512 * 1024, lines: 10_000, lineLength: 8_192, symptomLength: 400 } as const;

export interface DiagnosisInput {
  text?: string;
  instanceType?: string;
  ipMode?: IpMode;
  vpcCniConfigMap?: string;
  kubernetesVersion?: string;
  windowsServerVersion?: WindowsServerVersion;
  servicesPerNode?: number;
  kubeletMaxPods?: number;
  /** The cluster's Service CIDR (aws eks describe-cluster ... kubernetesNetworkConfig.serviceIpv4Cidr). */
  serviceIpv4Cidr?: string;
  hnsPolicyList?: string;
  vpcBridgeConf?: string;
}

/**
 * A diagnosis request as the core takes it: the caller has resolved the instance type named to its
 * catalog facts and passes the catalog by name for the types the pasted text names.
 */
export interface DiagnosisRequest extends Omit<DiagnosisInput, 'instanceType'> {
  /** The instance type named (trimmed, never empty) and its facts, null when the catalog does not know it. */
  instanceType?: { name: string; facts: InstanceTypeFacts | null };
  /** The catalog's types by name (empty while none is loaded). */
  catalog: ReadonlyMap<string, InstanceTypeFacts>;
}

export interface DiagnosisFinding {
  code: string;
  /**
   * The line that matched, as pasted (trimmed; without NULs and ANSI escape codes), or the artefact fact.
   * At most 400 characters: a longer line is quoted from a little before the match.
   */
  symptom: string;
  /** 1-based line of the first match in the pasted text; null for artefact findings. */
  line: number | null;
  /**
   * Events the matching lines stand for: a line kubectl printed for a repeated event counts as its
   * "(xN over ...)", COUNT column, or count / series.count (event-repeats.ts); any other line counts 1.
   */
  occurrences: number;
  cause: string;
  checks: string[];
  fix: DiagnosisFix;
  source: string;
  /** What the facts make certain: capacity formulas, flags, builds. */
  details: string[];
}

export interface ServiceCidrCheck extends VpcBridgeSummary {
  clusterServiceCidr: string | null;
  /** null when the cluster's Service CIDR was not given. */
  matches: boolean | null;
}

export interface HnsPolicyCheck extends HnsPolicySummary {
  servicesLimit: number;
  /** ELB policies above the limit without DSR. */
  exhaustionRisk: boolean;
}

export interface Diagnosis {
  findings: DiagnosisFinding[];
  linesRead: number;
  hnsPolicies: HnsPolicyCheck | null;
  serviceCidr: ServiceCidrCheck | null;
}

function buildContext(input: DiagnosisRequest): DiagnosisContext {
  if (input.kubernetesVersion !== undefined) parseKubernetesMinor(input.kubernetesVersion);
  return {
    instanceType: input.instanceType?.facts ?? null,
    instanceTypeName: input.instanceType?.name ?? null,
    ipMode: input.ipMode ?? null,
    configMap:
      input.vpcCniConfigMap !== undefined && input.vpcCniConfigMap.trim() !== '' ? readVpcCniConfigMap(input.vpcCniConfigMap) : null,
    kubernetesVersion: input.kubernetesVersion ?? null,
    windowsServerVersion: input.windowsServerVersion ?? null,
    servicesPerNode: input.servicesPerNode ?? null,
    kubeletMaxPods: input.kubeletMaxPods ?? null,
    catalog: input.catalog,
  };
}

/**
 * The pasted text as lines, read as a person reads it: PowerShell 5.1's Out-File and `>` write
 * UTF-16LE, which decoded as UTF-8 leaves a NUL after every character (and U+FFFD U+FFFD where its byte
 * order mark was), so NULs and that leading pair go; a UTF-8 or UTF-16 BOM goes; ANSI escape codes
 * (colour, bold) go; CRLF, LF and a bare CR each end a line.
 */
export function pastedLines(text: string): string[] {
  const clean = fromWindowsFile(text).replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '');
  return clean.replace(/(?:\r\n|\r|\n)$/, '').split(/\r\n|\r|\n/);
}

/** Overlap of the windows a long line is read in: longer than any symptom a rule matches. */
const WINDOW_OVERLAP = 1_024;
/** Stands for "more of the line" at a window's cut edges, so `^` and `$` match only at the line's own ends. */
const CUT = '\u0001';

/**
 * The rule's first match in the line and where it starts. A long line (a JSON log line carrying every
 * instance type tried) is read in overlapping windows of `lineLength`, so the cost stays linear and a
 * symptom past the first window is still found.
 */
function matchLine(pattern: RegExp, line: string): { match: RegExpExecArray; index: number } | null {
  const size = DIAGNOSIS_LIMITS.lineLength;
  if (line.length <= size) {
    const match = pattern.exec(line);
    return match ? { match, index: match.index } : null;
  }
  for (let start = 0; ; start += size - WINDOW_OVERLAP) {
    const end = Math.min(line.length, start + size);
    const lead = start > 0 ? CUT : '';
    const match = pattern.exec(lead + line.slice(start, end) + (end < line.length ? CUT : ''));
    if (match) return { match, index: start + Math.max(0, match.index - lead.length) };
    if (end === line.length) return null;
  }
}

/** The line quoted: whole when short, else the part that starts a little before the match. */
function quote(line: string, index: number): string {
  const max = DIAGNOSIS_LIMITS.symptomLength;
  const trimmed = line.trim();
  if (trimmed.length <= max) return trimmed;
  const from = index < max / 2 ? 0 : index - 80;
  return line.slice(from, from + max).trim();
}

/** At most this many continuation lines are joined to a folded YAML message. */
const FOLD_LINES = 40;
/** A YAML `message:` (core/v1 events, conditions) or `note:` (events.k8s.io/v1) key with a value on its line. */
const YAML_MESSAGE = /^(\s*)(?:-\s+)?(?:message|note):[ \t]+\S/;

/**
 * The lines as rules read them: kubectl -o yaml folds a long message over lines indented below its key
 * (and a scalar key has no children, so every deeper line continues it), which would split a symptom
 * such as "pod does not have label vpc.amazonaws.com/PrivateIPv4Address" in two; such a message is
 * read as one line, numbered as its key line.
 */
export function logicalLines(lines: readonly string[]): { text: string; index: number }[] {
  const out: { text: string; index: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const key = YAML_MESSAGE.exec(lines[i]);
    let j = i + 1;
    if (key) {
      const indent = key[1].length;
      while (j < lines.length && j - i <= FOLD_LINES && lines[j].trim() !== '' && lines[j].length - lines[j].trimStart().length > indent)
        j++;
    }
    out.push({ text: j > i + 1 ? [lines[i], ...lines.slice(i + 1, j).map((l) => l.trim())].join(' ') : lines[i], index: i });
    i = j - 1;
  }
  return out;
}

function matchRules(
  text: string,
  context: DiagnosisContext,
  rules: readonly DiagnosisRule[],
): { findings: DiagnosisFinding[]; linesRead: number } {
  const lines = pastedLines(text);
  if (lines.length > DIAGNOSIS_LIMITS.lines) {
    throw validationError('text', 'max-lines', `text has ${lines.length} lines; at most ${DIAGNOSIS_LIMITS.lines} are read`);
  }
  const os = pasteOperatingSystems(lines);
  const linuxOnly = os.has('linux') && !os.has('windows');
  const byCode = new Map<string, DiagnosisFinding>();
  const repeats = repeatReader(lines);
  const tally = new Map<string, { lines: number; forms: Set<RepeatForm> }>();
  for (const { text: line, index } of logicalLines(lines)) {
    for (const rule of rules) {
      if (linuxOnly && rule.windowsOnly) continue;
      const found = matchLine(rule.pattern, line);
      if (!found) continue;
      const repeat = repeats.repeatOf(index, found.index);
      const seen = byCode.get(rule.code);
      const counted = tally.get(rule.code) ?? { lines: 0, forms: new Set<RepeatForm>() };
      counted.lines++;
      if (repeat.form) counted.forms.add(repeat.form);
      tally.set(rule.code, counted);
      if (seen) {
        seen.occurrences += repeat.count;
        continue;
      }
      const explained = rule.explain?.(context, found.match) ?? { details: [] };
      byCode.set(rule.code, {
        code: rule.code,
        symptom: quote(line, found.index),
        line: index + 1,
        occurrences: repeat.count,
        cause: explained.cause ?? rule.cause,
        checks: [...rule.checks],
        fix: { ...(explained.fix ?? rule.fix) },
        source: rule.source,
        details: explained.details,
      });
    }
  }
  for (const finding of byCode.values()) {
    const counted = tally.get(finding.code)!;
    const detail = repeatDetail(counted.lines, finding.occurrences, counted.forms);
    if (detail) finding.details.push(detail);
  }
  return { findings: [...byCode.values()].sort((a, b) => (a.line ?? 0) - (b.line ?? 0)), linesRead: text === '' ? 0 : lines.length };
}

function checkHns(summary: HnsPolicySummary, context: DiagnosisContext): { check: HnsPolicyCheck; finding: DiagnosisFinding | null } {
  const exhaustionRisk = summary.elbPolicies > WINDOWS_SERVICES_PER_NODE_LIMIT && !summary.dsrEnabled;
  const check: HnsPolicyCheck = { ...summary, servicesLimit: WINDOWS_SERVICES_PER_NODE_LIMIT, exhaustionRisk };
  if (!exhaustionRisk) return { check, finding: null };
  const details = [
    `ELB policies = ${summary.elbPolicies} (one per Service port) > ${WINDOWS_SERVICES_PER_NODE_LIMIT}; with IsDSR=True: ${summary.dsrPolicies}`,
    ...dsrFlagLines(context),
  ];
  return {
    check,
    finding: {
      code: 'HNS_ELB_POLICIES_WITHOUT_DSR',
      symptom: `Get-HnsPolicyList: ${summary.elbPolicies} ELB policies, ${summary.dsrPolicies} with IsDSR=True${summary.firstNonDsrLine ? ` (${summary.firstNonDsrLine})` : ''}`,
      line: null,
      occurrences: 1,
      cause:
        'The node programs more than 100 Service load-balancer policies without Direct Server Return: HNS runs out of ports ("hcnCreateLoadBalancer failed in Win32: The specified port already exists").',
      checks: [
        'kubectl get services -A --no-headers | wc -l',
        'The kube-proxy arguments on the node (Get-CimInstance Win32_Service -Filter "Name=\'kube-proxy\'").',
      ],
      fix: {
        text: 'Turn on DSR in kube-proxy through -KubeProxyExtraArgs, then replace the nodes.',
        templateId: 'windows-userdata-bootstrap-dsr',
      },
      source: `${DIAGNOSIS_SOURCES.BPG_WINDOWS_NETWORKING}; ${LOG_COLLECTOR_SOURCE}`,
      details,
    },
  };
}

function checkServiceCidr(
  summary: VpcBridgeSummary,
  clusterCidr: string | null,
): { check: ServiceCidrCheck; finding: DiagnosisFinding | null } {
  const matches = clusterCidr && summary.serviceCidr ? sameCidr(summary.serviceCidr, clusterCidr) : null;
  const check: ServiceCidrCheck = { ...summary, clusterServiceCidr: clusterCidr, matches };
  if (matches !== false) return { check, finding: null };
  const primary = summary.eniIpAddresses[0] ?? 'unknown';
  return {
    check,
    finding: {
      code: 'WINDOWS_SERVICE_CIDR_MISMATCH',
      symptom: `vpc-bridge.conf: "serviceCIDR": "${summary.serviceCidr}" (cluster: ${clusterCidr})`,
      line: null,
      occurrences: 1,
      cause:
        `The Windows node uses Service CIDR ${summary.serviceCidr} but the cluster's is ${clusterCidr}: Services and DNS break on the node. ` +
        `Without -ServiceCIDR the EKS Windows AMI picks it from the node's primary IP (${primary}: ${summary.defaultServiceCidr ?? 'unknown'}).`,
      checks: [
        'aws eks describe-cluster --name <cluster> --query cluster.kubernetesNetworkConfig.serviceIpv4Cidr',
        "The Start-EKSBootstrap.ps1 call in the node's userdata: -ServiceCIDR and -DNSClusterIP.",
      ],
      fix: {
        text: `Pass -ServiceCIDR ${clusterCidr} and -DNSClusterIP (the kube-dns Service IP, usually .10 of it) to Start-EKSBootstrap.ps1 (Karpenter: set SERVICE_IPV4_CIDR in userData).`,
        templateId: 'windows-userdata-bootstrap-dsr',
      },
      source: `${DIAGNOSIS_SOURCES.UG_WINDOWS_AMI}; ${LOG_COLLECTOR_SOURCE}`,
      details: [],
    },
  };
}

export function diagnose(input: DiagnosisRequest, rules: readonly DiagnosisRule[] = DIAGNOSIS_RULES): Diagnosis {
  const text = input.text === undefined ? '' : requireTextWithin(input.text, 'text', DIAGNOSIS_LIMITS.textBytes);
  const context = buildContext(input);
  const { findings, linesRead } = matchRules(text, context, rules);
  let hnsPolicies: HnsPolicyCheck | null = null;
  if (input.hnsPolicyList !== undefined && input.hnsPolicyList.trim() !== '') {
    const hns = checkHns(readHnsPolicyList(input.hnsPolicyList), context);
    hnsPolicies = hns.check;
    if (hns.finding) findings.push(hns.finding);
  }
  let serviceCidr: ServiceCidrCheck | null = null;
  if (input.vpcBridgeConf !== undefined && input.vpcBridgeConf.trim() !== '') {
    const bridge = checkServiceCidr(readVpcBridgeConf(input.vpcBridgeConf), input.serviceIpv4Cidr?.trim() || null);
    serviceCidr = bridge.check;
    if (bridge.finding) findings.push(bridge.finding);
  }
  return { findings, linesRead, hnsPolicies, serviceCidr };
}
