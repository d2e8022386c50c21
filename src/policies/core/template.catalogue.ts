import { kubernetesYaml } from '../../common/kubernetes-yaml.js';
import { DomainError, ErrorCode } from '../../common/domain-error.js';
import { CONFIGURATION_TEMPLATES } from './configuration.templates.js';
import { NETWORK_POLICY_TEMPLATES } from './network-policy.templates.js';
import { NODE_PROVISIONER_TEMPLATES } from './node-provisioner.templates.js';
import { quoted, resolveParameters } from './parameter.validation.js';
import type { PolicyTemplate, RenderOptions, RenderResult } from './policy-template.model.js';
import type { TemplateDefinition } from './template.definition.js';

/**
 * The template catalogue: list the templates, render one with strictly validated parameters.
 * Pure: no I/O, no clock; the same inputs give the same bytes.
 */

const DEFINITIONS: readonly TemplateDefinition[] = [...NETWORK_POLICY_TEMPLATES, ...CONFIGURATION_TEMPLATES, ...NODE_PROVISIONER_TEMPLATES];
const BY_ID = new Map(DEFINITIONS.map((d) => [d.id, d]));
if (BY_ID.size !== DEFINITIONS.length) throw new Error('duplicate template id in the catalogue');

function describe(definition: TemplateDefinition): PolicyTemplate {
  const { render: _render, ...template } = definition;
  // A deep copy, so callers cannot change the catalogue through what they were given.
  return JSON.parse(JSON.stringify(template)) as PolicyTemplate;
}

/** Every template, in a stable order. */
export function listTemplates(): PolicyTemplate[] {
  return DEFINITIONS.map(describe);
}

/** One template's description; NOT_FOUND for an unknown id. */
export function getTemplate(id: string): PolicyTemplate {
  return describe(definitionOf(id));
}

function definitionOf(id: string): TemplateDefinition {
  const definition = typeof id === 'string' ? BY_ID.get(id) : undefined;
  if (!definition) {
    const shown = String(id);
    // A 10 kB id is not sent back whole (twice): its start, as the message quotes it.
    throw new DomainError(ErrorCode.NOT_FOUND, `No policy template with id ${quoted(shown)}`, {
      templateId: shown.length <= 64 ? shown : `${shown.slice(0, 64)}…`,
      known: [...BY_ID.keys()],
    });
  }
  return definition;
}

/** Objects as YAML documents separated by `---`, each headed by a comment naming the template. */
export function serialiseYaml(templateId: string, objects: Record<string, unknown>[]): string {
  return objects
    .map((object) => `# Rendered from template ${templateId} (eks-net-planner)\n${kubernetesYaml(object, { lineWidth: 0 })}`)
    .join('---\n');
}

/**
 * Renders a template. Parameters are checked against the template's declaration first (unknown
 * names, types, RFC 1123 names, labels, CIDRs, ports, versions), each failure naming the parameter
 * and the rule it broke.
 */
export function renderTemplate(id: string, parameters?: unknown, options: RenderOptions = {}): RenderResult {
  const definition = definitionOf(id);
  const resolved = resolveParameters(definition.parameters, parameters);
  const rendered = definition.render(resolved, options);
  return {
    templateId: definition.id,
    content: rendered.content ?? serialiseYaml(definition.id, rendered.objects),
    mediaType: definition.mediaType,
    objects: rendered.objects,
    warnings: rendered.warnings,
    parameters: { ...resolved, ...(rendered.derived ?? {}) },
  };
}
