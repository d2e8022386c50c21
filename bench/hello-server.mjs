// The machine's ceiling: a bare node:http server answering a constant, run in its own process
// like the service. Prints its port on stdout once listening.
// GET /capacity answers the peers' constant capacity-shaped JSON (bench/peers/shared.mjs).
import { createServer } from 'node:http';
import { CAPACITY_BODY, HELLO_BODY } from './peers/shared.mjs';

const server = createServer((req, res) => {
  // Drain any body so keep-alive connections stay usable.
  req.resume();
  req.on('end', () => {
    const body = req.url === '/capacity' ? CAPACITY_BODY : HELLO_BODY;
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`${server.address().port}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
