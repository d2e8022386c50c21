import { describe, expect, it } from 'vitest';
import { isUuid } from './uuid.js';

describe('isUuid', () => {
  it('takes the 8-4-4-4-12 hex form, in either case', () => {
    expect(isUuid('fe270039-cc43-4d6e-9d02-95c7ae9f7a6e')).toBe(true);
    expect(isUuid('FE270039-CC43-4D6E-9D02-95C7AE9F7A6E')).toBe(true);
    expect(isUuid('00000000-0000-0000-0000-000000000000')).toBe(true);
  });

  it('refuses 36 characters of hex and dashes in any other shape', () => {
    for (const value of [
      'a'.repeat(36),
      '-'.repeat(36),
      '1'.repeat(36),
      'fe270039cc434d6e9d0295c7ae9f7a6e----',
      'fe270039-cc43-4d6e-9d02-95c7ae9f7a6',
      'enp_bAfXnSe2',
    ]) {
      expect(isUuid(value), value).toBe(false);
    }
  });
});
