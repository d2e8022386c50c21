// What the scenarios learn from the running service before they are timed: the catalog's instance
// type names (for the varied inputs) and whether it sends ETags (then the repeated GETs send
// If-None-Match and expect 304), and whether the whole-catalog pods table exists. Detected, not configured.
import { GRAPHQL_GET_CAPACITY, POD_TABLE, gql, requests } from '../scenarios.mjs';

async function send(url, r) {
  const res = await fetch(url + r.path, { method: r.method, headers: r.headers, body: r.body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text };
}

/** Every instance type name in the service's catalog, paged through GraphQL `instanceTypes`. */
export async function fetchInstanceTypeNames(url) {
  const names = [];
  let after = null;
  for (;;) {
    const q = gql(
      'query Names($after: String) { instanceTypes(first: 500, after: $after) { pageInfo { hasNextPage endCursor } nodes { name } } }',
      { after },
    );
    const res = await send(url, q);
    const page = JSON.parse(res.text).data?.instanceTypes;
    if (!page) throw new Error(`instanceTypes failed: ${res.text.slice(0, 300)}`);
    names.push(...page.nodes.map((n) => n.name));
    if (!page.pageInfo.hasNextPage) return names;
    after = page.pageInfo.endCursor;
  }
}

/** { etag } of a request when the service sends one and answers If-None-Match with 304, else null. */
async function probeConditional(url, request) {
  const first = await send(url, request);
  const etag = first.headers.get('etag');
  if (first.status !== 200 || !etag) return { available: false, reason: first.status === 200 ? 'no ETag sent' : `status ${first.status}` };
  const again = await send(url, { ...request, headers: { ...request.headers, 'if-none-match': etag } });
  if (again.status !== 304) return { available: false, reason: `If-None-Match answered ${again.status}` };
  return { available: true, etag, cacheControl: first.headers.get('cache-control') };
}

/** Whether the whole-catalog pods table answers (REST 200; GraphQL without errors). */
async function probePodTable(url) {
  const rest = await send(url, POD_TABLE.rest);
  const graphql = await send(url, POD_TABLE.graphql);
  let graphqlOk = false;
  try {
    const body = JSON.parse(graphql.text);
    graphqlOk = graphql.status === 200 && !body.errors && Array.isArray(body.data?.podCapacityTable);
  } catch {
    /* not JSON */
  }
  return {
    rest: rest.status === 200 ? { available: true } : { available: false, reason: `status ${rest.status}` },
    graphql: graphqlOk ? { available: true } : { available: false, reason: graphql.text.slice(0, 160) },
  };
}

export async function probeService(url) {
  const [names, rest, graphqlGet, podTable] = [
    await fetchInstanceTypeNames(url),
    await probeConditional(url, requests.restCapacity),
    await probeConditional(url, GRAPHQL_GET_CAPACITY),
    await probePodTable(url),
  ];
  return { names, conditional: { rest, graphqlGet }, podTable };
}

/**
 * The autocannon target of a scenario on a server at `url`. A `conditional` scenario sends
 * If-None-Match with the probed ETag and expects 304 when the service supports it; otherwise it
 * repeats the plain GET (expects 200) and is marked as having no HTTP cache in this build.
 */
export function targetFor(s, url, ctx) {
  if (s.requests) return { url, requests: s.requests(ctx), expect: [200] };
  const c = s.conditional ? ctx.conditional[s.conditional] : null;
  if (c?.available)
    return { url: url + s.request.path, ...s.request, headers: { ...s.request.headers, 'if-none-match': c.etag }, expect: [304] };
  return { url: url + s.request.path, ...s.request, expect: s.expect ?? [200] };
}
