import { isJsonObject, parsePastedJson, requireTextWithin, shapeError } from '../../common/pasted-document.js';
import { parseIpv4Cidr } from '../../capacity/core/index.js';
import { parseIpv4Cidr as parseAnyIpv4Cidr } from '../../policies/core/parameter.validation.js';

/**
 * Files the EKS Windows log collector gathers (awslabs/amazon-eks-ami
 * log-collector-script/windows/eks-log-collector.ps1): the `Get-HnsPolicyList` output and the CNI's
 * `vpc-bridge.conf`. Read only for the facts diagnosis needs; nothing else is kept.
 */

export const ARTEFACT_MAX_BYTES = 512 * 1024;
export const LOG_COLLECTOR_SOURCE = 'awslabs/amazon-eks-ami log-collector-script/windows/eks-log-collector.ps1';

/**
 * Text as saved on a Windows node, made readable: Windows PowerShell's `>` and Out-File write UTF-16LE
 * (the collector saves `Get-hnspolicylist | Convertto-json -Depth 20 > ...\\network\\hns\\policy.txt`),
 * which decoded as UTF-8 leaves a NUL after every character and U+FFFD U+FFFD where its byte order mark
 * was; `-Encoding utf8` writes a BOM. NULs, that pair and a BOM go; nothing else changes.
 */
export function fromWindowsFile(text: string): string {
  const clean = text.includes('\u0000') ? text.replace(/\u0000/g, '').replace(/^\ufffd\ufffd/, '') : text;
  return clean.replace(/^\ufeff/, '');
}

export interface HnsPolicySummary {
  /** Policy-list entries read. */
  policies: number;
  /** Type=ELB entries: one per Service port (a load-balancer policy HNS programs). */
  elbPolicies: number;
  /** ELB entries with IsDSR=True. */
  dsrPolicies: number;
  /** DSR is on when every ELB policy has IsDSR=True (and there is at least one). */
  dsrEnabled: boolean;
  /** The line of the first ELB policy without DSR, quoted as the symptom. */
  firstNonDsrLine: string | null;
}

const ELB = /\bType"?\s*[:=]\s*"?ELB\b/i;
const DSR_ON = /\bIsDSR"?\s*[:=]\s*"?true\b/i;
const POLICIES_LINE = /^[ \t]*Policies[ \t]*:/im;
const NOT_A_POLICY_LIST =
  'expected Get-HnsPolicyList output: Format-List records with a `Policies : {...}` line, or the list piped through ConvertTo-Json';

/**
 * `Get-HnsPolicyList` as PowerShell prints it (Format-List records separated by blank lines, the
 * policies as `@{...; Type=ELB; ...}`), or piped through `ConvertTo-Json`.
 */
export function readHnsPolicyList(text: string, field = 'hnsPolicyList'): HnsPolicySummary {
  const raw = fromWindowsFile(requireTextWithin(text, field, ARTEFACT_MAX_BYTES));
  const trimmed = raw.trim();
  let records: string[];
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    // The same test as a Format-List record: a policy list is an object with a `Policies` key. JSON
    // carries no prompts or other noise between records, so every entry must be one.
    const doc = parsePastedJson(trimmed, field, ARTEFACT_MAX_BYTES);
    const list = Array.isArray(doc) ? doc : [doc];
    if (list.length === 0) throw shapeError(field, '$', `${NOT_A_POLICY_LIST}: the JSON array is empty`);
    list.forEach((entry, i) => {
      if (!isJsonObject(entry) || !Object.keys(entry).some((k) => k.toLowerCase() === 'policies')) {
        throw shapeError(
          field,
          Array.isArray(doc) ? `[${i}]` : '$',
          `${NOT_A_POLICY_LIST}: a policy list is an object with a Policies key`,
        );
      }
    });
    records = list.map((entry) => JSON.stringify(entry));
  } else {
    // A Format-List record of a policy list has a `Policies : {...}` line; other text is not one.
    records = raw.split(/\r?\n[ \t]*\r?\n/).filter((r) => POLICIES_LINE.test(r));
    if (records.length === 0) {
      throw shapeError(field, '$', NOT_A_POLICY_LIST);
    }
  }
  let elbPolicies = 0;
  let dsrPolicies = 0;
  let firstNonDsrLine: string | null = null;
  for (const record of records) {
    if (!ELB.test(record)) continue;
    elbPolicies++;
    if (DSR_ON.test(record)) dsrPolicies++;
    else if (firstNonDsrLine === null) {
      const line = record.split(/\r?\n/).find((l) => ELB.test(l) || /IsDSR/i.test(l)) ?? record;
      firstNonDsrLine = line.trim().slice(0, 300);
    }
  }
  return {
    policies: records.length,
    elbPolicies,
    dsrPolicies,
    dsrEnabled: elbPolicies > 0 && dsrPolicies === elbPolicies,
    firstNonDsrLine,
  };
}

export interface VpcBridgeSummary {
  /** The Service CIDR the node's CNI uses (`serviceCIDR`). */
  serviceCidr: string | null;
  /** The node's ENI address(es) (`eniIPAddresses`). */
  eniIpAddresses: string[];
  /** What the EKS Windows AMI picks without -ServiceCIDR: 172.20.0.0/16 for a 10.x primary IP, else 10.100.0.0/16. */
  defaultServiceCidr: string | null;
  dnsServers: string[];
}

function findKey(value: unknown, key: string, depth = 0): unknown {
  if (depth > 8) return undefined;
  if (Array.isArray(value)) {
    for (const v of value) {
      const found = findKey(v, key, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (!isJsonObject(value)) return undefined;
  for (const [k, v] of Object.entries(value)) if (k.toLowerCase() === key.toLowerCase()) return v;
  for (const v of Object.values(value)) {
    const found = findKey(v, key, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The default Service CIDR of an EKS Windows node from its primary IP (UG eks-optimized-windows-ami). */
export function defaultWindowsServiceCidr(primaryIp: string): { serviceCidr: string; dnsClusterIp: string } {
  return primaryIp.trim().startsWith('10.')
    ? { serviceCidr: '172.20.0.0/16', dnsClusterIp: '172.20.0.10' }
    : { serviceCidr: '10.100.0.0/16', dnsClusterIp: '10.100.0.10' };
}

export function readVpcBridgeConf(text: string, field = 'vpcBridgeConf'): VpcBridgeSummary {
  const doc = parsePastedJson(fromWindowsFile(requireTextWithin(text, field, ARTEFACT_MAX_BYTES)), field, ARTEFACT_MAX_BYTES);
  if (!isJsonObject(doc)) throw shapeError(field, '$', 'expected the vpc-bridge CNI configuration (a JSON object)');
  const service = findKey(doc, 'serviceCIDR');
  const enis = findKey(doc, 'eniIPAddresses');
  if (service === undefined && enis === undefined) {
    throw shapeError(field, '$', 'expected the vpc-bridge CNI configuration: a JSON object with serviceCIDR or eniIPAddresses');
  }
  if (service !== undefined && (typeof service !== 'string' || parseAnyIpv4Cidr(service.trim()) === undefined)) {
    throw shapeError(field, 'serviceCIDR', `expected an IPv4 CIDR like 10.100.0.0/16, not ${JSON.stringify(service).slice(0, 60)}`);
  }
  const eniIpAddresses = (Array.isArray(enis) ? enis : typeof enis === 'string' ? [enis] : []).filter(
    (x): x is string => typeof x === 'string',
  );
  const dns = findKey(doc, 'nameservers');
  const dnsServers = (Array.isArray(dns) ? dns : []).filter((x): x is string => typeof x === 'string');
  const primary = eniIpAddresses[0]?.split('/')[0] ?? null;
  return {
    serviceCidr: typeof service === 'string' ? service.trim() : null,
    eniIpAddresses,
    defaultServiceCidr: primary ? defaultWindowsServiceCidr(primary).serviceCidr : null,
    dnsServers,
  };
}

/** Whether two Service CIDRs are the same block (both parsed, so 172.20.0.0/16 equals " 172.20.0.0/16"). */
export function sameCidr(a: string, b: string): boolean {
  try {
    return parseIpv4Cidr(a).cidr === parseIpv4Cidr(b).cidr;
  } catch {
    return a.trim() === b.trim();
  }
}
