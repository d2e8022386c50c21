import { applyDecorators } from '@nestjs/common';
import { Field, registerEnumType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';

import { enumValues, type StringEnum } from './core/string-enum.js';

/**
 * The edge of the enums the cores declare (src/common/core/string-enum.ts): each is registered
 * here once, under its API name, and the same object then gives GraphQL, OpenAPI and validation
 * its values, so a value the core adds or drops reaches the API without a second list.
 */

export function values<T extends string>(e: StringEnum<T>): T[] {
  return [...enumValues(e)];
}

/** The names enums were registered under, so fields name them once. */
const enumNames = new WeakMap<object, string>();

/**
 * Registers a core's enum with GraphQL under `name`; the same name then labels it in OpenAPI (EnumField).
 * Returns the enum, so an edge module exports it registered: `export const NodeOsEnum = registerEnum(NodeOs, ...)`.
 */
export function registerEnum<E extends StringEnum<string>>(
  e: E,
  options: { name: string; description?: string; valuesMap?: Partial<Record<keyof E, { description: string }>> },
): E {
  registerEnumType(e, options);
  enumNames.set(e, options.name);
  return e;
}

/** A model field of a registered enum, with the same name and values in GraphQL and OpenAPI. */
export function EnumField<T extends string>(
  e: StringEnum<T>,
  options: { nullable?: boolean; description?: string } = {},
): PropertyDecorator {
  const enumName = enumNames.get(e);
  if (enumName === undefined) throw new Error(`EnumField: register the enum with registerEnum first (${values(e).join(', ')})`);
  return applyDecorators(
    // Typed as a plain object: Field's option types are derived from the return type, and an enum has none of note.
    Field((): object => e, { nullable: options.nullable, description: options.description }),
    ApiProperty({
      enum: values(e),
      enumName,
      ...(options.nullable ? { nullable: true } : {}),
      ...(options.description ? { description: options.description } : {}),
    }),
  );
}
