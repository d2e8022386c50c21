import { describe, expect, it } from 'vitest';
import { computeEtag, matchesIfNoneMatch } from './http-caching.js';

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
