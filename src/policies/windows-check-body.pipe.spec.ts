import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { WindowsCheckBodyPipe } from './windows-check-body.pipe.js';

const YAML = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\n';
const body = { type: 'body' as const, metatype: String, data: undefined };

describe('the Windows check body pipe', () => {
  const pipe = new WindowsCheckBodyPipe();

  it('takes a text body (application/yaml, text/yaml) as the manifest itself', async () => {
    await expect(pipe.transform(YAML, body)).resolves.toBe(YAML);
    await expect(pipe.transform('', body)).resolves.toBe('');
  });

  it('takes the manifest out of a JSON {manifest} body', async () => {
    await expect(pipe.transform({ manifest: YAML }, body)).resolves.toBe(YAML);
  });

  it.each([
    ['no body', undefined],
    ['manifest missing', {}],
    ['manifest not a string', { manifest: 5 }],
    ['an unknown field', { manifest: YAML, strict: true }],
    ['an array', [YAML]],
    ['a number', 5],
  ])('%s is VALIDATION_FAILED', async (_name, value) => {
    const err = await pipe.transform(value, body).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe(ErrorCode.VALIDATION_FAILED);
  });
});
