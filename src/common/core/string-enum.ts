/**
 * A string enum declared once, as a plain frozen object whose every value is its own key
 * (`{ WINDOWS: 'WINDOWS', LINUX: 'LINUX' }`), with the union type derived from it:
 *
 * ```ts
 * export const NodeOs = stringEnum('WINDOWS', 'LINUX');
 * export type NodeOs = EnumValue<typeof NodeOs>;
 * ```
 *
 * Cores declare their enums this way; the edges register the same object with GraphQL and OpenAPI
 * (src/common/graphql-enum.ts), so a value the core adds or drops reaches the API without a second list.
 * The values keep the order they are written in: it is the order the API lists them.
 */
export type StringEnum<T extends string> = { readonly [K in T]: K };

/** The union of an enum object's values. */
export type EnumValue<E extends StringEnum<string>> = E[keyof E];

export function stringEnum<const T extends string>(...values: readonly [T, ...T[]]): StringEnum<T> {
  return Object.freeze(Object.fromEntries(values.map((v) => [v, v]))) as StringEnum<T>;
}

/** The values of an enum object, in declaration order. */
export function enumValues<T extends string>(e: StringEnum<T>): readonly T[] {
  return Object.values(e) as T[];
}
