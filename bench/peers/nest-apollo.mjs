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
import { CAPACITY_ANSWER, HOST, PORT, TYPE_DEFS, onListening } from './shared.mjs';

class CapacityResolver {
  nodeCapacity(_input) {
    return CAPACITY_ANSWER;
  }
}
Args('input')(CapacityResolver.prototype, 'nodeCapacity', 0);
Query('nodeCapacity')(CapacityResolver.prototype, 'nodeCapacity', Object.getOwnPropertyDescriptor(CapacityResolver.prototype, 'nodeCapacity'));
Resolver('Query')(CapacityResolver);

class AppModule {}
Module({
  imports: [GraphQLModule.forRoot({ driver: ApolloDriver, typeDefs: TYPE_DEFS, playground: false })],
  providers: [CapacityResolver],
})(AppModule);

const app = await NestFactory.create(AppModule, new FastifyAdapter(), { logger: false });
await app.init();
app
  .getHttpAdapter()
  .getInstance()
  .get('/ready', async () => ({ status: 'ok' }));
await app.listen(PORT, HOST);
onListening(app.getHttpServer().address().port, () => app.close());
