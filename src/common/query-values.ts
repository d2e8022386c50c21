/**
 * Query strings carry text; these turn it into what an input class declares, and leave anything
 * else as it came for the validator to refuse, never guessing: `''` is not 0, `yes` not true.
 * GraphQL sends typed values, which pass through unchanged.
 */

/** A decimal integer becomes a number (`first=`, `first=1e3` and ` 5` stay text and fail isInt). */
export const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d{1,20}$/.test(value) ? Number(value) : value);

/** `true` and `false` become booleans. */
export const toBool = ({ value }: { value: unknown }) =>
  value === 'true' || value === true ? true : value === 'false' || value === false ? false : value;
