import { ArgsType, Field, ObjectType } from '@nestjs/graphql';
import { ANY_JSON_VALUE } from '../common/json-value-schema.js';
import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { GraphQLJSON } from 'graphql-type-json';
import { MEDIA_TYPES } from './core/policy-template.model.js';
import { EnumField, registerEnum, values } from '../common/graphql-enum.js';
import {
  TemplateKind,
  WINDOWS_RULE_EFFECTS,
  WindowsRule,
  parameterMaxLength,
  type Finding,
  type JsonValue,
  type PolicyTemplate as CorePolicyTemplate,
  type RenderResult,
  type TemplateParameter,
  type WindowsPolicyCheck as CoreWindowsPolicyCheck,
} from './core/index.js';

/**
 * The policies edge models: one class per shape, decorated for GraphQL (@Field) and OpenAPI
 * (@ApiProperty), so both doors answer with the same fields. Optional core fields are explicit
 * nulls here, which keeps a REST body equal to the GraphQL data for the same request.
 */

export const PolicyTemplateKind = registerEnum(TemplateKind, {
  name: 'PolicyTemplateKind',
  description: 'The kind of the main object a template renders (UserData: a PowerShell script, not a Kubernetes object).',
});

export const WindowsPolicyRule = registerEnum(WindowsRule, {
  name: 'WindowsPolicyRule',
  description:
    'What in a policy Calico on Windows does not enforce as Linux does: most make Felix skip the whole rule, not all ' +
    '(each value says; projectcalico/calico felix/dataplane/windows/policysets/policysets.go).',
  valuesMap: Object.fromEntries(values(WindowsRule).map((rule) => [rule, { description: WINDOWS_RULE_EFFECTS[rule] }])),
});

/** The same per value, for the finding's field (OpenAPI shows no description per enum value). */
const WINDOWS_RULE_FIELD_DESCRIPTION =
  'What the finding is about. ' +
  values(WindowsRule)
    .map((rule) => `${rule}: ${WINDOWS_RULE_EFFECTS[rule]}`)
    .join(' ');

const JSON_VALUE = 'Any JSON value';

@ObjectType({ description: 'One parameter a template accepts, with the rules its value must follow.' })
export class PolicyTemplateParameter {
  /**
   * @example namespace
   */
  name: string;

  /** JSON type of the value: string, integer, boolean, string[], integer[], object (label map) or object[]. */
  @ApiProperty({ enum: ['string', 'integer', 'boolean', 'string[]', 'integer[]', 'object', 'object[]'] })
  type: string;

  /**
   * Syntax a string (or each item) must follow, e.g. dns-label, ipv4-cidr, port; also the rule name in a validation error.
   * @example dns-label
   */
  format: string | null;

  /** Allowed values, when the set is closed. */
  enum: string[] | null;

  minimum: number | null;

  maximum: number | null;

  /** For array parameters. */
  minItems: number | null;

  /** For array parameters. */
  maxItems: number | null;

  /**
   * Longest string accepted: the value (string), each item (string[]), each label value (object, object[]: 63);
   * null for integers, booleans and closed sets (enum). Longer is a 400 / BAD_USER_INPUT naming the parameter.
   */
  maxLength: number | null;

  required: boolean;

  @Field(() => GraphQLJSON, {
    nullable: true,
    description: 'What the renderer uses when the parameter is omitted; null when there is none.',
  })
  @ApiProperty({ nullable: true, oneOf: ANY_JSON_VALUE, description: `${JSON_VALUE}; null when there is no default` })
  default: JsonValue;

  @Field(() => GraphQLJSON, { nullable: true, description: 'A value that renders.' })
  @ApiProperty({ nullable: true, oneOf: ANY_JSON_VALUE, description: JSON_VALUE })
  example: JsonValue;

  description: string;

  /** How the value is derived when omitted (e.g. from the capacity engine); null when the default applies. */
  derivedBy: string | null;
}

@ObjectType({ description: 'A policy or configuration template from the catalogue.' })
export class PolicyTemplate {
  /**
   * Stable kebab-case id.
   * @example default-deny-ingress
   */
  id: string;

  title: string;

  @EnumField(PolicyTemplateKind)
  kind: TemplateKind;

  /**
   * apiVersion of the main object (for UserData, the script it drives).
   * @example networking.k8s.io/v1
   */
  apiVersion: string;

  /** Media type of the rendered content: application/yaml, text/x-powershell or text/x-hcl. */
  @ApiProperty({ enum: MEDIA_TYPES })
  mediaType: string;

  description: string;

  /** True only when Windows nodes enforce or honour ALL of what the template renders. */
  windowsEnforced: boolean;

  /** Where the template's rules come from. */
  source: string;

  parameters: PolicyTemplateParameter[];
}

@ObjectType({ description: 'Something the user must know about a rendered template.' })
export class TemplateRenderWarning {
  /**
   * Stable upper-snake code.
   * @example MAX_PODS_NOT_SET
   */
  code: string;

  message: string;

  source: string;
}

@ObjectType({ description: 'A rendered template: the manifest (or script) ready to apply, and what it was rendered with.' })
export class RenderedTemplate {
  /**
   * @example default-deny-ingress
   */
  templateId: string;

  /** YAML documents separated by "---" (kubectl apply -f -), or a PowerShell script. */
  content: string;

  /** application/yaml, text/x-powershell or text/x-hcl. */
  @ApiProperty({ enum: MEDIA_TYPES })
  mediaType: string;

  warnings: TemplateRenderWarning[];

  @Field(() => GraphQLJSON, { description: "The parameters used: the caller's, then defaults, then derived values (e.g. maxPodsPerNode)." })
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Parameter name to JSON value' })
  parameters: Record<string, JsonValue>;

  @Field(() => [GraphQLJSON], { description: 'The rendered objects, in document order, as JSON (what content serialises).' })
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  objects: Record<string, unknown>[];
}

@ObjectType({ description: 'A Windows-safe way to write what a skipped rule meant.' })
export class WindowsPolicyRewrite {
  description: string;

  /** A YAML snippet to use instead, when one can be written. */
  yaml: string | null;
}

@ObjectType({ description: 'A part of a policy that Calico on Windows does not enforce.' })
export class WindowsPolicyFinding {
  /** Where in the input, e.g. documents[0].spec.egress[1].destination.notNets. */
  @ApiProperty({ example: 'documents[0].spec.egress[0].destination.notNets' })
  path: string;

  /** 1-based line in the input, when known. */
  line: number | null;

  @EnumField(WindowsPolicyRule, { description: WINDOWS_RULE_FIELD_DESCRIPTION })
  rule: WindowsRule;

  /** What Windows does instead. */
  message: string;

  source: string;

  rewrite: WindowsPolicyRewrite | null;
}

@ObjectType({ description: 'What Windows nodes would not enforce as Linux does in a set of NetworkPolicy / Calico policy documents.' })
export class WindowsPolicyCheck {
  /** YAML documents checked (empty ones are not counted). */
  documents: number;

  /** True when Windows enforces everything in the manifest. */
  clean: boolean;

  findings: WindowsPolicyFinding[];
}

/** The Windows check input: GraphQL arguments and the REST JSON body. */
@ArgsType()
export class CheckPolicyForWindowsArgs {
  /** Kubernetes networking.k8s.io/v1 NetworkPolicy and/or Calico projectcalico.org/v3 (Global)NetworkPolicy YAML, "---"-separated; at most 1 MiB and 100 documents. */
  @ApiProperty({ example: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\nspec:\n  podSelector: {}\n' })
  @IsString()
  manifest: string;
}

// Mapping from the core's plain data.

export function toPolicyTemplateParameter(p: TemplateParameter): PolicyTemplateParameter {
  return {
    name: p.name,
    type: p.type,
    format: p.format ?? null,
    enum: p.enum ? [...p.enum] : null,
    minimum: p.minimum ?? null,
    maximum: p.maximum ?? null,
    minItems: p.minItems ?? null,
    maxItems: p.maxItems ?? null,
    maxLength: parameterMaxLength(p),
    required: p.required,
    default: p.default,
    example: p.example,
    description: p.description,
    derivedBy: p.derivedBy ?? null,
  };
}

export function toPolicyTemplate(t: CorePolicyTemplate): PolicyTemplate {
  return {
    id: t.id,
    title: t.title,
    kind: t.kind,
    apiVersion: t.apiVersion,
    mediaType: t.mediaType,
    description: t.description,
    windowsEnforced: t.windowsEnforced,
    source: t.source,
    parameters: t.parameters.map(toPolicyTemplateParameter),
  };
}

export function toRenderedTemplate(r: RenderResult): RenderedTemplate {
  return {
    templateId: r.templateId,
    content: r.content,
    mediaType: r.mediaType,
    warnings: r.warnings.map((w) => ({ code: w.code, message: w.message, source: w.source })),
    parameters: r.parameters,
    objects: r.objects,
  };
}

function toFinding(f: Finding): WindowsPolicyFinding {
  return {
    path: f.path,
    line: f.line ?? null,
    rule: f.rule,
    message: f.message,
    source: f.source,
    rewrite: f.rewrite ? { description: f.rewrite.description, yaml: f.rewrite.yaml ?? null } : null,
  };
}

export function toWindowsPolicyCheck(c: CoreWindowsPolicyCheck): WindowsPolicyCheck {
  return { documents: c.documents, clean: c.clean, findings: c.findings.map(toFinding) };
}
