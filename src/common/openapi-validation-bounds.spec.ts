import 'reflect-metadata';
import { ArrayMaxSize, IsInt, IsOptional, Max, MaxLength, Min } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { addValidatorBoundsToOpenApi, validatorBounds } from './openapi-validation-bounds.js';

const LIMITS = { pods: 1_000, names: 20 } as const;

class Parent {
  @Max(5)
  inherited: number;
}

class Shape extends Parent {
  @IsInt()
  @Min(1)
  @Max(LIMITS.pods)
  pods: number;

  @IsOptional()
  @ArrayMaxSize(LIMITS.names)
  @MaxLength(64, { each: true })
  names?: string[];
}

describe('validatorBounds', () => {
  it('reads the bounds the validators enforce, named by constants or not, per item too, and leaves parents out', () => {
    expect(Object.fromEntries(validatorBounds(Shape))).toEqual({
      pods: { minimum: 1, maximum: 1_000 },
      names: { maxItems: 20, maxLength: 64 },
    });
  });
});

describe('addValidatorBoundsToOpenApi', () => {
  it("adds them to the Swagger plugin's metadata of the class, keeping what the plugin said", async () => {
    const cls = Shape as unknown as Record<string, () => Record<string, Record<string, unknown>>>;
    cls._OPENAPI_METADATA_FACTORY = () => ({ pods: { required: true, type: () => Number, maximum: 1_000 }, names: { required: false } });
    await addValidatorBoundsToOpenApi(async () => ({ '@nestjs/swagger': { models: [[Promise.resolve({ Shape }), { Shape: {} }]] } }));
    const properties = cls._OPENAPI_METADATA_FACTORY();
    expect(properties.pods).toMatchObject({ required: true, minimum: 1, maximum: 1_000 });
    expect(properties.names).toEqual({ required: false, maxItems: 20, maxLength: 64 });
  });
});
