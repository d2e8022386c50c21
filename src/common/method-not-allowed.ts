import type { FastifyInstance } from 'fastify';
import { DomainError, ErrorCode } from './domain-error.js';
import { errorBodyFor, mapError } from './error-mapping.js';

/** A route's path as a pattern: `:param` matches one segment, `*` the rest. */
function patternOf(url: string): RegExp {
  const source = url
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment === '*' ? '.*' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}$`);
}

function isCatchAll(url: string | undefined): boolean {
  return url === '*' || url === '/*';
}

/**
 * 405 for a known path asked with a method it does not answer, with an `Allow` header, instead of
 * the 404 Fastify gives: every route is recorded as it is added, and a request that found no route
 * is matched against the others' paths, and so is one a parametric route took for a path that is a
 * route of its own with other methods. The answer is the service's error envelope
 * (METHOD_NOT_ALLOWED; a GraphQL response on /graphql). Register before the routes are added (before Nest's init).
 */
export function registerMethodNotAllowed(fastify: FastifyInstance): void {
  const routes: Array<{ pattern: RegExp; methods: string[] }> = [];
  /** The methods of each path that is a route of its own (no parameters). */
  const literal = new Map<string, Set<string>>();
  fastify.addHook('onRoute', (route) => {
    // The catch-all OPTIONS route of the CORS plugin would make every path "known".
    if (isCatchAll(route.url)) return;
    // No route of the service answers OPTIONS itself: the GraphQL route lists it (@nestjs/apollo), but
    // Apollo answers it only with a CSRF refusal (400). A preflight CORS_ORIGINS allows is answered by
    // the CORS plugin; any other OPTIONS gets the 405 REST paths give.
    const methods = (Array.isArray(route.method) ? route.method : [route.method])
      .map((m) => String(m).toUpperCase())
      .filter((m) => m !== 'OPTIONS');
    routes.push({ pattern: patternOf(route.url), methods });
    if (!/[:*]/.test(route.url)) {
      const known = literal.get(route.url) ?? new Set<string>();
      for (const m of methods) known.add(m);
      literal.set(route.url, known);
    }
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    let allowed: Set<string> | undefined;
    // With CORS on, its catch-all OPTIONS route takes every OPTIONS request; for one it does not
    // answer (an origin not in CORS_ORIGINS, or no Origin) it calls the not-found handler, which
    // said 404 "Cannot OPTIONS" on a path whose routes have parameters. Such a request found no
    // route of its own: it gets the 405 it gets with CORS off.
    if (request.is404 || (request.method === 'OPTIONS' && isCatchAll(request.routeOptions.url))) {
      const path = request.url.split('?')[0];
      allowed = literal.get(path);
      if (!allowed) {
        allowed = new Set<string>();
        for (const route of routes) if (route.pattern.test(path)) for (const m of route.methods) allowed.add(m);
      }
    } else {
      // A path that is a route of its own, asked with a method that route does not answer, was
      // taken by a parametric route (static routes win otherwise): GET /api/v1/capacity/sizing is
      // not the capacity of a type called "sizing", and the path answers only its own methods.
      // (One map lookup; request.routeOptions builds an object on every read.)
      const q = request.url.indexOf('?');
      const own = literal.get(q < 0 ? request.url : request.url.slice(0, q));
      if (own && !own.has(request.method)) allowed = own;
    }
    if (!allowed || allowed.size === 0 || allowed.has(request.method)) return done();
    const path = request.url.split('?')[0];
    const allow = [...allowed].sort().join(', ');
    const mapped = mapError(
      new DomainError(ErrorCode.METHOD_NOT_ALLOWED, `${request.method} is not allowed on ${path.slice(0, 200)}; allowed: ${allow}`, {
        method: request.method,
        allowed: [...allowed].sort(),
      }),
    );
    reply
      .code(mapped.httpStatus)
      .header('allow', allow)
      .send(errorBodyFor(request.url, mapped, request.id));
  });
}
