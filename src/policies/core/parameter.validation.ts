import { DomainError, ErrorCode, validationError } from '../../common/domain-error.js';
import type { JsonValue, ParameterFormat, TemplateParameter } from './policy-template.model.js';
import { INSTANCE_TYPE_NAME_MAX_LENGTH, REGION_NAME } from '../../common/aws-names.js';
import { parseEksServiceCidr } from '../../capacity/core/ipv4-cidr.js';

/**
 * Strict parameter checks. Every failure is `validationError(parameterName, RULE, message)`, the rule
 * being one of the names below, so a client can tell which parameter broke which rule.
 * Name rules follow k8s.io/apimachinery pkg/util/validation/validation.go.
 */
export const ParameterRule = {
  NOT_AN_OBJECT: 'NOT_AN_OBJECT',
  UNKNOWN_PARAMETER: 'UNKNOWN_PARAMETER',
  REQUIRED: 'REQUIRED',
  TYPE: 'TYPE',
  ENUM: 'ENUM',
  RANGE: 'RANGE',
  ITEM_COUNT: 'ITEM_COUNT',
  DUPLICATE_ITEM: 'DUPLICATE_ITEM',
  LENGTH: 'LENGTH',
  RFC1123_LABEL: 'RFC1123_LABEL',
  RFC1123_SUBDOMAIN: 'RFC1123_SUBDOMAIN',
  LABEL_KEY: 'LABEL_KEY',
  LABEL_VALUE: 'LABEL_VALUE',
  LABEL_COUNT: 'LABEL_COUNT',
  IPV4_CIDR: 'IPV4_CIDR',
  CIDR_HOST_BITS: 'CIDR_HOST_BITS',
  EKS_SERVICE_CIDR: 'EKS_SERVICE_CIDR',
  OUTSIDE_SERVICE_CIDR: 'OUTSIDE_SERVICE_CIDR',
  IPV4_ADDRESS: 'IPV4_ADDRESS',
  PORT_RANGE: 'PORT_RANGE',
  KUBERNETES_VERSION: 'KUBERNETES_VERSION',
  INSTANCE_TYPE: 'INSTANCE_TYPE',
  AWS_REGION: 'AWS_REGION',
  EKSCTL_CLUSTER_NAME: 'EKSCTL_CLUSTER_NAME',
  IAM_ROLE_NAME: 'IAM_ROLE_NAME',
  HTTPS_URL: 'HTTPS_URL',
  BASE64: 'BASE64',
  KUBELET_FLAGS: 'KUBELET_FLAGS',
  TEXT: 'TEXT',
} as const;
export type ParameterRule = (typeof ParameterRule)[keyof typeof ParameterRule];

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const IPV4_OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${IPV4_OCTET}(\\.${IPV4_OCTET}){3}$`);
const KUBERNETES_VERSION = /^1\.(0|[1-9]\d?)$/;
const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9-]+$/;
// eksctl: cluster names start with a letter, then letters, digits and hyphens, at most 100 characters.
const EKSCTL_CLUSTER_NAME = /^[A-Za-z][-A-Za-z0-9]{0,99}$/;
// IAM CreateRole RoleName: pattern [\w+=,.@-]+, 1 to 64 characters (the Karpenter CRD refuses an empty role).
const IAM_ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const HTTPS_URL = /^https:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._~\/-]*)?$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const KUBELET_FLAG = /^--[a-z0-9][a-z0-9-]*(=[A-Za-z0-9_.,:=\/-]*)?$/;
// No control characters and no quotes that could break out of a YAML scalar or a PowerShell string.
const TEXT = /^[^\u0000-\u001f\u007f'"`$]*$/;

const MAX_STRING_LENGTH = 1024;
/**
 * Longest base64 value (base64ClusterCA). EKS DescribeCluster's certificateAuthority.data is the base64 of the
 * cluster CA's PEM (https://docs.aws.amazon.com/eks/latest/APIReference/API_Certificate.html): 1,424 characters
 * for the 2048-bit RSA CA a cluster gets, which the 1,024 of other strings refused. 8 KiB leaves room for larger
 * keys and stays well below EC2's 16 KB of user data (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html).
 */
const MAX_BASE64_LENGTH = 8192;

/** The length check every string of a format passes first. */
function stringLengthLimit(format: ParameterFormat | undefined): number {
  return format === 'base64' ? MAX_BASE64_LENGTH : MAX_STRING_LENGTH;
}
/**
 * Most labels in one label map. Kubernetes sets no count (only each key's and value's length,
 * kubernetes/apimachinery pkg/util/validation/validation.go); 64 is more than any selector here needs,
 * and without a bound a map of 100,000 labels was checked and rendered into the answer.
 */
export const MAX_LABELS = 64;

/** Longest value a string format allows, where it is shorter than its length check (the regexes and checks above). */
const FORMAT_MAX_LENGTH: Partial<Record<ParameterFormat, number>> = {
  'dns-label': 63,
  'dns-subdomain': 253,
  'instance-type': INSTANCE_TYPE_NAME_MAX_LENGTH,
  'eksctl-cluster-name': 100,
  'iam-role-name': 64,
  'ipv4-cidr': 18,
  'eks-service-cidr': 18,
  'ipv4-address': 15,
  'kubernetes-version': 4,
};

/** A label value's longest length (kubernetes/apimachinery pkg/util/validation/validation.go, LabelValueMaxLength). */
const LABEL_VALUE_MAX_LENGTH = 63;

/**
 * The longest string a parameter accepts, as its descriptor publishes it: the value of a string, each item of a
 * string[], each label value of a label map (object) or of each map of an object[]; null for other types and for
 * closed sets (enum). The same bounds resolveParameters enforces, so a client can refuse a 100 kB label first.
 */
export function parameterMaxLength(parameter: TemplateParameter): number | null {
  if (parameter.enum) return null;
  if (parameter.type === 'string' || parameter.type === 'string[]') {
    const limit = stringLengthLimit(parameter.format);
    return Math.min(limit, (parameter.format && FORMAT_MAX_LENGTH[parameter.format]) || limit);
  }
  if (parameter.type === 'object' || parameter.type === 'object[]') return LABEL_VALUE_MAX_LENGTH;
  return null;
}

export function isDns1123Label(value: string): boolean {
  return value.length <= 63 && DNS1123_LABEL.test(value);
}

export function isDns1123Subdomain(value: string): boolean {
  return value.length <= 253 && DNS1123_SUBDOMAIN.test(value);
}

/** A label key: optional DNS-subdomain prefix and '/', then a name of at most 63 characters. */
export function isLabelKey(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && !isDns1123Subdomain(prefix)) return false;
  return name.length > 0 && name.length <= 63 && QUALIFIED_NAME_PART.test(name);
}

export function isLabelValue(value: string): boolean {
  return value.length <= LABEL_VALUE_MAX_LENGTH && LABEL_VALUE.test(value);
}

/** Parses `a.b.c.d/p`; returns the address as a 32-bit number and the prefix, or undefined. */
export function parseIpv4Cidr(value: string): { address: number; prefix: number } | undefined {
  const match = /^([0-9.]+)\/(\d{1,2})$/.exec(value);
  if (!match || !IPV4.test(match[1]!)) return undefined;
  const prefix = Number(match[2]);
  if (prefix > 32) return undefined;
  const address = match[1]!.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
  return { address, prefix };
}

/** The canonical form of an IPv4 CIDR (host bits cleared). */
export function canonicalIpv4Cidr(address: number, prefix: number): string {
  const size = 2 ** (32 - prefix);
  const network = Math.floor(address / size) * size;
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256);
  return `${octets.join('.')}/${prefix}`;
}

/**
 * A kube-dns ClusterIP given with the Service CIDR must lie inside it (Services get their ClusterIPs from
 * that range); a node told otherwise resolves names through an address no Service holds. Both already valid.
 */
export function requireDnsClusterIpInServiceCidr(dnsParameter: string, dns: string, cidrParameter: string, cidr: string): void {
  const range = parseIpv4Cidr(cidr)!;
  const address = parseIpv4Cidr(`${dns}/32`)!.address;
  const size = 2 ** (32 - range.prefix);
  if (address < range.address || address >= range.address + size) {
    fail(
      dnsParameter,
      ParameterRule.OUTSIDE_SERVICE_CIDR,
      `${dns} is not inside ${cidrParameter} ${cidr}, the range Service ClusterIPs come from`,
    );
  }
}

/** `"1.33"` -> 33. Only call on a validated version. */
export function kubernetesMinor(version: string): number {
  return Number(version.split('.')[1]);
}

/** Longest part of a given value an error message quotes. */
const QUOTED_MAX = 64;

/**
 * A given value as an error message quotes it: whole when short, else its first characters and its length, so a
 * 100 kB label value or id is refused with a short message instead of being sent back whole.
 */
export function quoted(value: string): string {
  return value.length <= QUOTED_MAX ? `"${value}"` : `"${value.slice(0, QUOTED_MAX)}…" (${value.length} characters)`;
}

function fail(parameter: string, rule: ParameterRule, message: string): never {
  throw validationError(parameter, rule, `Parameter "${parameter}": ${message}`);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && !Number.isInteger(value)) return 'non-integer number';
  return typeof value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkString(parameter: string, format: ParameterFormat | undefined, value: string, where: string): void {
  const limit = stringLengthLimit(format);
  if (value.length > limit) {
    fail(parameter, ParameterRule.LENGTH, `${where}is ${value.length} characters long, at most ${limit} allowed`);
  }
  switch (format) {
    case undefined:
    case 'text':
      if (!TEXT.test(value)) {
        fail(parameter, ParameterRule.TEXT, `${where}must be one line without quotes, backticks, "$" or control characters`);
      }
      return;
    case 'dns-label':
      if (!isDns1123Label(value)) {
        fail(
          parameter,
          ParameterRule.RFC1123_LABEL,
          `${where}${quoted(value)} is not an RFC 1123 label (lower-case alphanumerics and "-", starting and ending alphanumeric, at most 63 characters)`,
        );
      }
      return;
    case 'dns-subdomain':
      if (!isDns1123Subdomain(value)) {
        fail(
          parameter,
          ParameterRule.RFC1123_SUBDOMAIN,
          `${where}${quoted(value)} is not an RFC 1123 subdomain (lower-case alphanumerics, "-" and ".", at most 253 characters)`,
        );
      }
      return;
    case 'ipv4-cidr': {
      const cidr = parseIpv4Cidr(value);
      if (!cidr) {
        const hint = value.includes(':')
          ? ' (IPv6 is not available to Windows pods on EKS: IPv6 clusters do not support Windows nodes)'
          : '';
        fail(parameter, ParameterRule.IPV4_CIDR, `${where}${quoted(value)} is not an IPv4 CIDR like 10.0.0.0/16${hint}`);
      }
      const canonical = canonicalIpv4Cidr(cidr.address, cidr.prefix);
      if (canonical !== value) {
        fail(
          parameter,
          ParameterRule.CIDR_HOST_BITS,
          `${where}${quoted(value)} has host bits set; write the network address "${canonical}"`,
        );
      }
      return;
    }
    case 'eks-service-cidr':
      checkString(parameter, 'ipv4-cidr', value, where);
      try {
        parseEksServiceCidr(value, parameter);
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        fail(parameter, ParameterRule.EKS_SERVICE_CIDR, `${where}${e.message.replace(`${parameter}: `, '')}`);
      }
      return;
    case 'ipv4-address':
      if (!IPV4.test(value)) fail(parameter, ParameterRule.IPV4_ADDRESS, `${where}${quoted(value)} is not an IPv4 address`);
      return;
    case 'kubernetes-version':
      if (!KUBERNETES_VERSION.test(value)) {
        fail(parameter, ParameterRule.KUBERNETES_VERSION, `${where}${quoted(value)} is not a Kubernetes minor version like "1.33"`);
      }
      return;
    case 'instance-type':
      if (!INSTANCE_TYPE.test(value) || value.length > INSTANCE_TYPE_NAME_MAX_LENGTH) {
        fail(
          parameter,
          ParameterRule.INSTANCE_TYPE,
          `${where}${quoted(value)} is not an EC2 instance type like "m5.large" (family.size, at most ${INSTANCE_TYPE_NAME_MAX_LENGTH} characters)`,
        );
      }
      return;
    case 'aws-region':
      if (!REGION_NAME.test(value))
        fail(parameter, ParameterRule.AWS_REGION, `${where}${quoted(value)} is not an AWS region like "us-east-1"`);
      return;
    case 'eksctl-cluster-name':
      if (!EKSCTL_CLUSTER_NAME.test(value)) {
        fail(
          parameter,
          ParameterRule.EKSCTL_CLUSTER_NAME,
          `${where}${quoted(value)} is not a valid EKS cluster name (a letter, then letters, digits and "-", at most 100 characters)`,
        );
      }
      return;
    case 'iam-role-name':
      if (!IAM_ROLE_NAME.test(value)) {
        fail(
          parameter,
          ParameterRule.IAM_ROLE_NAME,
          `${where}${quoted(value)} is not an IAM role name (1 to 64 letters, digits and +=,.@_-)`,
        );
      }
      return;
    case 'https-url':
      if (!HTTPS_URL.test(value)) fail(parameter, ParameterRule.HTTPS_URL, `${where}${quoted(value)} is not an https:// URL`);
      return;
    case 'base64':
      if (!BASE64.test(value) || value.length % 4 !== 0) {
        fail(parameter, ParameterRule.BASE64, `${where}is not base64 (A-Z, a-z, 0-9, "+", "/", "=" padding, length a multiple of 4)`);
      }
      return;
    case 'kubelet-flags':
      for (const token of value.split(' ').filter((t) => t.length > 0)) {
        if (!KUBELET_FLAG.test(token)) {
          fail(
            parameter,
            ParameterRule.KUBELET_FLAGS,
            `${where}${quoted(token)} is not a flag of the form --name=value (no quotes or spaces inside values)`,
          );
        }
      }
      return;
    case 'labels':
    case 'port':
      throw new DomainError(ErrorCode.INTERNAL, `format ${format} is not a string format (parameter ${parameter})`);
  }
}

function checkInteger(spec: TemplateParameter, value: number, where: string): void {
  if (spec.format === 'port' && (value < 1 || value > 65535)) {
    fail(spec.name, ParameterRule.PORT_RANGE, `${where}${value} is not a port number (1-65535)`);
  }
  if ((spec.minimum !== undefined && value < spec.minimum) || (spec.maximum !== undefined && value > spec.maximum)) {
    fail(spec.name, ParameterRule.RANGE, `${where}${value} is outside ${spec.minimum ?? '-inf'}..${spec.maximum ?? '+inf'}`);
  }
}

function checkLabels(parameter: string, value: Record<string, unknown>, where: string): void {
  const count = Object.keys(value).length;
  if (count > MAX_LABELS) fail(parameter, ParameterRule.LABEL_COUNT, `${where}has ${count} labels, at most ${MAX_LABELS} allowed`);
  for (const [key, labelValue] of Object.entries(value)) {
    if (!isLabelKey(key)) {
      fail(
        parameter,
        ParameterRule.LABEL_KEY,
        `${where}label key ${quoted(key)} is not a valid label key ([prefix/]name, name at most 63 alphanumerics, "-", "_", ".")`,
      );
    }
    if (typeof labelValue !== 'string') {
      fail(parameter, ParameterRule.TYPE, `${where}label ${quoted(key)} must have a string value, got ${typeName(labelValue)}`);
    }
    if (!isLabelValue(labelValue)) {
      fail(
        parameter,
        ParameterRule.LABEL_VALUE,
        `${where}label value ${quoted(labelValue)} of ${quoted(key)} is not a valid label value (at most 63 alphanumerics, "-", "_", ".", starting and ending alphanumeric)`,
      );
    }
  }
}

function checkItemCount(spec: TemplateParameter, items: unknown[]): void {
  if ((spec.minItems !== undefined && items.length < spec.minItems) || (spec.maxItems !== undefined && items.length > spec.maxItems)) {
    fail(spec.name, ParameterRule.ITEM_COUNT, `has ${items.length} items, expected ${spec.minItems ?? 0}..${spec.maxItems ?? 'any'}`);
  }
}

function checkNoDuplicates(spec: TemplateParameter, items: unknown[]): void {
  const seen = new Set<string>();
  for (const [index, item] of items.entries()) {
    const key = JSON.stringify(item);
    if (seen.has(key))
      fail(spec.name, ParameterRule.DUPLICATE_ITEM, `item [${index}] ${key.length <= QUOTED_MAX ? key : quoted(key)} is listed twice`);
    seen.add(key);
  }
}

/** Checks one parameter value against its declaration. */
export function checkParameterValue(spec: TemplateParameter, value: unknown): void {
  const name = spec.name;
  switch (spec.type) {
    case 'string':
      if (typeof value !== 'string') fail(name, ParameterRule.TYPE, `must be a string, got ${typeName(value)}`);
      if (spec.enum && !spec.enum.includes(value)) {
        fail(name, ParameterRule.ENUM, `${quoted(value)} is not one of ${spec.enum.map((e) => `"${e}"`).join(', ')}`);
      }
      if (!spec.enum) checkString(name, spec.format, value, '');
      return;
    case 'integer':
      if (typeof value !== 'number' || !Number.isSafeInteger(value))
        fail(name, ParameterRule.TYPE, `must be an integer, got ${typeName(value)}`);
      checkInteger(spec, value, '');
      return;
    case 'boolean':
      if (typeof value !== 'boolean') fail(name, ParameterRule.TYPE, `must be a boolean, got ${typeName(value)}`);
      return;
    case 'string[]':
      if (!Array.isArray(value)) fail(name, ParameterRule.TYPE, `must be an array of strings, got ${typeName(value)}`);
      checkItemCount(spec, value);
      value.forEach((item, index) => {
        if (typeof item !== 'string') fail(name, ParameterRule.TYPE, `item [${index}] must be a string, got ${typeName(item)}`);
        if (spec.enum && !spec.enum.includes(item))
          fail(name, ParameterRule.ENUM, `item [${index}] ${quoted(item)} is not one of ${spec.enum.join(', ')}`);
        if (!spec.enum) checkString(name, spec.format, item, `item [${index}] `);
      });
      checkNoDuplicates(spec, value);
      return;
    case 'integer[]':
      if (!Array.isArray(value)) fail(name, ParameterRule.TYPE, `must be an array of integers, got ${typeName(value)}`);
      checkItemCount(spec, value);
      value.forEach((item, index) => {
        if (typeof item !== 'number' || !Number.isSafeInteger(item))
          fail(name, ParameterRule.TYPE, `item [${index}] must be an integer, got ${typeName(item)}`);
        checkInteger(spec, item, `item [${index}] `);
      });
      checkNoDuplicates(spec, value);
      return;
    case 'object':
      if (!isPlainObject(value)) fail(name, ParameterRule.TYPE, `must be an object of label key to value, got ${typeName(value)}`);
      // An empty selector selects everything (k8s.io/apimachinery LabelSelector): a required one must name a label.
      if (spec.required && Object.keys(value).length === 0) {
        fail(name, ParameterRule.LABEL_COUNT, 'must name at least one label: an empty label map selects every namespace or pod');
      }
      checkLabels(name, value, '');
      return;
    case 'object[]':
      if (!Array.isArray(value)) fail(name, ParameterRule.TYPE, `must be an array of label objects, got ${typeName(value)}`);
      checkItemCount(spec, value);
      value.forEach((item, index) => {
        if (!isPlainObject(item))
          fail(name, ParameterRule.TYPE, `item [${index}] must be an object of label key to value, got ${typeName(item)}`);
        checkLabels(name, item, `item [${index}] `);
      });
      checkNoDuplicates(spec, value);
      return;
  }
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * Validates `input` against the declared parameters and returns the values to render with: the
 * caller's values, then defaults for the rest. Optional parameters without a default stay absent.
 */
export function resolveParameters(declared: readonly TemplateParameter[], input: unknown): Record<string, JsonValue> {
  if (input === undefined || input === null) input = {};
  if (!isPlainObject(input)) {
    throw validationError(
      'parameters',
      ParameterRule.NOT_AN_OBJECT,
      `"parameters" must be an object of parameter name to value, got ${typeName(input)}`,
    );
  }
  const byName = new Map(declared.map((p) => [p.name, p]));
  for (const name of Object.keys(input)) {
    if (!byName.has(name)) {
      const known = declared.map((p) => p.name).join(', ');
      throw validationError(
        name.length <= QUOTED_MAX ? name : `${name.slice(0, QUOTED_MAX)}…`,
        ParameterRule.UNKNOWN_PARAMETER,
        `Parameter ${quoted(name)} is not declared by this template (known: ${known})`,
      );
    }
  }
  const resolved: Record<string, JsonValue> = {};
  for (const spec of declared) {
    const value = input[spec.name];
    if (value === undefined || value === null) {
      if (spec.required) fail(spec.name, ParameterRule.REQUIRED, `is required (example: ${JSON.stringify(spec.example)})`);
      if (spec.default !== null) resolved[spec.name] = clone(spec.default);
      continue;
    }
    checkParameterValue(spec, value);
    resolved[spec.name] = clone(value as JsonValue);
  }
  return resolved;
}
