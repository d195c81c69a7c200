// The bench's own loopback target, run as a child process (fork) so that serving requests never
// shares the measured client's event loop or CPU time.
//
//   GET /ok    200 "ok"
//   GET /hold  200 after holding the request HOLD_MS; the server records each hold as it measured it
//
// IPC: sends { port } once listening; answers { cmd: 'holds' } with { holds } (ms, then cleared).
import { createServer } from 'node:http';

const HOLD_MS = 100;
/** Hold times measured here: from the request's headers being parsed to the response being ended. */
let holds = [];

const server = createServer((req, res) => {
  if (req.url === '/hold') {
    const start = process.hrtime.bigint();
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2' });
      holds.push(Number(process.hrtime.bigint() - start) / 1e6);
      res.end('ok');
    }, HOLD_MS);
    return;
  }
  if (req.url === '/ok') {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2' });
    res.end('ok');
    return;
  }
  res.writeHead(404).end();
});

process.on('message', (message) => {
  if (message?.cmd === 'holds') {
    process.send({ holds });
    holds = [];
  }
});
process.on('disconnect', () => process.exit(0));

server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, () => {
  process.send({ port: server.address().port });
});
