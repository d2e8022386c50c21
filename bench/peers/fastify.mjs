// A plain Fastify 5 route (no GraphQL): the constant hello and the capacity-shaped answer.
import Fastify from 'fastify';
import { CAPACITY_ANSWER, HOST, PORT, onListening } from './shared.mjs';

const app = Fastify({ logger: false });
app.get('/ready', async () => ({ status: 'ok' }));
app.get('/', async () => ({ status: 'ok' }));
app.get('/capacity', async () => CAPACITY_ANSWER);
await app.listen({ port: PORT, host: HOST });
onListening(app.server.address().port, () => app.close());
