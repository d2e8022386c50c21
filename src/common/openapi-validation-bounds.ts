import { getMetadataStorage } from 'class-validator';

/**
 * A field's bounds are written once, as the class-validator rules that enforce them; OpenAPI shows them.
 * The Swagger plugin copies rules whose arguments are literals (`@Max(500)`) into src/metadata.ts; a bound
 * named by a constant (`@Max(CAPACITY_INPUT_LIMITS.nodes)`) it cannot print, so this reads those from the
 * validators themselves at start and adds them to the plugin's metadata of the class. A rule on each item
 * (`{ each: true }`, such as an instance type name's length in a list) is added to the property like the
 * plugin adds one: @nestjs/swagger moves its keyword into the array's `items`.
 */
const KEYWORD_OF_RULE: Readonly<Record<string, string>> = {
  min: 'minimum',
  max: 'maximum',
  minLength: 'minLength',
  maxLength: 'maxLength',
  arrayMinSize: 'minItems',
  arrayMaxSize: 'maxItems',
};

/** Keywords that bound the array itself: a rule `{ each: true }` has no item meaning for them. */
const ARRAY_KEYWORDS = new Set(['minItems', 'maxItems']);

/** Where the Swagger plugin's metadata of a class lives (@nestjs/swagger plugin-constants METADATA_FACTORY_NAME). */
const PLUGIN_FACTORY = '_OPENAPI_METADATA_FACTORY';

type PropertyMetadata = Record<string, unknown>;
type PluginFactory = () => Record<string, PropertyMetadata>;
/** What src/metadata.ts gives the Swagger plugin: per file, the module and its classes' metadata. */
type SwaggerModels = Array<[Promise<Record<string, unknown>>, Record<string, unknown>]>;
type Constructor = abstract new (...args: never[]) => unknown;

/** The bounds class-validator enforces on each field of `cls` (its own rules, not a parent's), or on each of its items. */
export function validatorBounds(cls: Constructor): Map<string, Record<string, number>> {
  const bounds = new Map<string, Record<string, number>>();
  for (const rule of getMetadataStorage().getTargetValidationMetadatas(cls as unknown as () => void, '', true, false)) {
    const keyword = rule.name === undefined ? undefined : KEYWORD_OF_RULE[rule.name];
    const value: unknown = rule.constraints?.[0];
    if (keyword === undefined || (rule.each && ARRAY_KEYWORDS.has(keyword)) || rule.target !== cls || typeof value !== 'number') continue;
    bounds.set(rule.propertyName, { ...bounds.get(rule.propertyName), [keyword]: value });
  }
  return bounds;
}

/** Adds the validators' bounds to the plugin metadata of every shape class that src/metadata.ts lists. */
export async function addValidatorBoundsToOpenApi(loadShapeMetadata: () => Promise<object>): Promise<void> {
  const metadata = (await loadShapeMetadata()) as { '@nestjs/swagger'?: { models?: SwaggerModels } };
  const models = metadata['@nestjs/swagger']?.models ?? [];
  for (const [file, classes] of models) {
    const exports = await file;
    for (const name of Object.keys(classes)) {
      const cls = exports[name] as Constructor & Record<string, PluginFactory | undefined>;
      const bounds = validatorBounds(cls);
      if (bounds.size === 0) continue;
      const pluginFactory = Object.hasOwn(cls, PLUGIN_FACTORY) ? cls[PLUGIN_FACTORY] : undefined;
      cls[PLUGIN_FACTORY] = () => {
        const properties = { ...pluginFactory?.() };
        for (const [property, keywords] of bounds) properties[property] = { ...keywords, ...properties[property] };
        return properties;
      };
    }
  }
}
