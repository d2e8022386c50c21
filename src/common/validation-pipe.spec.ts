import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { CachingValidationPipe, NeverRemembered } from './validation-pipe.js';
import { DomainError } from './domain-error.js';

class Inner {
  @IsInt()
  @Min(0)
  @Max(10)
  count!: number;
}

class Outer {
  @IsString()
  name!: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => Inner)
  inner?: Inner;
}

const body = { type: 'body' as const, metatype: Outer, data: undefined };

class Listed {
  @IsArray()
  @ArrayMaxSize(3)
  @IsString({ each: true })
  @MaxLength(5, { each: true })
  names!: string[];
}

/** An input holding pasted user data (events, kubectl output): validated every time, never kept. */
@NeverRemembered()
class Pasted {
  @IsString()
  text!: string;
}

/** A body whose every property is optional (as a diagnosis input): `{}` is valid. */
class AllOptional {
  @IsOptional()
  @IsString()
  text?: string;
}

describe('CachingValidationPipe', () => {
  it('hands out the same deep-frozen instance for the same valid input', async () => {
    const pipe = new CachingValidationPipe();
    const a = (await pipe.transform({ name: 'x', inner: { count: 3 } }, body)) as Outer;
    const b = (await pipe.transform({ name: 'x', inner: { count: 3 } }, body)) as Outer;
    expect(a).toBeInstanceOf(Outer);
    expect(a.inner).toBeInstanceOf(Inner);
    expect(b).toBe(a);
    expect(Object.isFrozen(a) && Object.isFrozen(a.inner)).toBe(true);
    expect(() => {
      (a.inner as Inner).count = 9;
    }).toThrow(TypeError);
  });

  it('keeps nothing of a NeverRemembered class: the same input is validated into a new instance each time', async () => {
    const pipe = new CachingValidationPipe();
    const meta = { type: 'body' as const, metatype: Pasted, data: undefined };
    const a = (await pipe.transform({ text: 'Insufficient vpc.amazonaws.com/PrivateIPv4Address' }, meta)) as Pasted;
    const b = (await pipe.transform({ text: 'Insufficient vpc.amazonaws.com/PrivateIPv4Address' }, meta)) as Pasted;
    expect(a).toBeInstanceOf(Pasted);
    expect(b).not.toBe(a);
    expect(b.text).toBe(a.text);
  });

  it('NeverRemembered with a condition keeps only the inputs it does not pick', async () => {
    @NeverRemembered((value) => value.pasted !== undefined)
    class Partly {
      @IsOptional()
      @IsString()
      pasted?: string;

      @IsString()
      name!: string;
    }
    const pipe = new CachingValidationPipe();
    const meta = { type: 'body' as const, metatype: Partly, data: undefined };
    const plain = [await pipe.transform({ name: 'a' }, meta), await pipe.transform({ name: 'a' }, meta)];
    expect(plain[1]).toBe(plain[0]);
    const pasted = [await pipe.transform({ name: 'a', pasted: 'x' }, meta), await pipe.transform({ name: 'a', pasted: 'x' }, meta)];
    expect(pasted[1]).not.toBe(pasted[0]);
  });

  it('tells different inputs and different classes apart', async () => {
    const pipe = new CachingValidationPipe();
    const a = (await pipe.transform({ name: 'x', inner: { count: 3 } }, body)) as Outer;
    const b = (await pipe.transform({ name: 'x', inner: { count: 4 } }, body)) as Outer;
    expect(b).not.toBe(a);
    expect(b.inner?.count).toBe(4);
    const inner = await pipe.transform({ count: 3 }, { type: 'body', metatype: Inner, data: undefined });
    expect(inner).toBeInstanceOf(Inner);
  });

  it('refuses an invalid input every time, even after the valid one was remembered', async () => {
    const pipe = new CachingValidationPipe();
    await pipe.transform({ name: 'x', inner: { count: 3 } }, body);
    for (let i = 0; i < 2; i++) {
      await expect(pipe.transform({ name: 'x', inner: { count: 11 } }, body)).rejects.toBeInstanceOf(DomainError);
      await expect(pipe.transform({ name: 'x', extra: true }, body)).rejects.toMatchObject({ message: expect.stringContaining('extra') });
    }
  });

  it('validates inputs too long to remember without remembering them', async () => {
    const pipe = new CachingValidationPipe();
    const long = { name: 'y'.repeat(5000) };
    const a = await pipe.transform(long, body);
    const b = await pipe.transform(long, body);
    expect(b).not.toBe(a);
    expect(b).toEqual(a);
  });

  it('refuses a null body as it refuses an array or a number, also when every property is optional', async () => {
    const meta = { type: 'body' as const, metatype: AllOptional, data: undefined };
    const pipe = new CachingValidationPipe();
    expect(await pipe.transform({}, meta)).toBeInstanceOf(AllOptional);
    const refusals = await Promise.all([null, [], 5].map((v) => pipe.transform(v, meta).catch((e: unknown) => e)));
    for (const refused of refusals) expect(refused).toBeInstanceOf(DomainError);
    expect(refusals.map((r) => (r as DomainError).details)).toEqual(
      ['null', 'an array', 'a number'].map((was) => ({
        violations: [{ field: 'body', rules: ['isObject'], messages: [`the request body must be a JSON object, not ${was}`] }],
      })),
    );
    // Not a body (a GraphQL argument, a query): null is left to what reads it.
    await expect(pipe.transform(null, { ...meta, type: 'query' })).resolves.toBeInstanceOf(AllOptional);
  });

  it.each(['toString', 'constructor', '__proto__', 'valueOf'])(
    'refuses a property named like an inherited one (%s) as unknown, at the top and nested, with the other violations',
    async (key) => {
      const pipe = new CachingValidationPipe();
      const unknown = (field: string) => ({ field, rules: ['whitelistValidation'], messages: [`property ${key} should not exist`] });
      // Twice: a refused input is not remembered (Nest's pipe deletes `constructor` and `__proto__` from what it is given: a new body each time).
      for (let i = 0; i < 2; i++) {
        const top = JSON.parse(`{"name": "x", "${key}": 1}`) as object;
        await expect(pipe.transform(top, body)).rejects.toMatchObject({ details: { violations: [unknown(key)] } });
      }
      const nested = JSON.parse(`{"name": "x", "inner": {"count": 1, "${key}": 1}}`) as object;
      await expect(pipe.transform(nested, body)).rejects.toMatchObject({ details: { violations: [unknown(`inner.${key}`)] } });
      const alsoInvalid = JSON.parse(`{"${key}": 1}`) as object;
      const refused = (await pipe.transform(alsoInvalid, body).catch((e: unknown) => e)) as DomainError;
      expect((refused.details as { violations: Array<{ field: string }> }).violations.map((v) => v.field)).toEqual([key, 'name']);
      // A query object has no prototype at all (Fastify's parser): the same refusal.
      const query = Object.assign(Object.create(null) as object, { name: 'x', [key]: '1' });
      await expect(pipe.transform(query, { ...body, type: 'query' })).rejects.toMatchObject({ details: { violations: [unknown(key)] } });
    },
  );

  it.each([
    [
      'a missing property is required, with what it must be',
      {},
      [{ field: 'name', rules: ['isDefined', 'isString'], messages: ['name is required', 'name must be a string'] }],
    ],
    [
      'a value of the wrong kind says so, not also that it is out of range',
      { name: 'x', inner: { count: 'abc' } },
      [{ field: 'inner.count', rules: ['isInt'], messages: ['count must be an integer number'] }],
    ],
    [
      'a value of the right kind out of range names the bound it breaks',
      { name: 'x', inner: { count: 11 } },
      [{ field: 'inner.count', rules: ['max'], messages: ['count must not be greater than 10'] }],
    ],
    [
      'a missing nested property is named by its path',
      { name: 'x', inner: {} },
      [{ field: 'inner.count', rules: ['isDefined', 'isInt'], messages: ['inner.count is required', 'count must be an integer number'] }],
    ],
    [
      'a list that is not a list says only that',
      { names: 'abc' },
      [{ field: 'names', rules: ['isArray'], messages: ['names must be an array'] }],
      Listed,
    ],
    [
      'a missing list is required',
      {},
      [{ field: 'names', rules: ['isDefined', 'isArray'], messages: ['names is required', 'names must be an array'] }],
      Listed,
    ],
    [
      'a list whose elements are of the wrong kind says what each must be',
      { names: ['a', 3] },
      [{ field: 'names', rules: ['isString'], messages: ['each value in names must be a string'] }],
      Listed,
    ],
  ])('%s', async (_name, input, violations, metatype: new () => object = Outer) => {
    const refused = await new CachingValidationPipe().transform(input, { ...body, metatype }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).details).toEqual({ violations });
    expect((refused as DomainError).message).toBe(violations.map((v) => v.messages.join(', ')).join('; '));
  });
});
