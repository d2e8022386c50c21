import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * HTTP caching for every GET (and HEAD): REST answers and GraphQL over GET. One onSend hook, no
 * per-route code. A 200 gets an `ETag` derived from the catalog version, the request (method
 * and URL) and the answer itself, and a `Cache-Control` policy; a request whose `If-None-Match`
 * names that tag gets 304 with no body. A refresh that installs a new catalog changes every tag.
 */
export interface HttpCachingOptions {
  /** The catalog version in service (the refresh run id), or null before a catalog is loaded. */
  catalogVersion: () => string | null;
  /** AUTH_READS=key: reads carry a key, so no shared cache may keep them. */
  readsNeedKey: boolean;
}

/** Answers that change without a catalog refresh (refresh runs, API keys): kept, but revalidated every time. */
const STATE_ROUTES = /^\/api\/v1\/(catalog\/refreshes|api-keys)(\/|\?|$)/;
/** Probes and scrapes are about this moment: never kept. */
const LIVE_ROUTES = /^\/(health|metrics)(\/|\?|$)/;
const GRAPHQL = /^\/graphql(\?|$)/;
/** Catalog and template answers may be reused for a minute, then revalidated (a 304 is cheap). */
export const CATALOG_MAX_AGE_SECONDS = 60;

export function computeEtag(catalogVersion: string | null, method: string, url: string, payload: string | Buffer): string {
  const hash = createHash('sha1');
  hash.update(`${catalogVersion ?? '-'}\n${method === 'HEAD' ? 'GET' : method}\n${url}\n`);
  hash.update(payload);
  return `"${hash.digest('base64url').slice(0, 27)}"`;
}

/** Whether an If-None-Match header (a list of tags, weak or strong, or `*`) names `etag`. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === bare;
  });
}

function appendVary(reply: FastifyReply, value: string): void {
  const current = reply.getHeader('vary');
  const list = typeof current === 'string' && current ? current.split(',').map((v) => v.trim()) : [];
  if (!list.some((v) => v.toLowerCase() === value.toLowerCase() || v === '*')) list.push(value);
  reply.header('vary', list.join(', '));
}

function cacheControlFor(request: FastifyRequest, options: HttpCachingOptions, path: string, payload: string | Buffer): string {
  const scope = options.readsNeedKey || request.headers.authorization !== undefined ? 'private' : 'public';
  if (GRAPHQL.test(path)) {
    // GraphQL over GET: the same URL may ask for anything; errors are not kept.
    const text = typeof payload === 'string' ? payload : '';
    return text.startsWith('{"errors":') ? 'no-store' : `${scope}, no-cache`;
  }
  if (STATE_ROUTES.test(path)) return 'private, no-cache';
  return `${scope}, max-age=${CATALOG_MAX_AGE_SECONDS}`;
}

export function registerHttpCaching(fastify: FastifyInstance, options: HttpCachingOptions): void {
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return payload;
    const path = request.url;
    if (LIVE_ROUTES.test(path) || reply.statusCode !== 200) {
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
      return payload;
    }
    // Streams (static files of the docs page) keep what their sender set.
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', cacheControlFor(request, options, path, payload));
    appendVary(reply, 'Accept');
    if (options.readsNeedKey) appendVary(reply, 'Authorization');
    const etag = computeEtag(options.catalogVersion(), request.method, request.url, payload);
    reply.header('etag', etag);
    if (matchesIfNoneMatch(request.headers['if-none-match'], etag)) {
      reply.code(304);
      reply.removeHeader('content-type');
      reply.removeHeader('content-length');
      return null;
    }
    return payload;
  });
}
