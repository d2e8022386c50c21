import autocannon from 'autocannon';

function run(opts) {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

/**
 * One autocannon run against a target: { url, method, headers, body } or `requests` (a cycle).
 * Returns throughput (completed requests / duration) and latency percentiles in ms.
 */
export async function load(target, { connections = 10, duration = 5, countGraphqlErrors = false } = {}) {
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
    requests: requests ?? (onResponse ? [{ method: target.method ?? 'GET', path: target.path, headers: target.headers, body: target.body, onResponse }] : undefined),
    connections,
    duration,
    pipelining: 1,
    timeout: 10,
  });
  const seconds = result.duration;
  return {
    rps: result.requests.total / seconds,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    graphqlErrors,
    seconds,
  };
}
