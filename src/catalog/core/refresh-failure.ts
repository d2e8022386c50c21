/**
 * How a failed refresh run is recorded: a first line anyone may read (a code and a short message
 * the service wrote), then the error's own text (SDK, driver and database details), which only an
 * admin key sees. Before, the whole text (e.g. an SDK's endpoint and a database's constraint names)
 * was readable without a key.
 */

export const RefreshFailure = {
  EC2_UNREACHABLE: 'EC2_UNREACHABLE',
  EC2_REQUEST_FAILED: 'EC2_REQUEST_FAILED',
  EC2_REGION_NOT_ENABLED: 'EC2_REGION_NOT_ENABLED',
  EC2_RECORD_INVALID: 'EC2_RECORD_INVALID',
  DATABASE_ERROR: 'DATABASE_ERROR',
  INTERRUPTED: 'INTERRUPTED',
  REFRESH_FAILED: 'REFRESH_FAILED',
} as const;
export type RefreshFailure = (typeof RefreshFailure)[keyof typeof RefreshFailure];

const SHORT: Record<RefreshFailure, string> = {
  EC2_UNREACHABLE: 'The EC2 API could not be reached',
  EC2_REQUEST_FAILED: 'An EC2 API request failed',
  EC2_REGION_NOT_ENABLED: 'A region to read is not enabled for the account, or is not an EC2 region',
  EC2_RECORD_INVALID: 'EC2 described an instance type the catalog cannot read',
  DATABASE_ERROR: 'The database refused the refreshed catalog',
  INTERRUPTED: 'The process running this refresh stopped first',
  REFRESH_FAILED: 'The refresh failed',
};

/** Longest detail kept with a run. */
const MAX_DETAIL = 2_000;

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'TimeoutError']);

/** Whether the error, or any error it wraps (`cause`), is a network failure. */
function isNetworkFailure(err: unknown): boolean {
  for (
    let e = err as { code?: unknown; name?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 5;
    e = e.cause as typeof e, depth++
  ) {
    if (NETWORK_CODES.has(String(e.code)) || NETWORK_CODES.has(String(e.name))) return true;
  }
  return false;
}

function classify(err: unknown): RefreshFailure {
  const e = (err ?? {}) as { name?: unknown; code?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  // Ec2CatalogFetchError (src/catalog/ec2/ec2-catalog-source.ts) wraps every failure of the EC2 source.
  if (e.name === 'Ec2CatalogFetchError') {
    if (code === 'MalformedRecord') return RefreshFailure.EC2_RECORD_INVALID;
    if ((err as { regionNotEnabled?: unknown }).regionNotEnabled !== undefined) return RefreshFailure.EC2_REGION_NOT_ENABLED;
    return isNetworkFailure(err) ? RefreshFailure.EC2_UNREACHABLE : RefreshFailure.EC2_REQUEST_FAILED;
  }
  if (e.name === 'MalformedInstanceTypeRecordError') return RefreshFailure.EC2_RECORD_INVALID;
  if (e.name === 'QueryFailedError' || /^[0-9A-Z]{5}$/.test(code)) return RefreshFailure.DATABASE_ERROR;
  if (isNetworkFailure(err)) return RefreshFailure.EC2_UNREACHABLE;
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
