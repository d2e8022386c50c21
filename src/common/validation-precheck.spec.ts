import 'reflect-metadata';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ValidationPipe } from '@nestjs/common';
import { plainToInstance, Type, type ClassConstructor } from 'class-transformer';
import {
  getMetadataStorage,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Min,
  validate,
  validateSync,
  ValidateIf,
  ValidateNested,
  ValidatorConstraint,
  Validate,
  type ValidatorConstraintInterface,
  type ValidatorOptions,
} from 'class-validator';
import { describe, expect, it } from 'vitest';
import { CachingValidationPipe } from './validation-pipe.js';
import { precheck } from './validation-precheck.js';
import * as capacity from '../capacity/capacity.inputs.js';

/** The options the service's pipe hands class-validator (validation-pipe.ts). */
const PIPE_OPTIONS: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: false,
  validationError: { target: false },
};

type Ctor = ClassConstructor<object>;
/** A class, as class-validator's storage takes it. */
type Target = Parameters<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[0];

/** class-transformer's record of `@Type` (not part of its typed API; read to find the class of a nested property). */
const { defaultMetadataStorage } = createRequire(import.meta.url)('class-transformer/cjs/storage.js') as {
  defaultMetadataStorage: { findTypeMetadata(target: Target, property: string): { typeFunction(): unknown } | undefined };
};

function rulesOf(cls: Target) {
  return getMetadataStorage().getTargetValidationMetadatas(cls, undefined as unknown as string, false, false, undefined);
}

/** Every class of the service's modules (src/, specs aside) that class-validator has rules for. */
const SRC = fileURLToPath(new URL('..', import.meta.url));
const MODULES = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts') && /from 'class-validator'/.test(readFileSync(join(SRC, f), 'utf8')))
  .sort();
const INPUT_CLASSES: Ctor[] = (
  await Promise.all(MODULES.map((f) => import(pathToFileURL(join(SRC, f)).href) as Promise<Record<string, unknown>>))
)
  .flatMap((m) => Object.values(m))
  .filter((v): v is Ctor => typeof v === 'function' && rulesOf(v).length > 0);

/** A small seeded generator, so a failure can be replayed. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STRINGS = ['', 'a', 'm5.large', 'us-east-1', 'eu-west-1', '10.0.0.0/16', '1.20.0', 'windows', 'linux', 'WINDOWS', 'x y', '5', 'true'];

/**
 * Candidate values for one property, read off its rules: values either side of each bound, the
 * allowed values of an `@IsIn`, the wrong types, null and (by omission) undefined.
 */
function candidates(cls: Ctor, property: string, depth: number, rnd: () => number): unknown[] {
  const rules = rulesOf(cls).filter((m) => m.propertyName === property);
  const out: unknown[] = [null, 0, -1, 1.5, 'bogus', true, {}, []];
  const each = rules.filter((r) => r.each);
  const itemValues: unknown[] = [];
  for (const r of rules) {
    const c = r.constraints?.[0];
    switch (r.name) {
      case 'min':
      case 'max':
      case 'arrayMinSize':
      case 'arrayMaxSize':
        if (typeof c === 'number') {
          for (const n of [c - 1, c, c + 1]) {
            if (r.name.startsWith('array')) {
              const length = Math.max(0, Math.min(n, 80));
              out.push(Array.from({ length }, () => itemValues[0] ?? 'a'));
            } else out.push(n);
          }
        }
        break;
      case 'maxLength':
      case 'minLength':
        if (typeof c === 'number') for (const n of [c - 1, c, c + 1]) if (n >= 0) (r.each ? itemValues : out).push('x'.repeat(n));
        break;
      case 'isIn':
        if (Array.isArray(c)) (r.each ? itemValues : out).push(...c, String(c[0]).toLowerCase());
        break;
      case 'isInt':
        out.push(2, 7, 64, '3');
        break;
      case 'isBoolean':
        out.push(true, false, 'false');
        break;
      case 'isString':
        (r.each ? itemValues : out).push(...STRINGS);
        break;
      default:
        break;
    }
  }
  if (each.length > 0) {
    itemValues.push(...STRINGS, 3, null);
    for (let i = 0; i < 4; i++)
      out.push(Array.from({ length: Math.floor(rnd() * 4) }, () => itemValues[Math.floor(rnd() * itemValues.length)]));
  }
  const nestedType = defaultMetadataStorage.findTypeMetadata(cls, property)?.typeFunction() as Ctor | undefined;
  if (nestedType && depth < 3 && rules.some((r) => r.type === 'nestedValidation')) {
    for (let i = 0; i < 3; i++) {
      const inner = sample(nestedType, depth + 1, rnd);
      out.push(inner, [inner], [inner, sample(nestedType, depth + 1, rnd)], [inner, 'x']);
    }
  }
  return out;
}

/** A property's candidates, split by whether class-validator accepts the property with that value (other properties aside). */
const splitCache = new Map<string, { accepted: unknown[]; all: unknown[] }>();
function split(cls: Ctor, property: string, depth: number, rnd: () => number) {
  const key = `${cls.name}.${property}.${depth}`;
  let entry = splitCache.get(key);
  if (entry === undefined) {
    const all = candidates(cls, property, depth, rnd);
    const accepted = all.filter((value) => {
      const entity = plainToInstance(cls as Ctor, { [property]: value }) as object;
      return !validateSync(entity, PIPE_OPTIONS).some((e) => e.property === property);
    });
    entry = { accepted, all };
    splitCache.set(key, entry);
  }
  return entry;
}

/**
 * One plain input for `cls`: each property left out, or one of its candidates (mostly one accepted on
 * its own, so that whole inputs pass often enough); now and then a key the class does not know.
 */
function sample(cls: Ctor, depth: number, rnd: () => number): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const property of new Set(rulesOf(cls).map((m) => m.propertyName))) {
    if (rnd() < 0.15) continue;
    const { accepted, all } = split(cls, property, depth, rnd);
    const pool = accepted.length > 0 && rnd() < 0.9 ? accepted : all;
    value[property] = pool[Math.floor(rnd() * pool.length)];
  }
  if (rnd() < 0.05) value.notAField = 1;
  return value;
}

describe('precheck against class-validator on every input class of the service', () => {
  const validByClass = new Map<Ctor, number>();

  it('finds the input classes', () => {
    expect(INPUT_CLASSES.length).toBeGreaterThan(30);
    expect(INPUT_CLASSES).toContain(capacity.NodeCapacityInput);
  });

  it.each(INPUT_CLASSES.map((cls) => [cls.name, cls] as const))(
    '%s: decides every generated input, and says valid exactly when class-validator finds no error',
    async (_name, cls) => {
      const rnd = prng([...cls.name].reduce((h, ch) => Math.imul(h ^ ch.charCodeAt(0), 16777619), 2166136261));
      let valid = 0;
      let invalid = 0;
      for (let i = 0; i < 300; i++) {
        const entity = plainToInstance(cls, sample(cls, 0, rnd)) as object;
        const errors = await validate(entity, PIPE_OPTIONS);
        const verdict = precheck(entity, PIPE_OPTIONS);
        expect(verdict, JSON.stringify(entity)).toBe(errors.length === 0);
        if (verdict) valid++;
        else invalid++;
      }
      expect(invalid).toBeGreaterThan(0);
      validByClass.set(cls, valid);
    },
  );

  it('the generated inputs reach the accepted side of most classes (so the comparison above is not only of refusals)', () => {
    expect(validByClass.size).toBe(INPUT_CLASSES.length);
    const withValid = [...validByClass.values()].filter((n) => n > 0).length;
    expect(withValid / INPUT_CLASSES.length).toBeGreaterThan(0.8);
  });
});

@ValidatorConstraint({ async: true })
class SlowRule implements ValidatorConstraintInterface {
  validate(): Promise<boolean> {
    return Promise.resolve(true);
  }
}

class Leaf {
  @IsInt()
  @Min(1)
  n!: number;
}

class Shapes {
  @IsOptional()
  @IsString()
  name?: string | null;

  @ValidateIf((o: Shapes) => o.name === 'ranged')
  @IsInt()
  range?: number;

  @IsOptional()
  @ValidateNested()
  @Type(() => Leaf)
  leaves?: Leaf[];

  @IsOptional()
  @IsIn(['a', 'b'], { each: true })
  letters?: string[] | Set<string>;

  @IsOptional()
  @Min(10, { validateIf: (o: Shapes) => o.name === 'big' })
  size?: number;
}

class WithAsync {
  @Validate(SlowRule)
  any!: string;
}

describe('precheck on the constructs it reproduces and the ones it leaves to class-validator', () => {
  const check = async (cls: Ctor, plain: unknown) => {
    const entity = plainToInstance(cls, plain) as object;
    return { verdict: precheck(entity, PIPE_OPTIONS), errors: await validate(entity, PIPE_OPTIONS) };
  };

  it.each([
    [{}, true],
    [{ name: null }, true],
    [{ name: 3 }, false],
    [{ name: 'ranged' }, false],
    [{ name: 'ranged', range: 4 }, true],
    [{ name: 'plain', range: 'x' }, true],
    [{ leaves: [{ n: 2 }, { n: 3 }] }, true],
    [{ leaves: [{ n: 2 }, { n: 0 }] }, false],
    [{ leaves: [{ n: 2 }, 'x'] }, false],
    [{ leaves: [{ n: 2, extra: 1 }] }, false],
    [{ leaves: { n: 2 } }, true],
    [{ letters: ['a', 'b'] }, true],
    [{ letters: ['a', 'c'] }, false],
    [{ other: 1 }, false],
    [{ size: 3 }, true],
    [{ name: 'big', size: 3 }, false],
    [{ name: 'big', size: 12 }, true],
  ])('%j: %s, as class-validator says', async (plain, expected) => {
    const { verdict, errors } = await check(Shapes, plain);
    expect(verdict).toBe(expected);
    expect(errors.length === 0).toBe(expected);
  });

  it('applies `each` to the values of a Set as class-validator does', () => {
    const entity = Object.assign(new Shapes(), { letters: new Set(['a', 'z']) });
    expect(precheck(entity, PIPE_OPTIONS)).toBe(false);
    entity.letters = new Set(['a', 'b']);
    expect(precheck(entity, PIPE_OPTIONS)).toBe(true);
  });

  it('leaves an async rule, a promised value and other options to class-validator', async () => {
    expect((await check(WithAsync, { any: 'x' })).verdict).toBeUndefined();
    const promised = Object.assign(new Shapes(), { name: Promise.resolve('x') });
    expect(precheck(promised, PIPE_OPTIONS)).toBeUndefined();
    const entity = plainToInstance(Shapes, {});
    expect(precheck(entity, { ...PIPE_OPTIONS, groups: ['admin'] })).toBeUndefined();
    expect(precheck(entity, { ...PIPE_OPTIONS, forbidNonWhitelisted: false })).toBeUndefined();
    expect(precheck(entity, undefined)).toBeUndefined();
  });
});

describe('the service pipe with the precheck in front', () => {
  it('answers what Nest ValidationPipe answers with the same options, for generated NodeCapacityInput and NodeCapacityQuery values', async () => {
    const options = { transform: true, whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: false };
    const reference = new ValidationPipe(options);
    const pipe = new CachingValidationPipe();
    const rnd = prng(42);
    let accepted = 0;
    for (const cls of [capacity.NodeCapacityInput, capacity.NodeCapacityQuery]) {
      const meta = { type: 'body' as const, metatype: cls, data: undefined };
      for (let i = 0; i < 200; i++) {
        const plain = sample(cls, 0, rnd);
        const [ours, theirs] = await Promise.all([
          pipe.transform(structuredClone(plain), meta).then(
            (v) => ({ ok: true, v }),
            () => ({ ok: false, v: undefined }),
          ),
          reference.transform(structuredClone(plain), meta).then(
            (v: unknown) => ({ ok: true, v }),
            () => ({ ok: false, v: undefined }),
          ),
        ]);
        expect(ours, JSON.stringify(plain)).toEqual(theirs);
        if (ours.ok) accepted++;
      }
    }
    expect(accepted).toBeGreaterThan(20);
  });
});
