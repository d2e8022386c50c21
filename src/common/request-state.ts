import type { FastifyInstance } from 'fastify';
import type { ArrivalTag } from './http-caching.js';

/**
 * What the service's hooks decide about one request, for the hooks that run after them: the HTTP
 * cache's tag and whether the request was answered 304 on arrival (http-caching.ts), and the client
 * the rate limit charged (rate-limit.service.ts).
 *
 * Kept on Fastify's request as one decorated property, so every request object has the same shape
 * and nothing outlives it. (WeakMaps keyed by requests did the same job, but each insertion of a
 * short-lived key into a long-lived table is extra work for V8's garbage collector, on every request.)
 */
export interface RequestState {
  /** The HTTP cache's decision on arrival (http-caching.ts), or null for a request it does not tag on arrival. */
  arrival: ArrivalTag | null;
  /** The tag of a 304 to be sent once every onRequest hook has run, or null. */
  notModifiedTag: string | null;
  /** Whether the request was answered 304 before routing reached its handler. */
  answeredEarly: boolean;
  /** The client the rate limit charged this request to (`key:<id>` or `ip:<address>`), or null. */
  rateTracker: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    plannerState: RequestState | null;
  }
}

/** Gives every request the property (null until the first onRequest hook fills it). Register before the routes. */
export function registerRequestState(fastify: FastifyInstance): void {
  fastify.decorateRequest('plannerState', null);
}

/** The request's state, created on first use; every object has the same fields, in the same order. */
export function requestState(request: object): RequestState {
  return ((request as { plannerState?: RequestState | null }).plannerState ??= {
    arrival: null,
    notModifiedTag: null,
    answeredEarly: false,
    rateTracker: null,
  });
}

/** The state of a request, if any hook made one (GraphQL's context passes the request as an object). */
export function existingRequestState(request: object): RequestState | null {
  return (request as { plannerState?: RequestState | null }).plannerState ?? null;
}
