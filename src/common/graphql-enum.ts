/**
 * A GraphQL / OpenAPI enum object typed as exactly a core's string union (`{ [K in Union]: K }`),
 * so a value the core adds or drops breaks the type-check instead of failing at run time with
 * "Enum cannot represent value".
 */
export type EnumOf<T extends string> = { readonly [K in T]: K };

export function values<T extends string>(e: EnumOf<T>): T[] {
  return Object.values(e) as T[];
}
