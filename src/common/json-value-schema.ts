/**
 * Any JSON value, as an OpenAPI schema (`@ApiProperty({ nullable: true, oneOf: ANY_JSON_VALUE })`):
 * without it Nest documents a field typed `unknown` as an object, and strings and numbers fail it.
 */
export const ANY_JSON_VALUE = [
  { type: 'string' },
  { type: 'number' },
  { type: 'boolean' },
  { type: 'array', items: {} },
  { type: 'object' },
];
