// NestJS on Fastify with @nestjs/graphql and @nestjs/apollo (Apollo Server 5), the whole stack the
// design card names, with its defaults: the service's schema read schema-first and one resolver class
// whose method returns the constant answer. Nest runs its resolver chain around it (the parameter
// factory for `@Args`, the context creator), but no guard, interceptor, pipe or plugin is added.
// Plain JavaScript, so the decorators are applied by hand, as TypeScript's would be.
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApolloDriver } from '@nestjs/apollo';
import { Args, GraphQLModule, Query, Resolver } from '@nestjs/graphql';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { CAPACITY_ANSWER, HOST, PEER_ETAG, PORT, TYPE_DEFS, onListening } from './shared.mjs';

class CapacityResolver {
  nodeCapacity() {
    return CAPACITY_ANSWER;
  }
}
Args('input')(CapacityResolver.prototype, 'nodeCapacity', 0);
Query('nodeCapacity')(
  CapacityResolver.prototype,
  'nodeCapacity',
  Object.getOwnPropertyDescriptor(CapacityResolver.prototype, 'nodeCapacity'),
);
Resolver('Query')(CapacityResolver);

class AppModule {}
Module({
  imports: [GraphQLModule.forRoot({ driver: ApolloDriver, typeDefs: TYPE_DEFS, playground: false })],
  providers: [CapacityResolver],
})(AppModule);

const app = await NestFactory.create(AppModule, new FastifyAdapter(), { logger: false });
await app.init();
const fastify = app.getHttpAdapter().getInstance();
fastify.get('/ready', async () => ({ status: 'ok' }));
// A revalidation answered 304 on arrival, as the service answers one (an onRequest hook, before Nest's
// router), with the headers a 200 would carry, and nothing else: no log line, metrics, rate limit or tag.
const CONDITIONAL_PATH = '/api/v1/capacity/m5.large?os=windows&ipMode=secondary-ip';
fastify.addHook('onRequest', (request, reply, done) => {
  if (request.url !== CONDITIONAL_PATH || request.headers['if-none-match'] !== PEER_ETAG) return done();
  reply.code(304).header('cache-control', 'public, max-age=60').header('vary', 'Accept').header('etag', PEER_ETAG).send();
});
fastify.get('/api/v1/capacity/:name', async (_request, reply) => reply.header('etag', PEER_ETAG).send(CAPACITY_ANSWER));
await app.listen(PORT, HOST);
onListening(app.getHttpServer().address().port, () => app.close());
