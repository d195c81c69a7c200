// A loopback port whose listener never accepts: connections are "not accepted in time". Node
// accepts every connection as soon as its event loop runs, so the listener lives in a child process
// whose event loop is blocked: the kernel completes handshakes into the accept queue until the
// backlog is full, then drops further SYNs (Linux). `fillBacklog` gets it to that point.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';

export interface StuckListener {
  port: number;
  close(): void;
}

/** Starts the listener and fills its backlog: the next connect to `port` hangs in SYN_SENT. */
export async function startStuckListener(): Promise<StuckListener> {
  const script = `
    const server = require('node:net').createServer();
    server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
      process.stdout.write(server.address().port + '\\n', () => {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); // block the loop: accept() never runs
      });
    });`;
  const child: ChildProcess = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
  const port = Number(chunk.toString().trim());
  const fillers: Socket[] = [];
  const close = () => {
    for (const socket of fillers) socket.destroy();
    child.kill('SIGKILL');
  };
  try {
    await fillBacklog(port, fillers);
  } catch (err) {
    close();
    throw err;
  }
  return { port, close };
}

/** Opens connections until one does not complete within 200 ms: the queue is full. */
async function fillBacklog(port: number, fillers: Socket[]): Promise<void> {
  for (let i = 0; i < 16; i++) {
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    fillers.push(socket);
    const connected = await Promise.race([once(socket, 'connect').then(() => true), new Promise((r) => setTimeout(() => r(false), 200))]);
    if (!connected) return;
  }
  throw new Error('the backlog never filled');
}
