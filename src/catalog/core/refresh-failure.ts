/**
 * How a failed refresh run is recorded: a first line anyone may read (a code and a short message
 * the service wrote), then the error's own text (SDK, driver and database details), which only an
 * admin key sees. Before, the whole text (e.g. an SDK's endpoint and a database's constraint names)
 * was readable without a key.
 */

export const RefreshFailure = {
  EC2_UNREACHABLE: 'EC2_UNREACHABLE',
  EC2_REQUEST_FAILED: 'EC2_REQUEST_FAILED',
  EC2_RECORD_INVALID: 'EC2_RECORD_INVALID',
  DATABASE_ERROR: 'DATABASE_ERROR',
  INTERRUPTED: 'INTERRUPTED',
  REFRESH_FAILED: 'REFRESH_FAILED',
} as const;
export type RefreshFailure = (typeof RefreshFailure)[keyof typeof RefreshFailure];

const SHORT: Record<RefreshFailure, string> = {
  EC2_UNREACHABLE: 'The EC2 API could not be reached',
  EC2_REQUEST_FAILED: 'An EC2 API request failed',
  EC2_RECORD_INVALID: 'EC2 described an instance type the catalog cannot read',
  DATABASE_ERROR: 'The database refused the refreshed catalog',
  INTERRUPTED: 'The process running this refresh stopped first',
  REFRESH_FAILED: 'The refresh failed',
};

/** Longest detail kept with a run. */
const MAX_DETAIL = 2_000;

function classify(err: unknown): RefreshFailure {
  const e = (err ?? {}) as { name?: unknown; code?: unknown; $metadata?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : '';
  if (e.name === 'MalformedInstanceTypeRecordError') return RefreshFailure.EC2_RECORD_INVALID;
  if (e.name === 'QueryFailedError' || /^[0-9A-Z]{5}$/.test(code)) return RefreshFailure.DATABASE_ERROR;
  if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH'].includes(code) || e.name === 'TimeoutError' || /connect|socket hang up|timed? ?out/i.test(message)) {
    return RefreshFailure.EC2_UNREACHABLE;
  }
  if (e.$metadata !== undefined) return RefreshFailure.EC2_REQUEST_FAILED;
  return RefreshFailure.REFRESH_FAILED;
}

/** The text recorded for a failed run: `CODE: short message` on the first line, then the details. */
export function describeRefreshFailure(err: unknown, failure: RefreshFailure = classify(err)): string {
  const detail = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return `${failure}: ${SHORT[failure]}\n${detail.slice(0, MAX_DETAIL)}`;
}

/** What a reader without an admin key sees of a recorded error: its first line. */
export function publicRefreshError(recorded: string | null): string | null {
  if (recorded === null) return null;
  const newline = recorded.indexOf('\n');
  return newline < 0 ? recorded : recorded.slice(0, newline);
}
