import { pino } from 'pino';

/**
 * pino's error serializer without SQL parameters. A database error (TypeORM's QueryFailedError)
 * carries the statement's `parameters`, and its `driverError` the same: values from the request,
 * pasted text or key material among them, which the logs promise never to hold. The query text stays.
 */
export function serializeError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const out = pino.stdSerializers.err(err) as unknown as Record<string, unknown>;
  delete out.parameters;
  const driver = out.driverError;
  if (driver && typeof driver === 'object') {
    const { parameters: _parameters, ...rest } = driver as Record<string, unknown>;
    out.driverError = rest;
  }
  return out;
}
