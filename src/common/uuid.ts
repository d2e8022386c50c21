const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a string is a UUID as PostgreSQL's uuid type reads it (8-4-4-4-12 hex digits). An id of
 * any other shape names nothing: asking the database for it would be an invalid-input error (22P02).
 */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
