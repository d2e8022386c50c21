import { describe, expect, it } from 'vitest';
import { QueryFailedError } from 'typeorm';
import { serializeError } from './log-serializers.js';

describe('serializeError', () => {
  it('keeps what a database error says, not the values its statement was given', () => {
    const driverError = Object.assign(new Error('invalid input syntax for type uuid: "aaaa"'), { code: '22P02', parameters: ['aaaa'] });
    const err = new QueryFailedError('SELECT * FROM api_keys WHERE id = $1', ['secret-value'], driverError);
    const out = serializeError(err) as Record<string, any>;
    expect(out.message).toContain('invalid input syntax');
    expect(out.query).toBe('SELECT * FROM api_keys WHERE id = $1');
    expect(out.driverError.code).toBe('22P02');
    expect(JSON.stringify(out)).not.toContain('secret-value');
    expect(out).not.toHaveProperty('parameters');
    expect(out.driverError).not.toHaveProperty('parameters');
  });

  it('passes other errors through as pino writes them, and leaves non-errors alone', () => {
    expect(serializeError(new RangeError('x'))).toMatchObject({ type: 'RangeError', message: 'x' });
    expect(serializeError('plain')).toBe('plain');
  });
});
