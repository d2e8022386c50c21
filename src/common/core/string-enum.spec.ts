import { describe, expect, it } from 'vitest';

import { enumValues, stringEnum, type EnumValue } from './string-enum.js';

describe('stringEnum', () => {
  const Os = stringEnum('WINDOWS', 'LINUX');
  type Os = EnumValue<typeof Os>;

  it('maps each value to itself, in the order written', () => {
    expect(Os).toEqual({ WINDOWS: 'WINDOWS', LINUX: 'LINUX' });
    expect(Object.keys(stringEnum('B', 'A', 'C'))).toEqual(['B', 'A', 'C']);
    expect(enumValues(Os)).toEqual(['WINDOWS', 'LINUX']);
  });

  it('is frozen, so no caller can add or change a value the API lists', () => {
    expect(Object.isFrozen(Os)).toBe(true);
    expect(() => Object.assign(Os, { MACOS: 'MACOS' })).toThrow(TypeError);
  });

  it('derives the union type from the object', () => {
    const os: Os = Os.LINUX;
    // @ts-expect-error not a value of the enum
    const bad: Os = 'MACOS';
    expect([os, bad]).toEqual(['LINUX', 'MACOS']);
  });
});
