import { LineCounter, parseAllDocuments, parseDocument } from 'yaml';
import { readScalarsAsKubernetes } from './kubernetes-yaml.js';
import { DomainError, ErrorCode } from './domain-error.js';

/**
 * Reading what users paste (kubectl and aws CLI output): bounded, and a malformed document is a
 * VALIDATION_FAILED naming the input field and where it failed (line and column), never a 500.
 * Pure: no I/O, nothing logged or kept.
 */

/** Line and column (both 1-based) of a character offset in a text. */
export function locateOffset(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

function tooLarge(field: string, bytes: number, limit: number): DomainError {
  return new DomainError(ErrorCode.VALIDATION_FAILED, `${field} is ${bytes} bytes; at most ${limit} are read`, {
    field,
    rule: 'max-bytes',
    bytes,
    limit,
  });
}

export function requireTextWithin(text: unknown, field: string, maxBytes: number): string {
  if (typeof text !== 'string') {
    throw new DomainError(ErrorCode.VALIDATION_FAILED, `${field} must be text`, { field, rule: 'text' });
  }
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxBytes) throw tooLarge(field, bytes, maxBytes);
  return text;
}

/** JSON.parse with the error's position turned into a line and column of the pasted text. */
export function parsePastedJson(text: unknown, field: string, maxBytes: number): unknown {
  const raw = requireTextWithin(text, field, maxBytes);
  try {
    return JSON.parse(raw);
  } catch (e) {
    const message = (e as Error).message;
    // V8: "... in JSON at position 42 (line 3 column 7)"; older forms give the position only.
    const m = /position (\d+)/.exec(message);
    const where = locateOffset(raw, m ? Number(m[1]) : findJsonErrorOffset(raw));
    const reason = m
      ? message.replace(/\s*\(line \d+ column \d+\)/, '')
      : (message.split(',')[0] ?? 'not JSON').replace(/\s*\.\.\.".*$/s, '');
    throw new DomainError(
      ErrorCode.VALIDATION_FAILED,
      `${field} is not valid JSON at line ${where.line}, column ${where.column}: ${reason}`,
      { field, rule: 'malformed-json', line: where.line, column: where.column },
    );
  }
}

/**
 * Where JSON.parse gave up, for the messages that carry no position ("Unexpected token '}', ..."):
 * a small scanner of the JSON grammar that returns the offset of the first character it cannot take.
 */
export function findJsonErrorOffset(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) fail();
      i++;
    }
  };
  const string = () => {
    if (text[i] !== '"') fail();
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail();
      i += text[i] === '\\' ? 2 : 1;
    }
    if (i >= text.length) fail();
    i++;
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '' || m[0] === '-') fail();
    i += (m as RegExpExecArray)[0].length;
  };
  const value = (depth: number): void => {
    if (depth > 512) fail();
    ws();
    const ch = text[i];
    if (ch === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else fail();
      }
    } else if (ch === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else fail();
      }
    } else if (ch === '"') string();
    else if (ch === 't') literal('true');
    else if (ch === 'f') literal('false');
    else if (ch === 'n') literal('null');
    else number();
  };
  try {
    value(0);
    ws();
    return i;
  } catch (offset) {
    return typeof offset === 'number' ? offset : text.length;
  }
}

/** One YAML document (or JSON, which is YAML), aliases bounded; errors name line and column. */
export function parsePastedYaml(text: unknown, field: string, maxBytes: number): unknown {
  const raw = requireTextWithin(text, field, maxBytes);
  const counter = new LineCounter();
  const document = parseDocument(raw, { lineCounter: counter, prettyErrors: false, uniqueKeys: false });
  const error = document.errors[0];
  if (error) {
    const pos = error.linePos?.[0] ?? counter.linePos(error.pos[0]);
    throw new DomainError(
      ErrorCode.VALIDATION_FAILED,
      `${field} is not valid YAML at line ${pos.line}, column ${pos.col}: ${error.message.split('\n')[0]}`,
      { field, rule: 'malformed-yaml', line: pos.line, column: pos.col },
    );
  }
  // Scalars as kubectl reads them (sigs.k8s.io/yaml, go-yaml): `yes` is true, `010` is 8.
  readScalarsAsKubernetes(document);
  try {
    return document.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new DomainError(ErrorCode.VALIDATION_FAILED, `${field} cannot be read as YAML: ${(e as Error).message}`, {
      field,
      rule: 'malformed-yaml',
    });
  }
}

/** A shape error inside a parsed document, naming its JSON path (`items[3].status.capacity`). */
export function shapeError(field: string, path: string, message: string): DomainError {
  return new DomainError(ErrorCode.VALIDATION_FAILED, `${field}: ${path}: ${message}`, { field, rule: 'document-shape', path });
}

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every YAML document of a pasted text (`---` separated), bounded; blank documents are dropped. */
export function parsePastedYamlDocuments(text: unknown, field: string, maxBytes: number, maxDocuments: number): unknown[] {
  const raw = requireTextWithin(text, field, maxBytes);
  const counter = new LineCounter();
  const documents = parseAllDocuments(raw, { lineCounter: counter, prettyErrors: false, uniqueKeys: false });
  const list = Array.isArray(documents) ? documents : [];
  if (list.length > maxDocuments) {
    throw new DomainError(ErrorCode.VALIDATION_FAILED, `${field} has ${list.length} YAML documents; at most ${maxDocuments} are read`, {
      field,
      rule: 'max-documents',
      limit: maxDocuments,
    });
  }
  const out: unknown[] = [];
  for (const document of list) {
    const error = document.errors[0];
    if (error) {
      const pos = error.linePos?.[0] ?? counter.linePos(error.pos[0]);
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        `${field} is not valid YAML at line ${pos.line}, column ${pos.col}: ${error.message.split('\n')[0]}`,
        { field, rule: 'malformed-yaml', line: pos.line, column: pos.col },
      );
    }
    readScalarsAsKubernetes(document);
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: 100 });
    } catch (e) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, `${field} cannot be read as YAML: ${(e as Error).message}`, {
        field,
        rule: 'malformed-yaml',
      });
    }
    if (value !== null && value !== undefined) out.push(value);
  }
  return out;
}
