import type { JsonValue, PolicyTemplate, RenderOptions, RenderWarning, TemplateParameter } from './policy-template.model.js';

/** What a template's renderer returns before the catalogue serialises it. */
export interface RenderedObjects {
  objects: Record<string, unknown>[];
  warnings: RenderWarning[];
  /** Set by templates whose output is not YAML (PowerShell userdata). */
  content?: string;
  /** Values the renderer derived (through options callbacks), merged into the reported parameters. */
  derived?: Record<string, JsonValue>;
}

export interface TemplateDefinition extends PolicyTemplate {
  render(parameters: Record<string, JsonValue>, options: RenderOptions): RenderedObjects;
}

// Parameter builders shared by the templates. Each returns a fresh object so callers may not alias.

export function namespaceParameter(description = 'Namespace the policy lives in (and whose pods it selects).'): TemplateParameter {
  return { name: 'namespace', type: 'string', format: 'dns-label', required: true, default: null, example: 'payments', description };
}

export function policyNameParameter(defaultName: string): TemplateParameter {
  return {
    name: 'name',
    type: 'string',
    format: 'dns-subdomain',
    required: false,
    default: defaultName,
    example: defaultName,
    description: 'metadata.name of the rendered object (RFC 1123 subdomain).',
  };
}

export function labelsParameter(name: string, required: boolean, description: string, example: Record<string, string>): TemplateParameter {
  return { name, type: 'object', format: 'labels', required, default: required ? null : {}, example, description };
}

/** Labels as a Kubernetes LabelSelector (empty map = every pod). */
export function matchLabels(labels: JsonValue | undefined): Record<string, unknown> {
  const map = (labels ?? {}) as Record<string, string>;
  return Object.keys(map).length === 0 ? {} : { matchLabels: { ...map } };
}

/** Labels as a Calico selector expression (empty map = `all()`). Label values are validated, so no escaping is needed. */
export function calicoSelector(labels: Record<string, string>): string {
  const terms = Object.entries(labels).map(([key, value]) => `${key} == "${value}"`);
  return terms.length === 0 ? 'all()' : terms.join(' && ');
}

/** `kubernetes.io/metadata.name not in {"a", "b"}`, or `all()` for an empty list. */
export function namespacesNotIn(namespaces: string[]): string {
  return namespaces.length === 0 ? 'all()' : `kubernetes.io/metadata.name not in {${namespaces.map((n) => `"${n}"`).join(', ')}}`;
}
