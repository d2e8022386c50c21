import { describe, expect, it } from 'vitest';
import { computeEtag, computeRequestEtag, graphqlGetReadsOnlyCatalog, matchesIfNoneMatch, normaliseUrl } from './http-caching.js';

describe('ETags', () => {
  const tag = computeEtag('run-1', 'GET', '/api/v1/capacity?family=m5', '[{"maxPods":110}]');

  it('is a strong, quoted tag that depends on the catalog version, the request and the answer', () => {
    expect(tag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(computeEtag('run-1', 'GET', '/api/v1/capacity?family=m5', '[{"maxPods":110}]')).toBe(tag);
    expect(computeEtag('run-2', 'GET', '/api/v1/capacity?family=m5', '[{"maxPods":110}]')).not.toBe(tag);
    expect(computeEtag('run-1', 'GET', '/api/v1/capacity?family=c5', '[{"maxPods":110}]')).not.toBe(tag);
    expect(computeEtag('run-1', 'GET', '/api/v1/capacity?family=m5', '[{"maxPods":29}]')).not.toBe(tag);
    // HEAD asks for the same representation as GET
    expect(computeEtag('run-1', 'HEAD', '/api/v1/capacity?family=m5', Buffer.from('[{"maxPods":110}]'))).toBe(tag);
  });

  it.each([
    ['the tag itself', tag, true],
    ['the tag, weak', `W/${tag}`, true],
    ['a list holding it', `"x", ${tag}`, true],
    ['any tag', '*', true],
    ['another tag', '"x"', false],
    ['no header', undefined, false],
  ] as const)('If-None-Match with %s matches: %s', (_what, header, matches) => {
    expect(matchesIfNoneMatch(header, tag)).toBe(matches);
  });
});

describe('request tags (a revalidation answered before the handler)', () => {
  const parts = {
    fingerprint: 'build-1',
    catalogVersion: 'run-1',
    priceVersion: 'prices-1',
    method: 'GET',
    url: '/api/v1/capacity/m5.large?os=windows&ipMode=secondary-ip',
    accept: undefined,
    principal: '-',
  };
  const tag = computeRequestEtag(parts);

  it('is a strong, quoted tag, the same for the same request', () => {
    expect(tag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(computeRequestEtag({ ...parts })).toBe(tag);
    // HEAD asks for the same representation as GET; the order of different parameters does not matter.
    expect(computeRequestEtag({ ...parts, method: 'HEAD' })).toBe(tag);
    // No Accept header asks for anything, as `*/*` does.
    expect(computeRequestEtag({ ...parts, accept: '*/*' })).toBe(tag);
    expect(computeRequestEtag({ ...parts, url: '/api/v1/capacity/m5.large?ipMode=secondary-ip&os=windows' })).toBe(tag);
  });

  it.each([
    ['a catalog refresh', { catalogVersion: 'run-2' }],
    ['no catalog yet', { catalogVersion: null }],
    ['other prices', { priceVersion: 'prices-2' }],
    ['another build or configuration', { fingerprint: 'build-2' }],
    ['another URL', { url: '/api/v1/capacity/m5.xlarge?os=windows&ipMode=secondary-ip' }],
    ['another query value', { url: '/api/v1/capacity/m5.large?os=linux&ipMode=secondary-ip' }],
    ['a repeated parameter in another order', { url: '/api/v1/capacity?os=windows&os=linux' }],
    ['another Accept', { accept: 'text/csv' }],
    ['a key presented', { principal: 'key:bootstrap' }],
    ['another key', { principal: 'key:0b7c2c7e-0000-4000-8000-000000000001' }],
  ] as const)('changes with %s', (_what, change) => {
    expect(computeRequestEtag({ ...parts, ...change })).not.toBe(tag);
  });

  it('keeps repeated parameters in their order and sorts the rest by name', () => {
    expect(normaliseUrl('/x?os=windows&os=linux')).toBe('/x?os=windows&os=linux');
    expect(normaliseUrl('/x?b=1&a=2&b=0')).toBe('/x?a=2&b=1&b=0');
    expect(normaliseUrl('/x')).toBe('/x');
    expect(computeRequestEtag({ ...parts, url: '/x?os=windows&os=linux' })).not.toBe(
      computeRequestEtag({ ...parts, url: '/x?os=linux&os=windows' }),
    );
  });
});

describe('which GraphQL GETs are revalidated before they run', () => {
  const get = (query: string, extra = '') => `/graphql?query=${encodeURIComponent(query)}${extra}`;

  it.each([
    ['a catalog query', '{ instanceType(name: "m5.large") { name } }', '', true],
    [
      'several catalog fields, a fragment and an inline fragment',
      '{ __typename ...F ... on Query { policyTemplates { id } } } fragment F on Query { nodeCapacity(input: {instanceType: "m5.large", os: WINDOWS, ipMode: SECONDARY_IP}) { maxPods } }',
      '',
      true,
    ],
    ['the named operation of several', 'query A { apiKeys { id } } query B { policyTemplates { id } }', '&operationName=B', true],
    ['API keys (state)', '{ apiKeys { id } }', '', false],
    ['refresh runs (state), next to a catalog field', '{ instanceType(name: "m5.large") { name } catalogRefreshes { id } }', '', false],
    ['state behind a fragment', '{ ...F } fragment F on Query { catalogRefreshes { id } }', '', false],
    ['a field nobody has listed', '{ somethingNew }', '', false],
    ['a mutation', 'mutation { refreshCatalog { id } }', '', false],
    ['several operations and no name', 'query A { __typename } query B { __typename }', '', false],
    ['a name that is not there', 'query A { __typename }', '&operationName=B', false],
    ['a syntax error', '{ instanceType(', '', false],
    ['an unknown fragment', '{ ...Nope }', '', false],
  ])('%s: %s', (_what, query, extra, expected) => {
    expect(graphqlGetReadsOnlyCatalog(get(query, extra), 1000)).toBe(expected);
  });

  it('is false with no query or two, and beyond the token limit', () => {
    expect(graphqlGetReadsOnlyCatalog('/graphql', 1000)).toBe(false);
    expect(graphqlGetReadsOnlyCatalog('/graphql?variables=%7B%7D', 1000)).toBe(false);
    expect(graphqlGetReadsOnlyCatalog(`${get('{ __typename }')}&query=${encodeURIComponent('{ apiKeys { id } }')}`, 1000)).toBe(false);
    expect(graphqlGetReadsOnlyCatalog(get('{ __typename __typename __typename }'), 3)).toBe(false);
  });
});
