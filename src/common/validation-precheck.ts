import { getMetadataStorage, type ValidationArguments, type ValidatorOptions } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type ValidationMetadata = ReturnType<Storage['getTargetValidationMetadatas']>[number];
/** A class, as class-validator's storage takes it. */
type Target = Parameters<Storage['getTargetValidationMetadatas']>[0];

/**
 * A yes-only shortcut in front of class-validator.
 *
 * class-validator works out, on every call, which rules apply to the class (walking its metadata
 * storage and the class's ancestors), groups them by property, builds an error object per property
 * and runs through promises even when no rule is asynchronous: for a small input that bookkeeping
 * costs ten times the rules themselves. Here the rules of a class are looked up once, from
 * class-validator's own storage, with the same call its executor makes
 * (class-validator src/validation/ValidationExecutor.ts `execute`), and an instance is checked by
 * calling each rule's own `validate` under the conditions that executor uses:
 * unknown properties refused (whitelist with forbidNonWhitelisted), `@IsOptional`/`@ValidateIf`
 * conditions, `each`, `@ValidateNested` into objects and arrays.
 *
 * The answer is `true` only when every rule accepted; anything else (a rule refused, a rule answered
 * with a promise, a construct not handled here, options other than the pipe's) is "ask
 * class-validator", which then produces the errors exactly as before. So the shortcut can make a
 * valid input cheaper, and nothing else: it never writes an error message of its own.
 */

/** The options the shortcut reproduces; any other set is left to class-validator. */
function optionsSupported(options: ValidatorOptions | undefined): boolean {
  return (
    options !== undefined &&
    options.whitelist === true &&
    options.forbidNonWhitelisted === true &&
    options.forbidUnknownValues === false &&
    !options.groups?.length &&
    options.always !== true &&
    options.strictGroups !== true
  );
}

/** class-validator's ValidationTypes, by value (its executor compares the strings). */
const CUSTOM = 'customValidation';
const NESTED = 'nestedValidation';
const PROMISE = 'promiseValidation';
const CONDITIONAL = 'conditionalValidation';
const WHITELIST = 'whitelistValidation';
const IS_DEFINED = 'isDefined';

interface Rule {
  readonly constraints: unknown[];
  readonly each: boolean;
  readonly validateIf?: (object: object, value: unknown) => boolean;
  readonly validators: ReadonlyArray<{ validate(value: unknown, args: ValidationArguments): unknown }>;
}

interface PropertyPlan {
  readonly name: string;
  readonly conditions: ReadonlyArray<(object: object, value: unknown) => boolean>;
  /** `@IsDefined` and the other rules: the verdict does not depend on their order, only on all passing. */
  readonly rules: readonly Rule[];
  /** `@ValidateNested`: the value is checked as its own class (once, however many times it is declared). */
  readonly nested: boolean;
}

interface ClassPlan {
  readonly known: ReadonlySet<string>;
  readonly properties: readonly PropertyPlan[];
}

/** null: the class uses something the shortcut does not reproduce, so class-validator always decides. */
const plans = new Map<Target, ClassPlan | null>();

function toRule(metadata: ValidationMetadata): Rule | null {
  const storage = getMetadataStorage();
  const constraintMetadatas = storage.getTargetValidatorConstraints(metadata.constraintCls);
  const validators: Rule['validators'][number][] = [];
  for (const c of constraintMetadatas) {
    // An async rule answers with a promise; class-validator awaits it, so it decides.
    if (c.async) return null;
    validators.push(c.instance as Rule['validators'][number]);
  }
  return {
    constraints: metadata.constraints,
    each: metadata.each === true,
    validateIf: metadata.validateIf,
    validators,
  };
}

function compile(target: Target): ClassPlan | null {
  const storage = getMetadataStorage();
  const metadatas = storage.getTargetValidationMetadatas(target, undefined as unknown as string, false, false, undefined);
  const grouped = storage.groupByPropertyName(metadatas);
  const properties: PropertyPlan[] = [];
  for (const [name, group] of Object.entries(grouped)) {
    const rules: Rule[] = [];
    const conditions: PropertyPlan['conditions'][number][] = [];
    let nested = false;
    for (const m of group) {
      switch (m.type) {
        case IS_DEFINED:
        case CUSTOM: {
          const rule = toRule(m);
          if (rule === null) return null;
          rules.push(rule);
          break;
        }
        case CONDITIONAL:
          conditions.push(m.constraints[0] as PropertyPlan['conditions'][number]);
          break;
        case NESTED:
          nested = true;
          break;
        case WHITELIST:
          break;
        case PROMISE:
        default:
          return null;
      }
    }
    properties.push({ name, conditions, rules, nested });
  }
  return { known: new Set(Object.keys(grouped)), properties };
}

function planFor(target: Target): ClassPlan | null {
  let plan = plans.get(target);
  if (plan === undefined) {
    plan = compile(target);
    plans.set(target, plan);
  }
  return plan;
}

/** true: every rule passed; false: one refused; undefined: not decided here. */
type Verdict = boolean | undefined;

function ruleAccepts(object: object, property: string, value: unknown, rule: Rule): Verdict {
  if (rule.validateIf && !rule.validateIf(object, value)) return true;
  const args: ValidationArguments = {
    targetName: object.constructor ? object.constructor.name : (undefined as unknown as string),
    property,
    object,
    value,
    constraints: rule.constraints,
  };
  const overEach = rule.each && (Array.isArray(value) || value instanceof Set || value instanceof Map);
  // With `each`, class-validator checks every item (a Map's values) instead of the collection.
  const checked = !overEach ? [value] : value instanceof Map ? [...value.values()] : [...(value as Iterable<unknown>)];
  for (const validator of rule.validators) {
    for (const item of checked) {
      const ok = validator.validate(item, args);
      if (ok instanceof Promise) return undefined;
      if (!ok) return false;
    }
  }
  return true;
}

/** class-validator's nestedValidations: objects are validated as their own class, arrays item by item. */
function nestedAccepts(value: unknown): Verdict {
  if (value === undefined) return true;
  if (Array.isArray(value)) {
    for (const item of value) {
      const verdict = nestedAccepts(item);
      if (verdict !== true) return verdict;
    }
    return true;
  }
  // A Set or a Map of nested values: left to class-validator (it indexes them differently).
  if (value instanceof Set || value instanceof Map) return undefined;
  if (value instanceof Object) return instanceAccepts(value);
  return false;
}

function instanceAccepts(object: object): Verdict {
  const plan = planFor(object.constructor);
  if (plan === null) return undefined;
  for (const key of Object.keys(object)) if (!plan.known.has(key)) return false;
  for (const p of plan.properties) {
    const value = (object as Record<string, unknown>)[p.name];
    if (value instanceof Promise) return undefined;
    // `@IsOptional` / `@ValidateIf`: one condition false and the property is not validated at all.
    if (p.conditions.some((condition) => !condition(object, value))) continue;
    for (const rule of p.rules) {
      const verdict = ruleAccepts(object, p.name, value, rule);
      if (verdict !== true) return verdict;
    }
    if (p.nested) {
      const verdict = nestedAccepts(value);
      if (verdict !== true) return verdict;
    }
  }
  return true;
}

/**
 * Whether class-validator would find no error in `object` under `options`, decided without it:
 * `true` (it would not), `false` (it would), `undefined` (not decided here: ask it).
 */
export function precheck(object: object, options: ValidatorOptions | undefined): Verdict {
  if (!optionsSupported(options)) return undefined;
  return instanceAccepts(object);
}
