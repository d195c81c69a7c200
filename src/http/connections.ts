// Connections with timings taken from the socket's own events (lookup, connect, secureConnect).
//
// Each Client carries one connection and is leased to one exchange at a time, so the timings of a
// connection belong to exactly one request and no request ever waits behind another on a socket
// (that wait would be queue time, not latency). "Fresh connection per sample" is a pool that lives
// for one sample; `reuseConnections` is a pool that lives for the whole probe: one mechanism.
import { openerFor, type ConnectAttempt, type ConnectionState } from './connector.js';
import type { ConnectionOptions } from './transport.js';
import { Client, type Connector } from './undici.js';

export type { ConnectAttempt } from './connector.js';
export type { ConnectionOptions } from './transport.js';

/** A Client leased to one exchange; `attempt` is set if this exchange had to connect. */
export interface Lease extends ConnectionState {
  readonly client: Client;
  attempt: ConnectAttempt | null;
  /** Handed out from the idle list: it has carried an exchange before (the server may have closed it since). */
  reused: boolean;
  /**
   * Destroys the connection at once. undici lets an aborted request wait for a pending connect or
   * TLS handshake, whose own timeout ticks in whole seconds; the exchange's deadline must not.
   */
  cancel(): void;
}

interface PooledClient extends Lease {
  origin: string;
}

/**
 * What a Client is destroyed with when upprobe is done with it. Without an error undici builds a
 * ClientDestroyedError per Client, and Node formats its stack when the socket closes: with a fresh
 * connection per sample, that was ~8% of upprobe's CPU per sample (bench/README.md).
 */
const DONE = Object.assign(new Error('connection closed by upprobe'), { code: 'UPPROBE_CLOSED' });

/** Hands out one-connection Clients per origin and keeps idle ones for reuse until closed. */
export class ConnectionPool {
  private readonly idle = new Map<string, PooledClient[]>();
  private readonly all = new Set<PooledClient>();

  constructor(readonly options: ConnectionOptions) {}

  /** An idle connection to `origin` if there is one (unless `fresh`), else a new one. */
  acquire(origin: string, fresh = false): Lease {
    const reusable = fresh ? undefined : this.idle.get(origin)?.pop();
    if (reusable && !reusable.client.destroyed && !reusable.client.closed) {
      reusable.attempt = null;
      reusable.reused = true;
      return reusable;
    }
    return this.create(origin);
  }

  /** Returns a Client after its exchange; a broken one is dropped (once: a second call does nothing). */
  release(lease: Lease, healthy: boolean): void {
    const pooled = lease as PooledClient;
    if (!this.all.has(pooled)) return;
    if (!healthy) {
      this.all.delete(pooled);
      void pooled.client.destroy(DONE).catch(() => undefined);
      return;
    }
    const list = this.idle.get(pooled.origin) ?? [];
    list.push(pooled);
    this.idle.set(pooled.origin, list);
  }

  /** Destroys every connection; nothing is in flight by then, so nothing is lost. */
  async close(): Promise<void> {
    const clients = [...this.all].map((p) => p.client.destroy(DONE).catch(() => undefined));
    this.all.clear();
    this.idle.clear();
    await Promise.all(clients);
  }

  private create(origin: string): PooledClient {
    const opener = openerFor(this.options);
    const connect: Connector = (opts, callback) => opener.open(opts, lease, callback);
    const client = new Client(origin, {
      connect,
      pipelining: 1,
      // One deadline per exchange (set by the caller) decides timeouts, so undici's own are off.
      headersTimeout: 0,
      bodyTimeout: 0,
      // Only where ALPN can offer it: plain http stays HTTP/1.1 (no h2c, as browsers).
      ...(origin.startsWith('https:') && this.options.http2 !== false ? { allowH2: true } : {}),
    });
    const lease: PooledClient = {
      origin,
      client,
      attempt: null,
      reused: false,
      socket: null,
      tunnel: null,
      tls: null,
      peer: null,
      forward: opener.forwardFor(origin),
      cancel() {
        // With an error, so that the connector reports it now instead of at its own timeout.
        const cancelled = Object.assign(new Error('cancelled at the deadline'), { code: 'UPPROBE_CANCELLED' });
        lease.socket?.destroy(cancelled);
        lease.tunnel?.destroy(cancelled);
      },
    };
    this.all.add(lease);
    return lease;
  }
}
