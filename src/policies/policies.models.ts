import { ArgsType, Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ANY_JSON_VALUE } from '../common/json-value-schema.js';
import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { GraphQLJSON } from 'graphql-type-json';
import { MEDIA_TYPES } from './core/policy-template.model.js';
import type {
  Finding,
  JsonValue,
  PolicyTemplate as CorePolicyTemplate,
  RenderResult,
  TemplateKind,
  TemplateParameter,
  WindowsPolicyCheck as CoreWindowsPolicyCheck,
  WindowsRule,
} from './core/index.js';

/**
 * The policies edge models: one class per shape, decorated for GraphQL (@Field) and OpenAPI
 * (@ApiProperty), so both doors answer with the same fields. Optional core fields are explicit
 * nulls here, which keeps a REST body equal to the GraphQL data for the same request.
 */

export enum PolicyTemplateKind {
  NetworkPolicy = 'NetworkPolicy',
  GlobalNetworkPolicy = 'GlobalNetworkPolicy',
  ConfigMap = 'ConfigMap',
  ClusterConfig = 'ClusterConfig',
  UserData = 'UserData',
  Installation = 'Installation',
  NodePool = 'NodePool',
  TerraformModule = 'TerraformModule',
}
registerEnumType(PolicyTemplateKind, {
  name: 'PolicyTemplateKind',
  description: 'The kind of the main object a template renders (UserData: a PowerShell script, not a Kubernetes object).',
});

export enum WindowsPolicyRule {
  NEGATIVE_MATCH = 'NEGATIVE_MATCH',
  NAMED_PORT = 'NAMED_PORT',
  ICMP_TYPE_CODE = 'ICMP_TYPE_CODE',
  LOG_ACTION = 'LOG_ACTION',
  PASS_ACTION = 'PASS_ACTION',
  HTTP_MATCH = 'HTTP_MATCH',
  IPV6 = 'IPV6',
  HOST_ENDPOINT_FIELD = 'HOST_ENDPOINT_FIELD',
}
registerEnumType(WindowsPolicyRule, {
  name: 'WindowsPolicyRule',
  description: 'Why Felix on Windows skips a rule (projectcalico/calico felix/dataplane/windows/policysets/policysets.go).',
});

// Compile-time guards: the edge enums list exactly the core's values.
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _kinds: SameKeys<`${PolicyTemplateKind}`, TemplateKind> = true;
const _rules: SameKeys<`${WindowsPolicyRule}`, WindowsRule> = true;
void _kinds;
void _rules;

const JSON_VALUE = 'Any JSON value';

@ObjectType({ description: 'One parameter a template accepts, with the rules its value must follow.' })
export class PolicyTemplateParameter {
  @Field()
  @ApiProperty({ example: 'namespace' })
  name: string;

  @Field({ description: 'JSON type of the value: string, integer, boolean, string[], integer[], object (label map) or object[].' })
  @ApiProperty({ enum: ['string', 'integer', 'boolean', 'string[]', 'integer[]', 'object', 'object[]'] })
  type: string;

  @Field(() => String, {
    nullable: true,
    description: 'Syntax a string (or each item) must follow, e.g. dns-label, ipv4-cidr, port; also the rule name in a validation error.',
  })
  @ApiProperty({ type: String, nullable: true, example: 'dns-label' })
  format: string | null;

  @Field(() => [String], { nullable: true, description: 'Allowed values, when the set is closed.' })
  @ApiProperty({ type: [String], nullable: true })
  enum: string[] | null;

  @Field(() => Int, { nullable: true })
  @ApiProperty({ type: Number, nullable: true })
  minimum: number | null;

  @Field(() => Int, { nullable: true })
  @ApiProperty({ type: Number, nullable: true })
  maximum: number | null;

  @Field(() => Int, { nullable: true, description: 'For array parameters.' })
  @ApiProperty({ type: Number, nullable: true })
  minItems: number | null;

  @Field(() => Int, { nullable: true, description: 'For array parameters.' })
  @ApiProperty({ type: Number, nullable: true })
  maxItems: number | null;

  @Field()
  @ApiProperty()
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

  @Field()
  @ApiProperty()
  description: string;

  @Field(() => String, {
    nullable: true,
    description: 'How the value is derived when omitted (e.g. from the capacity engine); null when the default applies.',
  })
  @ApiProperty({ type: String, nullable: true })
  derivedBy: string | null;
}

@ObjectType({ description: 'A policy or configuration template from the catalogue.' })
export class PolicyTemplate {
  @Field({ description: 'Stable kebab-case id.' })
  @ApiProperty({ example: 'default-deny-ingress' })
  id: string;

  @Field()
  @ApiProperty()
  title: string;

  @Field(() => PolicyTemplateKind)
  @ApiProperty({ enum: PolicyTemplateKind, enumName: 'PolicyTemplateKind' })
  kind: PolicyTemplateKind;

  @Field({ description: 'apiVersion of the main object (for UserData, the script it drives).' })
  @ApiProperty({ example: 'networking.k8s.io/v1' })
  apiVersion: string;

  @Field({ description: 'Media type of the rendered content: application/yaml, text/x-powershell or text/x-hcl.' })
  @ApiProperty({ enum: MEDIA_TYPES })
  mediaType: string;

  @Field()
  @ApiProperty()
  description: string;

  @Field({ description: 'True only when Windows nodes enforce or honour ALL of what the template renders.' })
  @ApiProperty()
  windowsEnforced: boolean;

  @Field({ description: "Where the template's rules come from." })
  @ApiProperty()
  source: string;

  @Field(() => [PolicyTemplateParameter])
  @ApiProperty({ type: [PolicyTemplateParameter] })
  parameters: PolicyTemplateParameter[];
}

@ObjectType({ description: 'Something the user must know about a rendered template.' })
export class TemplateRenderWarning {
  @Field({ description: 'Stable upper-snake code.' })
  @ApiProperty({ example: 'MAX_PODS_NOT_SET' })
  code: string;

  @Field()
  @ApiProperty()
  message: string;

  @Field()
  @ApiProperty()
  source: string;
}

@ObjectType({ description: 'A rendered template: the manifest (or script) ready to apply, and what it was rendered with.' })
export class RenderedTemplate {
  @Field()
  @ApiProperty({ example: 'default-deny-ingress' })
  templateId: string;

  @Field({ description: 'YAML documents separated by "---" (kubectl apply -f -), or a PowerShell script.' })
  @ApiProperty()
  content: string;

  @Field({ description: 'application/yaml, text/x-powershell or text/x-hcl.' })
  @ApiProperty({ enum: MEDIA_TYPES })
  mediaType: string;

  @Field(() => [TemplateRenderWarning])
  @ApiProperty({ type: [TemplateRenderWarning] })
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
  @Field()
  @ApiProperty()
  description: string;

  @Field(() => String, { nullable: true, description: 'A YAML snippet to use instead, when one can be written.' })
  @ApiProperty({ type: String, nullable: true })
  yaml: string | null;
}

@ObjectType({ description: 'A part of a policy that Calico on Windows does not enforce.' })
export class WindowsPolicyFinding {
  @Field({ description: 'Where in the input, e.g. documents[0].spec.egress[1].destination.notNets.' })
  @ApiProperty({ example: 'documents[0].spec.egress[0].destination.notNets' })
  path: string;

  @Field(() => Int, { nullable: true, description: '1-based line in the input, when known.' })
  @ApiProperty({ type: Number, nullable: true })
  line: number | null;

  @Field(() => WindowsPolicyRule)
  @ApiProperty({ enum: WindowsPolicyRule, enumName: 'WindowsPolicyRule' })
  rule: WindowsPolicyRule;

  @Field({ description: 'What Windows does instead.' })
  @ApiProperty()
  message: string;

  @Field()
  @ApiProperty()
  source: string;

  @Field(() => WindowsPolicyRewrite, { nullable: true })
  @ApiProperty({ type: WindowsPolicyRewrite, nullable: true })
  rewrite: WindowsPolicyRewrite | null;
}

@ObjectType({ description: 'What Windows nodes would skip in a set of NetworkPolicy / Calico policy documents.' })
export class WindowsPolicyCheck {
  @Field(() => Int, { description: 'YAML documents checked (empty ones are not counted).' })
  @ApiProperty()
  documents: number;

  @Field({ description: 'True when Windows enforces everything in the manifest.' })
  @ApiProperty()
  clean: boolean;

  @Field(() => [WindowsPolicyFinding])
  @ApiProperty({ type: [WindowsPolicyFinding] })
  findings: WindowsPolicyFinding[];
}

/** The Windows check input: GraphQL arguments and the REST JSON body. */
@ArgsType()
export class CheckPolicyForWindowsArgs {
  @Field({
    description:
      'Kubernetes networking.k8s.io/v1 NetworkPolicy and/or Calico projectcalico.org/v3 (Global)NetworkPolicy YAML, "---"-separated; at most 1 MiB and 100 documents.',
  })
  @ApiProperty({
    description: 'Policy YAML, one or more documents separated by "---" (at most 1 MiB, 100 documents).',
    example: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\nspec:\n  podSelector: {}\n',
  })
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
    kind: t.kind as PolicyTemplateKind,
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
    rule: f.rule as WindowsPolicyRule,
    message: f.message,
    source: f.source,
    rewrite: f.rewrite ? { description: f.rewrite.description, yaml: f.rewrite.yaml ?? null } : null,
  };
}

export function toWindowsPolicyCheck(c: CoreWindowsPolicyCheck): WindowsPolicyCheck {
  return { documents: c.documents, clean: c.clean, findings: c.findings.map(toFinding) };
}
