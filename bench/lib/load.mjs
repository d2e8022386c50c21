import autocannon from 'autocannon';

function run(opts) {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

/**
 * One autocannon run against a target: { url, method, headers, body } or `requests` (a cycle, each
 * may have a setupRequest), and `expect` (the statuses that count as answered; default 200-299);
 * `overallRate` offers that many requests a second in all instead of sending as fast as answered.
 * Returns throughput (completed requests / duration), latency percentiles in ms, the count per status,
 * `unexpected` (answers with another status) and `rateLimited` (429s).
 */
export async function load(target, { connections = 10, duration = 5, countGraphqlErrors = false, overallRate } = {}) {
  let graphqlErrors = 0;
  const onResponse = countGraphqlErrors
    ? (status, body) => {
        if (typeof body === 'string' && body.includes('"errors"')) graphqlErrors++;
      }
    : undefined;
  const requests = target.requests?.map((r) => ({ ...r, ...(onResponse ? { onResponse } : {}) }));
  const result = await run({
    url: target.url,
    method: target.method ?? 'GET',
    headers: target.headers,
    body: target.body,
    requests:
      requests ??
      (onResponse
        ? [{ method: target.method ?? 'GET', path: target.path, headers: target.headers, body: target.body, onResponse }]
        : undefined),
    connections,
    duration,
    pipelining: 1,
    timeout: 10,
    // A fixed offered load (requests a second over all connections) instead of as fast as answered.
    ...(overallRate ? { overallRate } : {}),
  });
  const seconds = result.duration;
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, v]) => [code, v.count]));
  const expected = (code) => (target.expect ? target.expect.includes(Number(code)) : Number(code) >= 200 && Number(code) < 300);
  const unexpected = Object.entries(statusCodes).reduce((n, [code, count]) => n + (expected(code) ? 0 : count), 0);
  return {
    rps: result.requests.total / seconds,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes,
    unexpected,
    rateLimited: statusCodes['429'] ?? 0,
    bytesPerRequest: result.requests.total ? result.throughput.total / result.requests.total : NaN,
    graphqlErrors,
    seconds,
  };
}
