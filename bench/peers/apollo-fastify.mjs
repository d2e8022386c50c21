// Apollo Server 5 on Fastify 5 through @as-integrations/fastify, the stack the service is built on,
// with its default settings and constant resolvers: the ceiling of that stack.
import { ApolloServer } from '@apollo/server';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import Fastify from 'fastify';
import { HOST, PORT, RESOLVERS, TYPE_DEFS, onListening } from './shared.mjs';

const app = Fastify({ logger: false });
const apollo = new ApolloServer({ typeDefs: TYPE_DEFS, resolvers: RESOLVERS, plugins: [fastifyApolloDrainPlugin(app)] });
await apollo.start();
app.get('/ready', async () => ({ status: 'ok' }));
await app.register(fastifyApollo(apollo));
await app.listen({ port: PORT, host: HOST });
onListening(app.server.address().port, () => app.close());
