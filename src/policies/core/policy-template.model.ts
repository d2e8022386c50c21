import type { WindowsPriceListFact } from '../../capacity/core/windows-eligibility.js';
import type { InstanceTypeFacts } from '../../catalog/core/instance-type.facts.js';
/**
 * Shapes of the template catalogue and of a rendered template. Plain data only: the service and the
 * GraphQL/REST edges map these one to one, so nothing here knows about NestJS.
 */
import { stringEnum, type EnumValue } from '../../common/core/string-enum.js';

/** A value that survives JSON.stringify unchanged (defaults and examples are shown to clients as JSON). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The JSON type a parameter value must have. `object` is a map of label key to label value. */
export type ParameterType = 'string' | 'integer' | 'boolean' | 'string[]' | 'integer[]' | 'object' | 'object[]';

/**
 * The syntax a string (or each item of a `string[]`, or each entry of an `object`) must follow.
 * Each format is one rule name in a validation error, so a client can tell which rule it broke.
 */
export type ParameterFormat =
  | 'dns-label' // RFC 1123 label: namespace names (k8s.io/apimachinery validation IsDNS1123Label)
  | 'dns-subdomain' // RFC 1123 subdomain: object names (IsDNS1123Subdomain)
  | 'labels' // label map: qualified-name keys, label values (IsQualifiedName, IsValidLabelValue)
  | 'ipv4-cidr' // canonical IPv4 CIDR, host bits zero
  | 'eks-service-cidr' // an ipv4-cidr EKS takes as serviceIpv4Cidr: /12 to /24 within 10/8, 172.16/12 or 192.168/16
  | 'ipv4-address'
  | 'port' // 1..65535
  | 'kubernetes-version' // "1.NN"
  | 'instance-type' // "m5.large"
  | 'aws-region' // "us-east-1"
  | 'eksctl-cluster-name'
  | 'iam-role-name' // IAM CreateRole RoleName: 1 to 64 of letters, digits and +=,.@_-
  | 'https-url'
  | 'base64'
  | 'kubelet-flags' // "--flag=value" tokens only
  | 'text'; // any single-line text without control characters

export interface TemplateParameter {
  name: string;
  type: ParameterType;
  format?: ParameterFormat;
  /** Allowed values, for `string` parameters with a closed set. */
  enum?: readonly string[];
  minimum?: number;
  maximum?: number;
  /** For array parameters. */
  minItems?: number;
  maxItems?: number;
  required: boolean;
  /** What the renderer uses when the caller omits the parameter; `null` when there is none. */
  default: JsonValue;
  /** A value that renders; every required parameter set to its example must render. */
  example: JsonValue;
  description: string;
  /**
   * How the value is derived when the caller omits it (for example through a render option callback).
   * Absent when the default applies.
   */
  derivedBy?: string;
}

export const TemplateKind = stringEnum(
  'NetworkPolicy',
  'GlobalNetworkPolicy',
  'ConfigMap',
  'ClusterConfig',
  'UserData',
  'Installation',
  'NodePool',
  'TerraformModule',
);
export type TemplateKind = EnumValue<typeof TemplateKind>;

export const MEDIA_TYPES = ['application/yaml', 'text/x-powershell', 'text/x-hcl'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

export interface PolicyTemplate {
  /** Kebab-case, stable: clients and stored answers refer to it. */
  id: string;
  title: string;
  kind: TemplateKind;
  /** The apiVersion of the main object (for UserData, the script it drives). */
  apiVersion: string;
  mediaType: MediaType;
  description: string;
  /** True only when Windows nodes enforce or honour ALL of what the template renders. */
  windowsEnforced: boolean;
  /** Where the template's rules come from (repositories, files, pages). */
  source: string;
  parameters: TemplateParameter[];
}

export interface RenderWarning {
  /** Stable upper-snake code. */
  code: string;
  message: string;
  source: string;
}

export type WindowsIpMode = 'secondary-ip' | 'prefix-delegation';

/** The instance catalog a render reads: every type's facts, ordered by name, and by name. */
export interface RenderCatalog {
  readonly types: readonly InstanceTypeFacts[];
  readonly byName: ReadonlyMap<string, InstanceTypeFacts>;
}

export interface RenderOptions {
  /**
   * The instance catalog, for templates that declare a parameter `derivedBy` the capacity engine
   * (kubelet max-pods of a Windows node of the type, when the caller does not pass the value) and for
   * templates that take instance families. null while none is loaded: a render that must derive then
   * answers SERVICE_UNAVAILABLE. Absent: nothing is derived.
   */
  catalog?: RenderCatalog | null;
  /**
   * What a catalog refresh read from the AWS Price List (pricing:GetProducts, operatingSystem=Windows) about Windows on
   * a type in a region, or undefined when no refresh read that region. A template that names its region checks EC2's
   * Windows gate against it (the authoritative answer, per region), else against the known list.
   */
  windowsPriceList?: (region: string, instanceType: string) => WindowsPriceListFact | undefined;
}

export interface RenderResult {
  templateId: string;
  /** YAML (documents separated by `---`) or a PowerShell script. */
  content: string;
  mediaType: MediaType;
  /** The objects before serialisation, in document order, for validation by the caller. */
  objects: Record<string, unknown>[];
  warnings: RenderWarning[];
  /** The parameters after defaults and derived values were applied. */
  parameters: Record<string, JsonValue>;
}
