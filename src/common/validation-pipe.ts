import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import type { ValidationError, ValidatorOptions } from 'class-validator';
import { BoundedCache } from './bounded-cache.js';
import { DomainError, ErrorCode } from './domain-error.js';
import { precheck } from './validation-precheck.js';

const isJsonObject = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The rules that say what kind of value a property takes. When one of them fails, the property's
 * other rules (lengths, ranges, patterns) fail with it and say nothing more: "abc" for an integer
 * from 0 to 100000 is "must be an integer", not also "must not be greater than 100000".
 */
const KIND_RULES = new Set(['isDefined', 'isString', 'isInt', 'isNumber', 'isBoolean', 'isArray', 'isObject', 'isIn', 'nestedValidation']);

type Violation = { field: string; rules: string[]; messages: string[] };

/** What is wrong with one property: missing, of the wrong kind, or (only when of the right kind) out of its bounds. */
function violationOf(field: string, value: unknown, constraints: Record<string, string>): Violation {
  const all = Object.entries(constraints);
  let kind = all.filter(([rule]) => KIND_RULES.has(rule));
  // Not an array (or object) at all: what its elements must be (`each` rules share the names) says nothing yet.
  const container = kind.filter(([rule]) => rule === 'isArray' || rule === 'isObject' || rule === 'isDefined');
  if (container.some(([rule]) => rule !== 'isDefined')) kind = container;
  if (value === undefined) {
    // Only a required property is validated when absent (IsOptional skips it).
    const rest = kind.filter(([rule]) => rule !== 'isDefined');
    return { field, rules: ['isDefined', ...rest.map(([rule]) => rule)], messages: [`${field} is required`, ...rest.map(([, m]) => m)] };
  }
  const shown = kind.length > 0 ? kind : all;
  return { field, rules: shown.map(([rule]) => rule), messages: shown.map(([, m]) => m) };
}

function flattenViolations(errors: ValidationError[], parent = ''): Violation[] {
  const out: Violation[] = [];
  for (const e of errors) {
    const field = /^\d+$/.test(e.property) ? `${parent}[${e.property}]` : parent ? `${parent}.${e.property}` : e.property;
    if (e.constraints) out.push(violationOf(field, e.value, e.constraints));
    if (e.children?.length) out.push(...flattenViolations(e.children, field));
  }
  return out;
}

/** Validated inputs remembered per input class, and the longest input (as JSON) remembered. */
const MAX_REMEMBERED_PER_CLASS = 512;
const MAX_REMEMBERED_JSON = 4096;

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Input classes whose values are never remembered: pasted cluster state (events, kubectl and aws output) is not kept. */
const NOT_REMEMBERED = new WeakMap<object, (value: Record<string, unknown>) => boolean>();

/**
 * Marks an input class as holding pasted user data: validated every time, never kept by the pipe;
 * with `when`, only the inputs it picks (a class whose pasted part is optional keeps its cache otherwise).
 */
export function NeverRemembered(when: (value: Record<string, unknown>) => boolean = () => true): ClassDecorator {
  return (target) => {
    NOT_REMEMBERED.set(target, when);
  };
}

/** Whether a name is one every plain object inherits (`toString`, `constructor`, `__proto__`, ...). */
const inherited = (key: string): boolean => Object.prototype.hasOwnProperty.call(Object.prototype, key);

/** An instance of an input class (not a plain object or array: those are free-form JSON values). */
const isClassInstance = (v: unknown): v is object =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && ![Object.prototype, null].includes(Object.getPrototypeOf(v));

function unknownProperty(field: string, key: string): Violation {
  return { field, rules: ['whitelistValidation'], messages: [`property ${key} should not exist`] };
}

/** Where a property named like an inherited one sits: the path of the object holding it, and its name. */
interface InheritedName {
  path: Array<string | number>;
  key: string;
}

/**
 * The properties of an input named like those every object inherits (`?toString=1`, `{"constructor": 1}`):
 * class-transformer skips a key whose value on the new instance is a function (and Nest's pipe deletes
 * `__proto__` and `constructor` from the input first), so they never reached the whitelist and were
 * silently ignored, while any other unknown property is refused. Collected from the input before it is
 * transformed.
 */
function inheritedNames(plain: unknown, path: Array<string | number> = [], out: InheritedName[] = []): InheritedName[] {
  if (Array.isArray(plain)) {
    plain.forEach((item, i) => inheritedNames(item, [...path, i], out));
  } else if (typeof plain === 'object' && plain !== null) {
    for (const key of Object.keys(plain)) {
      if (inherited(key)) out.push({ path, key });
      else inheritedNames((plain as Record<string, unknown>)[key], [...path, key], out);
    }
  }
  return out;
}

function fieldOf(path: Array<string | number>, key: string): string {
  let field = '';
  for (const step of [...path, key]) field = typeof step === 'number' ? `${field}[${step}]` : field ? `${field}.${step}` : step;
  return field;
}

/** Those of `names` held by an input class in `instance` (free-form JSON values keep their keys). */
function unknownInheritedNames(names: InheritedName[], instance: unknown): Violation[] {
  return names
    .filter(({ path }) =>
      isClassInstance(path.reduce<unknown>((at, step) => (at as Record<string | number, unknown> | undefined)?.[step], instance)),
    )
    .map(({ path, key }) => unknownProperty(fieldOf(path, key), key));
}

function validationFailed(violations: Violation[]): DomainError {
  return new DomainError(ErrorCode.VALIDATION_FAILED, violations.map((v) => v.messages.join(', ')).join('; ') || 'Invalid input', {
    violations,
  });
}

/**
 * The one validation of REST bodies, REST queries and GraphQL arguments (class-transformer, then
 * class-validator, with unknown properties refused).
 *
 * Validation is a pure function of the input class and the input, and a portal or a bot sends the
 * same few inputs again and again, while class-transformer and class-validator cost as much as the
 * whole answer (a fifth of a `nodeCapacity` request). So a valid input's instance is remembered per
 * class and input JSON (bounded, least recently used out first) and handed out again, deep-frozen
 * so that no caller can change what the next request gets. Invalid inputs are validated every time.
 *
 * An input seen for the first time (every input of a bot that sweeps the catalog) still costs
 * class-validator's bookkeeping, which is most of its time: the rules of each class are looked up
 * once instead (validation-precheck.ts), and class-validator runs only when they do not all accept,
 * to say what is wrong.
 */
export class CachingValidationPipe extends ValidationPipe {
  private readonly remembered = new Map<object, BoundedCache<string, unknown>>();

  constructor() {
    super({
      transform: true,
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: false,
      exceptionFactory: (errors) => validationFailed(flattenViolations(errors)),
    });
  }

  protected override validate(object: object, options?: ValidatorOptions): Promise<ValidationError[]> | ValidationError[] {
    if (precheck(object, options) === true) return [];
    return super.validate(object, options);
  }

  /**
   * class-transformer and class-validator, then the properties named like inherited ones, which they
   * let through (see inheritedNames); those at the top are reported with the other violations.
   */
  private async validated(value: object, metadata: ArgumentMetadata): Promise<unknown> {
    const names = inheritedNames(value);
    let instance: unknown;
    try {
      instance = await super.transform(value, metadata);
    } catch (err) {
      const top = names.filter((n) => n.path.length === 0).map(({ key }) => unknownProperty(key, key));
      const details = err instanceof DomainError ? (err.details as { violations?: Violation[] } | undefined) : undefined;
      if (top.length === 0 || !Array.isArray(details?.violations)) throw err;
      throw validationFailed([...top, ...details.violations]);
    }
    const found = names.length > 0 ? unknownInheritedNames(names, instance) : [];
    if (found.length > 0) throw validationFailed(found);
    return instance;
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const metatype = metadata.metatype;
    // A body of an input class must be a JSON object. Nest reads a null value as {} (toEmptyIfNil), so a
    // JSON `null` body of an input class whose fields are all optional answered 200, and it refused `[]`
    // or `5` as "body is required". Every non-object body gets one refusal that says what it was.
    // (No body at all is undefined: the class's required fields say what is missing.)
    if (metadata.type === 'body' && metatype && value !== undefined && !isJsonObject(value) && this.toValidate(metadata)) {
      const was = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
      throw await this.exceptionFactory([
        {
          property: metadata.data || metadata.type,
          value,
          constraints: { isObject: `the request body must be a JSON object, not ${was}` },
          children: [],
        },
      ]);
    }
    // Primitives (route params such as a type name) and untyped arguments pass through cheaply as they are.
    if (!metatype || value === null || typeof value !== 'object' || !this.toValidate(metadata)) return super.transform(value, metadata);
    if (NOT_REMEMBERED.get(metatype)?.(value as Record<string, unknown>)) return this.validated(value, metadata);
    let key: string;
    try {
      key = JSON.stringify(value);
    } catch {
      return this.validated(value, metadata);
    }
    if (key.length > MAX_REMEMBERED_JSON) return this.validated(value, metadata);
    let byInput = this.remembered.get(metatype);
    if (byInput === undefined) {
      byInput = new BoundedCache(MAX_REMEMBERED_PER_CLASS);
      this.remembered.set(metatype, byInput);
    }
    const hit = byInput.get(key);
    if (hit !== undefined) return hit;
    const validated = deepFreeze(await this.validated(value, metadata));
    byInput.set(key, validated);
    return validated;
  }
}
