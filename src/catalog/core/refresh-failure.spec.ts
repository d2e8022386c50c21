import { describe, expect, it } from 'vitest';
import { describeRefreshFailure, publicRefreshError } from './refresh-failure.js';

function named(name: string, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { name }, extra);
}

describe('describeRefreshFailure', () => {
  it.each([
    [
      named('Ec2CatalogFetchError', 'EC2 DescribeInstanceTypes page 1 in us-east-1 returned a malformed record: ...', {
        code: 'MalformedRecord',
      }),
      'EC2_RECORD_INVALID',
    ],
    [
      named('Ec2CatalogFetchError', 'EC2 DescribeRegions in us-east-1 failed: connect ECONNREFUSED 127.0.0.1:9', {
        cause: named('Error', 'x', { code: 'ECONNREFUSED' }),
      }),
      'EC2_UNREACHABLE',
    ],
    [
      named('Ec2CatalogFetchError', 'EC2 DescribeInstanceTypes page 2 in us-east-1 failed after 3 attempts: InternalError (HTTP 500)', {
        code: 'InternalError',
      }),
      'EC2_REQUEST_FAILED',
    ],
    [
      named(
        'Ec2CatalogFetchError',
        'EC2 DescribeInstanceTypeOfferings page 1 in af-south-1 failed after 1 attempt: AuthFailure (HTTP 401)',
        {
          code: 'AuthFailure',
          regionNotEnabled: 'af-south-1',
        },
      ),
      'EC2_REGION_NOT_ENABLED',
    ],
    [named('QueryFailedError', 'duplicate key value violates unique constraint "instance_type_pkey"', { code: '23505' }), 'DATABASE_ERROR'],
    [new Error('something else'), 'REFRESH_FAILED'],
  ])('records %s as %s on the first line, the error text after it', (err, code) => {
    const recorded = describeRefreshFailure(err);
    const [first, ...rest] = recorded.split('\n');
    expect(first.startsWith(`${code}: `)).toBe(true);
    expect(first).not.toContain((err as Error).message);
    expect(rest.join('\n')).toContain((err as Error).message);
    expect(publicRefreshError(recorded)).toBe(first);
  });

  it('shows older single-line errors as they are, and null as null', () => {
    expect(publicRefreshError('Interrupted')).toBe('Interrupted');
    expect(publicRefreshError(null)).toBeNull();
  });
});
