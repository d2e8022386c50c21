// GraphQL Yoga 5 on node:http, its default settings but GraphiQL off (as in production).
import { createServer } from 'node:http';
import { createSchema, createYoga } from 'graphql-yoga';
import { HOST, PORT, RESOLVERS, TYPE_DEFS, onListening } from './shared.mjs';

const yoga = createYoga({ schema: createSchema({ typeDefs: TYPE_DEFS, resolvers: RESOLVERS }), graphiql: false });
const server = createServer((req, res) => {
  if (req.url === '/ready') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"status":"ok"}');
    return;
  }
  yoga(req, res);
});
server.keepAliveTimeout = 65_000;
server.listen(PORT, HOST, () => onListening(server.address().port, () => new Promise((r) => server.close(r))));
