import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';

/**
 * HEAD on /graphql answers as GET does, without the body. Fastify adds a HEAD route for every GET
 * route (and the 405 of another method lists it), and a revalidation by HEAD was answered 304, but
 * Apollo's handler reads the request's method and refused any HEAD with 405 (`allow: GET, POST`).
 * The HEAD route's handler is given the request as a GET; Fastify drops the body of a HEAD answer,
 * and Apollo treats it as a GET in every other way (queries only, CSRF prevention).
 * Register before the routes are added (before Nest's init).
 */
export function registerGraphqlHead(fastify: FastifyInstance, path = '/graphql'): void {
  fastify.addHook('onRoute', (route) => {
    if (route.url !== path || route.method !== 'HEAD') return;
    const handler = route.handler as (this: FastifyInstance, request: FastifyRequest, reply: FastifyReply) => unknown;
    route.handler = function (this: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
      const asGet = new Proxy(request, { get: (target, key) => (key === 'method' ? 'GET' : Reflect.get(target, key)) });
      return handler.call(this, asGet, reply);
    } as RouteHandlerMethod;
  });
}
