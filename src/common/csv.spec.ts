import { describe, expect, it } from 'vitest';
import { formatCsv } from './csv.js';

describe('formatCsv (RFC 4180)', () => {
  it.each([
    ['plain', 'm5.large', 'm5.large'],
    ['a comma', 'a, b', '"a, b"'],
    ['a quote, doubled', 'say "hi"', '"say ""hi"""'],
    ['a line break', 'one\ntwo', '"one\ntwo"'],
    ['a number', 144, '144'],
    ['null, empty', null, ''],
  ] as const)('writes %s', (_what, value, field) => {
    expect(formatCsv(['h'], [[value]])).toBe(`h\r\n${field}\r\n`);
  });

  it('writes the header, then one CRLF-ended line per record', () => {
    expect(
      formatCsv(
        ['a', 'b'],
        [
          [1, 'x'],
          [2, null],
        ],
      ),
    ).toBe('a,b\r\n1,x\r\n2,\r\n');
  });
});
