// Test-only helper (imported by *.spec.ts): validates rendered objects against the schemas in
// ../shared/data/schemas and, for Kubernetes' own kinds, with kubernetes-models (a devDependency).
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { ConfigMap } from 'kubernetes-models/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { parse } from 'yaml';
import { projectPath } from '../../common/project-path.js';

function schemaPath(file: string): string {
  return projectPath('..', 'shared', 'data', 'schemas', file);
}

/** Karpenter's own CRDs (aws/karpenter-provider-aws pkg/apis/crds), kept beside its other data. */
function karpenterCrdPath(file: string): string {
  return projectPath('..', 'shared', 'data', 'karpenter', 'crds', file);
}

/**
 * The API server prunes fields a structural CRD schema does not declare, so a typo would vanish
 * silently. Closing every object that lists its properties turns such a typo into a test failure.
 */
function closeObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closeObjects);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    out[key] =
      key === 'properties' && typeof value === 'object' && value !== null
        ? Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, closeObjects(sub)]))
        : closeObjects(value);
  }
  if (out.type === 'object' && out.properties && out.additionalProperties === undefined && !out['x-kubernetes-preserve-unknown-fields']) {
    out.additionalProperties = false;
  }
  return out;
}

function crdValidator(ajv: Ajv, file: string, path: string = schemaPath(file)): ValidateFunction {
  const crd = parse(readFileSync(path, 'utf8')) as {
    spec: { versions: { name: string; schema: { openAPIV3Schema: unknown } }[] };
  };
  const version = crd.spec.versions[0]!;
  return ajv.compile(closeObjects(version.schema.openAPIV3Schema) as object);
}

export interface SchemaValidators {
  validate(object: Record<string, unknown>): void;
}

export function loadSchemaValidators(): SchemaValidators {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  const byKind: Record<string, ValidateFunction> = {
    'projectcalico.org/v3/NetworkPolicy': crdValidator(ajv, 'projectcalico.org_networkpolicies.yaml'),
    'projectcalico.org/v3/GlobalNetworkPolicy': crdValidator(ajv, 'projectcalico.org_globalnetworkpolicies.yaml'),
    'operator.tigera.io/v1/Installation': crdValidator(ajv, 'operator.tigera.io_installations.yaml'),
    'karpenter.sh/v1/NodePool': crdValidator(ajv, 'karpenter.sh_nodepools.yaml', karpenterCrdPath('karpenter.sh_nodepools.yaml')),
    'karpenter.k8s.aws/v1/EC2NodeClass': crdValidator(
      ajv,
      'karpenter.k8s.aws_ec2nodeclasses.yaml',
      karpenterCrdPath('karpenter.k8s.aws_ec2nodeclasses.yaml'),
    ),
    'eksctl.io/v1alpha5/ClusterConfig': ajv.compile(
      JSON.parse(readFileSync(schemaPath('eksctl-clusterconfig-v1alpha5.schema.json'), 'utf8')) as object,
    ),
  };
  return {
    validate(object) {
      const key = `${String(object.apiVersion)}/${String(object.kind)}`;
      if (key === 'networking.k8s.io/v1/NetworkPolicy') {
        new NetworkPolicy(object as never).validate();
        return;
      }
      if (key === 'v1/ConfigMap') {
        new ConfigMap(object as never).validate();
        return;
      }
      const validator = byKind[key];
      if (!validator) throw new Error(`no schema for ${key}`);
      if (!validator(object)) {
        throw new Error(`${key} does not validate: ${ajv.errorsText(validator.errors, { separator: '\n' })}`);
      }
    },
  };
}
