import { describe, expect, it } from 'vitest';
import { toEnumSpelling } from './capacity-enums.js';

describe('toEnumSpelling (REST kebab and GraphQL upper snake both accepted)', () => {
  it.each([
    ['windows', 'WINDOWS'],
    ['prefix-delegation', 'PREFIX_DELEGATION'],
    ['PREFIX_DELEGATION', 'PREFIX_DELEGATION'],
    ['windows-server-2022', 'WINDOWS_SERVER_2022'],
    ['terraform-self-managed', 'TERRAFORM_SELF_MANAGED'],
  ])('%s -> %s', (given, spelled) => {
    expect(toEnumSpelling({ value: given })).toBe(spelled);
  });

  it('spells each entry of a list, and leaves what is not a short word for the validator', () => {
    expect(toEnumSpelling({ value: ['windows', 'linux'] })).toEqual(['WINDOWS', 'LINUX']);
    for (const value of [3, null, undefined, 'two words', 'x'.repeat(41), 'windows;drop']) expect(toEnumSpelling({ value })).toBe(value);
  });
});
