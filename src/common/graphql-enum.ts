import { applyDecorators } from '@nestjs/common';
import { Field, registerEnumType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';

/**
 * A GraphQL / OpenAPI enum object typed as exactly a core's string union (`{ [K in Union]: K }`),
 * so a value the core adds or drops breaks the type-check instead of failing at run time with
 * "Enum cannot represent value".
 */
export type EnumOf<T extends string> = { readonly [K in T]: K };

export function values<T extends string>(e: EnumOf<T>): T[] {
  return Object.values(e) as T[];
}

/** The names enums were registered under, so fields name them once. */
const enumNames = new WeakMap<object, string>();

/** Registers an enum with GraphQL under `name`; the same name then labels it in OpenAPI (EnumField). */
export function registerEnum<T extends string>(e: EnumOf<T>, options: { name: string; description?: string }): void {
  registerEnumType(e, options);
  enumNames.set(e, options.name);
}

/** A model field of a registered enum, with the same name and values in GraphQL and OpenAPI. */
export function EnumField<T extends string>(e: EnumOf<T>, options: { nullable?: boolean; description?: string } = {}): PropertyDecorator {
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
