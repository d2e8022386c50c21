import { applyDecorators } from '@nestjs/common';
import { Field, Int } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/**
 * A whole-number input field bounded to [min, max], the same in GraphQL (Int), OpenAPI and validation.
 * Every count the service takes is bounded: an absurd number is a clear VALIDATION_FAILED, not a long loop.
 */
export function IntField(min: number, max: number, description: string, openApi: { example?: number } = {}): PropertyDecorator {
  return applyDecorators(
    Field(() => Int, { description }),
    ApiProperty({ ...openApi, minimum: min, maximum: max }),
    IsInt(),
    Min(min),
    Max(max),
  );
}

/** The optional form of IntField: null or left out in GraphQL, left out in REST. */
export function OptionalIntField(min: number, max: number, description: string, openApi: { default?: number } = {}): PropertyDecorator {
  return applyDecorators(
    Field(() => Int, { nullable: true, description }),
    ApiPropertyOptional({ ...openApi, minimum: min, maximum: max }),
    IsOptional(),
    IsInt(),
    Min(min),
    Max(max),
  );
}
