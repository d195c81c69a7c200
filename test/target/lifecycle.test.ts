import { once } from 'node:events';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startTarget } from '../../src/target/server.js';
import { sleep, useTarget } from './use-target.js';

const start = useTarget();

// A raw client that sends requests and then resets the connection (RST, not FIN).
async function sendAndReset(port: number, rawRequest: string, waitMs: number): Promise<void> {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  await once(socket, 'connect');
  socket.write(rawRequest);
  await sleep(waitMs);
  socket.resetAndDestroy();
}

describe('close()', () => {
  it('can be called twice, together or one after the other', async () => {
    const target = await startTarget();
    await Promise.all([target.close(), target.close()]);
    await expect(target.close()).resolves.toBeUndefined();
  });

  it('stops listening', async () => {
    const target = await startTarget();
    await target.close();
    await expect(fetch(`${target.url}/api/health`)).rejects.toThrow();
  });
});

describe('misbehaving clients', () => {
  it('a client that resets while its answer is delayed does not hurt the server', async () => {
    const target = await start({ scenario: 'slow' });
    await sendAndReset(target.port, 'GET /api/timeline HTTP/1.1\r\nhost: x\r\n\r\n', 50);
    const response = await fetch(`${target.url}/api/health`);
    expect(response.status).toBe(200);
  });

  it('a client that resets mid-response does not crash the server', async () => {
    const target = await start();
    const pipelined = 'GET / HTTP/1.1\r\nhost: x\r\n\r\n'.repeat(200);
    for (let attempt = 0; attempt < 5; attempt += 1) await sendAndReset(target.port, pipelined, attempt);
    const response = await fetch(`${target.url}/`);
    expect(response.status).toBe(200);
  });

  it('a client that sends garbage gets a 400, not a crash', async () => {
    const target = await start();
    const socket = connect(target.port, '127.0.0.1');
    socket.write('NOT HTTP\r\n\r\n');
    const [reply] = (await once(socket, 'data')) as [Buffer];
    expect(reply.toString()).toMatch(/^HTTP\/1\.1 400/);
    socket.destroy();
  });
});

describe('startTarget()', () => {
  it('rejects when the port is taken', async () => {
    const first = await start();
    await expect(startTarget({ port: first.port })).rejects.toThrow(/EADDRINUSE/);
  });
});
