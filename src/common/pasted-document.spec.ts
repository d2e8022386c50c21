import { describe, expect, it } from 'vitest';
import { DomainError } from './domain-error.js';
import { findJsonErrorOffset, locateOffset, parsePastedJson, parsePastedYaml, parsePastedYamlDocuments } from './pasted-document.js';

// Malformed pasted documents name where they failed (line and column, 1-based).

describe('parsePastedJson', () => {
  it.each([
    // V8 gives "position 8 (line 1 column 9)" for this one ...
    { name: 'trailing comma', text: '{"a": 1,}', line: 1, column: 9 },
    // ... and no position for an unexpected token: the scanner finds it (line 3: four spaces, {"PrivateIpAddresses": [ ends at column 28, the "}" is 29).
    { name: 'unexpected token', text: '{\n  "NetworkInterfaces": [\n    {"PrivateIpAddresses": [}\n  ]\n}', line: 3, column: 29 },
    { name: 'cut short', text: '{"items": [\n  {"metadata": {"name": "a"}}', line: 2, column: 30 },
    { name: 'empty', text: '', line: 1, column: 1 },
  ])('$name: line $line, column $column', ({ text, line, column }) => {
    try {
      parsePastedJson(text, 'doc', 1024);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).details).toMatchObject({ field: 'doc', rule: 'malformed-json', line, column });
    }
  });

  it('refuses more bytes than allowed, naming the limit', () => {
    expect(() => parsePastedJson('[' + '1,'.repeat(600) + '1]', 'doc', 1024)).toThrow(/at most 1024 are read/);
  });

  it('the scanner and locateOffset agree with valid JSON', () => {
    const text = '{"a": [1, 2, {"b": null}]}';
    expect(findJsonErrorOffset(text)).toBe(text.length);
    expect(locateOffset('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});

describe('parsePastedYaml', () => {
  it('an unclosed quote: line and column', () => {
    try {
      parsePastedYaml('data:\n  enable-windows-ipam: "true\n', 'cm', 1024);
      expect.unreachable();
    } catch (e) {
      expect((e as DomainError).details).toMatchObject({
        field: 'cm',
        rule: 'malformed-yaml',
        line: expect.any(Number),
        column: expect.any(Number),
      });
    }
  });

  it('several documents, blank ones dropped, bounded in number', () => {
    expect(parsePastedYamlDocuments('---\na: 1\n---\n---\nb: 2\n', 'p', 1024, 5)).toEqual([{ a: 1 }, { b: 2 }]);
    expect(() => parsePastedYamlDocuments('a: 1\n---\nb: 2\n---\nc: 3\n', 'p', 1024, 2)).toThrow(/at most 2 are read/);
  });
});
