import { createHash, hash } from 'node:crypto';
import { Kind, parse, type DocumentNode, type SelectionSetNode } from 'graphql';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestState } from './request-state.js';

/**
 * HTTP caching for every GET (and HEAD): REST answers and GraphQL over GET, with no per-route code.
 *
 * A 200 gets an `ETag` and a `Cache-Control` policy; a request whose `If-None-Match` names that tag
 * gets 304 with no body. For answers that depend only on the request and the catalog, the tag is
 * derived from those alone, so a revalidation is answered before routing reaches the handler (no
 * guard, pipe, resolver or GraphQL execution runs). The tag of such a request covers everything its
 * answer depends on:
 * - the catalog version (the refresh run id) and the prices in service (a content hash of the price view);
 * - the build and configuration (`fingerprint`): the same URL may answer differently under another release or settings;
 * - the method (HEAD as GET), the URL with its query parameters (sorted by name, so the order of different
 *   names does not matter; repeated names keep their order), and the `Accept` header (JSON or CSV; none at all counts as any type);
 * - who asks: no key, or the id of the API key presented (a key this replica has verified recently).
 * Anything else (a key not yet verified, state that changes without a refresh: refresh runs and API keys,
 * GraphQL documents that read them) keeps the tag of the answer itself, computed after the handler ran.
 * A GraphQL GET's document is read (parsed, for its root fields) when its answer is tagged, not on
 * arrival: a request tag is only ever given to a document of catalog fields, so a request whose
 * If-None-Match names its request tag is that same request, already read.
 * A refresh that installs a new catalog, or new prices, changes every tag.
 */
export interface HttpCachingOptions {
  /** The catalog version in service (the refresh run id), or null before a catalog is loaded. */
  catalogVersion: () => string | null;
  /** Identifies the prices in service: changes whenever the price view is replaced with other content. */
  priceVersion: () => string;
  /** AUTH_READS=key: reads carry a key, so no shared cache may keep them. */
  readsNeedKey: boolean;
  /** The build and the configuration the answers are computed under (no secrets). */
  fingerprint: string;
  /**
   * The id of the API key `key` is known to belong to without a database lookup (the bootstrap key,
   * or one verified in the last seconds); null or undefined when it is not known to be valid.
   */
  knownKeyId: (key: string) => string | null | undefined;
  /** The GraphQL parser's token limit (GRAPHQL_MAX_TOKENS). */
  maxGraphqlTokens: number;
}

/** Answers that change without a catalog refresh (refresh runs, API keys): kept, but revalidated every time. */
const STATE_ROUTES = /^\/api\/v1\/(catalog\/refreshes|api-keys)(\/|\?|$)/;
/** Probes and scrapes are about this moment: never kept. */
const LIVE_ROUTES = /^\/(health|metrics)(\/|\?|$)/;
const GRAPHQL = /^\/graphql(\?|$)/;
/** Catalog and template answers may be reused for a minute, then revalidated (a 304 is cheap). */
export const CATALOG_MAX_AGE_SECONDS = 60;

/**
 * Query fields whose answers depend only on their arguments, the catalog, the prices and the
 * configuration: a GraphQL GET selecting only these is revalidated before it runs. Every other
 * field (state: `apiKeys`, `catalogRefreshes`; and any field added later until it is listed here)
 * gets the tag of its answer. http-caching.e2e.spec.ts checks that every Query field is in one list.
 */
export const CATALOG_QUERY_FIELDS: ReadonlySet<string> = new Set([
  '__typename',
  'auditCluster',
  'checkPolicyForWindows',
  'compareModes',
  'diagnose',
  'instanceType',
  'instanceTypes',
  'nodeCapacity',
  'planKarpenterWindows',
  'podCapacityTable',
  'policyTemplate',
  'policyTemplates',
  'recommendCni',
  'renderTemplate',
  'sizeNodeGroups',
  'subnetPrefixAvailability',
  'subnetUsage',
  'windowsEligibilities',
  'windowsEligibility',
  'windowsServicesCheck',
]);
/** Query fields that read state changing without a refresh: never revalidated before they run. */
export const STATE_QUERY_FIELDS: ReadonlySet<string> = new Set(['apiKeys', 'catalogRefreshes']);

/**
 * What was decided on a GET's arrival, for its answer: its own tag, or none (the answer's tag
 * applies); `versions` as they were on arrival (the handler reads the same or a newer catalog, so a
 * tag never names an older catalog than its answer's), and whether a key not yet verified held it back.
 */
export interface ArrivalTag {
  tag: string | null;
  catalogVersion: string | null;
  priceVersion: string;
  keyPending: boolean;
  /** A GraphQL GET whose document has not been read yet: its answer gets the request's tag only if it reads only catalog fields. */
  graphqlUnread: boolean;
}

function tagOf(digest: string): string {
  return `"${digest.slice(0, 27)}"`;
}

/** The tag of an answer: the catalog version, the request (method and URL) and the answer itself. */
export function computeEtag(catalogVersion: string | null, method: string, url: string, payload: string | Buffer): string {
  const sha1 = createHash('sha1');
  sha1.update(`${catalogVersion ?? '-'}\n${method === 'HEAD' ? 'GET' : method}\n${url}\n`);
  sha1.update(payload);
  return tagOf(sha1.digest('base64url'));
}

export interface RequestTagParts {
  fingerprint: string;
  catalogVersion: string | null;
  priceVersion: string;
  method: string;
  url: string;
  accept: string | undefined;
  /** `-` with no key, else the id of the key presented. */
  principal: string;
}

/** The tag of a request whose answer depends only on these parts (see HttpCachingOptions). */
export function computeRequestEtag(p: RequestTagParts): string {
  // One-shot hash of a short string (node:crypto `hash`): about half the cost of createHash, on every revalidation.
  return tagOf(
    hash(
      'sha1',
      `request\n${p.fingerprint}\n${p.catalogVersion ?? '-'}\n${p.priceVersion}\n${p.method === 'HEAD' ? 'GET' : p.method}\n` +
        `${normaliseUrl(p.url)}\n${p.accept?.trim() || '*/*'}\n${p.principal}`,
      'base64url',
    ),
  );
}

/**
 * The URL with its query parameters ordered by name (raw, not decoded; a stable sort, so repeated
 * names keep their order): `?b=1&a=2` and `?a=2&b=1` ask the same.
 */
export function normaliseUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = url.slice(q + 1).split('&');
  if (params.length < 2) return url;
  const name = (p: string) => {
    const eq = p.indexOf('=');
    return eq < 0 ? p : p.slice(0, eq);
  };
  params.sort((x, y) => {
    const a = name(x);
    const b = name(y);
    return a < b ? -1 : a > b ? 1 : 0;
  });
  return `${url.slice(0, q)}?${params.join('&')}`;
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

/** The same, without `*`: before the handler, whether an answer exists at all is not known. */
function namesTag(header: string | undefined, etag: string): boolean {
  return header !== undefined && header !== '*' && header.includes(etag.slice(1, -1)) && matchesIfNoneMatch(header, etag);
}

/** The root fields an operation selects (fragments followed), or null when it is not a plain query. */
function rootFields(document: DocumentNode, operationName: string | undefined): string[] | null {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName
    ? operations.find((o) => o.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  if (!operation || operation.operation !== 'query') return null;
  const fragments = new Map<string, SelectionSetNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d.selectionSet);
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode): boolean => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) out.push(s.name.value);
      else if (s.kind === Kind.INLINE_FRAGMENT) {
        if (!walk(s.selectionSet)) return false;
      } else {
        const f = fragments.get(s.name.value);
        if (!f) return false;
        if (seen.has(s.name.value)) continue;
        seen.add(s.name.value);
        if (!walk(f)) return false;
      }
    }
    return true;
  };
  return walk(operation.selectionSet) ? out : null;
}

/**
 * Whether a GraphQL GET (its query string) asks only for catalog answers, so that its tag may be
 * derived from the request. Anything unusual (no or several documents, a parse error, a mutation, a
 * state field, persisted queries) is not: it runs, and its answer's tag applies.
 */
export function graphqlGetReadsOnlyCatalog(url: string, maxTokens: number): boolean {
  const q = url.indexOf('?');
  if (q < 0) return false;
  const params = new URLSearchParams(url.slice(q + 1));
  const queries = params.getAll('query');
  if (queries.length !== 1 || params.getAll('operationName').length > 1) return false;
  let document: DocumentNode;
  try {
    document = parse(queries[0], { maxTokens, noLocation: true });
  } catch {
    return false;
  }
  const fields = rootFields(document, params.get('operationName') ?? undefined);
  return fields !== null && fields.every((f) => CATALOG_QUERY_FIELDS.has(f));
}

/** Apollo's CSRF prevention lets a GET run when it carries one of these, or a non-simple content type. */
const PREFLIGHT_HEADERS = ['apollo-require-preflight', 'x-apollo-operation-name'];
const SIMPLE_CONTENT_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);

function wouldPassCsrfPrevention(request: FastifyRequest): boolean {
  if (PREFLIGHT_HEADERS.some((h) => request.headers[h] !== undefined)) return true;
  const type = request.headers['content-type'];
  return type !== undefined && !SIMPLE_CONTENT_TYPES.has(type.split(';')[0].trim().toLowerCase());
}

function appendVary(reply: FastifyReply, value: string): void {
  const current = reply.getHeader('vary');
  const list = typeof current === 'string' && current ? current.split(',').map((v) => v.trim()) : [];
  if (!list.some((v) => v.toLowerCase() === value.toLowerCase() || v === '*')) list.push(value);
  reply.header('vary', list.join(', '));
}

function scopeFor(request: FastifyRequest, options: HttpCachingOptions): string {
  return options.readsNeedKey || request.headers.authorization !== undefined ? 'private' : 'public';
}

function cacheControlFor(request: FastifyRequest, options: HttpCachingOptions, path: string): string {
  if (GRAPHQL.test(path)) return `${scopeFor(request, options)}, no-cache`;
  if (STATE_ROUTES.test(path)) return 'private, no-cache';
  return `${scopeFor(request, options)}, max-age=${CATALOG_MAX_AGE_SECONDS}`;
}

/** An answer of GraphQL with errors (Apollo writes `errors` first): not kept, no tag. */
function isGraphqlError(payload: string | Buffer): boolean {
  return typeof payload === 'string' ? payload.startsWith('{"errors":') : payload.subarray(0, 10).toString('latin1') === '{"errors":';
}

export interface HttpCaching {
  /**
   * For a GET or HEAD whose answer depends only on the request and the catalog: its tag, kept for
   * the answer. Returns the tag when `If-None-Match` names it (the request may be answered 304 now),
   * else null. Called once per request, on arrival.
   */
  checkOnArrival(request: FastifyRequest): string | null;
  /**
   * Answers 304 with the tag and the caching headers a 200 would carry, once the other onRequest
   * hooks (CORS) have run; no handler, guard, pipe or GraphQL runs.
   */
  sendNotModified(request: FastifyRequest, reply: FastifyReply, etag: string): void;
}

export function registerHttpCaching(fastify: FastifyInstance, options: HttpCachingOptions): HttpCaching {
  const principalOf = (request: FastifyRequest): string | null => {
    const header = request.headers.authorization;
    if (header === undefined) return options.readsNeedKey ? null : '-';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const id = match ? options.knownKeyId(match[1]) : null;
    return id ? `key:${id}` : null;
  };
  const tagFor = (request: FastifyRequest, a: ArrivalTag, principal: string): string =>
    computeRequestEtag({
      fingerprint: options.fingerprint,
      catalogVersion: a.catalogVersion,
      priceVersion: a.priceVersion,
      method: request.method,
      url: request.url,
      accept: request.headers.accept,
      principal,
    });

  /** Whether the answer may depend on more than the request and the catalog (state), or is not answered at all. */
  const answerTagOnly = (request: FastifyRequest): boolean => {
    const url = request.url;
    if (STATE_ROUTES.test(url) || LIVE_ROUTES.test(url) || request.routeOptions.url === undefined) return true;
    return GRAPHQL.test(url) && !wouldPassCsrfPrevention(request);
  };

  const sendNotModified = (request: FastifyRequest, reply: FastifyReply, etag: string): void => {
    requestState(request).answeredEarly = true;
    reply.code(304).header('cache-control', cacheControlFor(request, options, request.url));
    appendVary(reply, 'Accept');
    if (options.readsNeedKey) appendVary(reply, 'Authorization');
    reply.header('etag', etag).send();
  };

  // The 304 is sent once every onRequest hook (CORS headers among them) has run, before the body is read.
  fastify.addHook('preParsing', (request, reply, payload, done) => {
    const state = request.plannerState;
    const pending = state?.notModifiedTag;
    if (!state || !pending) return done(null, payload);
    state.notModifiedTag = null;
    sendNotModified(request, reply, pending);
  });

  /** The caching headers of a GET's answer, and 304 (null payload) when If-None-Match names its tag. */
  const tagAnswer = (request: FastifyRequest, reply: FastifyReply, payload: unknown): unknown => {
    const path = request.url;
    if (LIVE_ROUTES.test(path) || reply.statusCode !== 200) {
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
      return payload;
    }
    // Streams (static files of the docs page) keep what their sender set.
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    if (GRAPHQL.test(path) && isGraphqlError(payload)) {
      // GraphQL over GET: the same URL may ask for anything; errors are neither kept nor tagged.
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
      return payload;
    }
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', cacheControlFor(request, options, path));
    appendVary(reply, 'Accept');
    if (options.readsNeedKey) appendVary(reply, 'Authorization');
    const arrival = request.plannerState?.arrival;
    let etag = arrival?.tag ?? null;
    if (arrival?.keyPending) {
      // The handler has verified the key since it arrived: the answer gets the tag for that key.
      const principal = principalOf(request);
      if (principal !== null) etag = tagFor(request, arrival, principal);
    }
    // A GraphQL GET gets the request's tag only when its document reads catalog fields alone.
    if (etag !== null && arrival?.graphqlUnread && !graphqlGetReadsOnlyCatalog(path, options.maxGraphqlTokens)) etag = null;
    etag ??= computeEtag(options.catalogVersion(), request.method, request.url, payload);
    reply.header('etag', etag);
    if (matchesIfNoneMatch(request.headers['if-none-match'], etag)) {
      reply.code(304);
      reply.removeHeader('content-type');
      reply.removeHeader('content-length');
      return null;
    }
    return payload;
  };

  // A callback hook, not an async one: no promise for every answer.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (request.plannerState?.answeredEarly || (request.method !== 'GET' && request.method !== 'HEAD')) return done(null, payload);
    done(null, tagAnswer(request, reply, payload));
  });

  return {
    checkOnArrival(request) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return null;
      if (answerTagOnly(request)) return null;
      const a: ArrivalTag = {
        tag: null,
        catalogVersion: options.catalogVersion(),
        priceVersion: options.priceVersion(),
        keyPending: false,
        // Read (parsed) only when the answer is tagged: a request tag named by If-None-Match was given
        // only to this same request (URL, Accept, key, catalog, build) after its document was read.
        graphqlUnread: GRAPHQL.test(request.url),
      };
      const principal = principalOf(request);
      if (principal === null) a.keyPending = request.headers.authorization !== undefined;
      else a.tag = tagFor(request, a, principal);
      requestState(request).arrival = a;
      return a.tag !== null && namesTag(request.headers['if-none-match'], a.tag) ? a.tag : null;
    },
    sendNotModified(request, _reply, etag) {
      requestState(request).notModifiedTag = etag;
    },
  };
}
