/** The deepest nesting of objects and arrays a request body may have; real inputs stay under 10. */
export const MAX_BODY_DEPTH = 64;

/**
 * Whether `value` nests objects and arrays more than `max` levels deep. Iterative, so a
 * hostile body cannot overflow the stack here either.
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}
