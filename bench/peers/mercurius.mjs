// Mercurius on Fastify 5 with graphql-jit (`jit: 1`: a query is compiled after its first run).
import Fastify from 'fastify';
import mercurius from 'mercurius';
import { HOST, PORT, RESOLVERS, TYPE_DEFS, onListening } from './shared.mjs';

const app = Fastify({ logger: false });
app.get('/ready', async () => ({ status: 'ok' }));
await app.register(mercurius, { schema: TYPE_DEFS, resolvers: RESOLVERS, jit: 1, graphiql: false });
await app.listen({ port: PORT, host: HOST });
onListening(app.server.address().port, () => app.close());
