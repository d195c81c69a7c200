// Connections with timings taken from the socket's own events (lookup, connect, secureConnect).
//
// Each Client carries one connection and is leased to one exchange at a time, so the timings of a
// connection belong to exactly one request and no request ever waits behind another on a socket
// (that wait would be queue time, not latency). "Fresh connection per sample" is a pool that lives
// for one sample; `reuseConnections` is a pool that lives for the whole probe: one mechanism.
import { isIP } from 'node:net';
import type { LookupFunction, Socket } from 'node:net';
import { Client, buildConnector, type Connector } from './undici.js';

/** Timestamps (performance.now()) of one connection attempt. */
export interface ConnectAttempt {
  start: number;
  /** Set when the name needed resolving: an IP literal has no lookup. */
  lookup?: number;
  connect?: number;
  secure?: number;
  tls: boolean;
  needsLookup: boolean;
}

/** What a connection pool needs to know; the same for every exchange of a probe. */
export interface ConnectionOptions {
  timeoutMs: number;
  insecure: boolean;
  /** Replaces DNS resolution: tests use it to make names fail without asking a resolver. */
  lookup?: LookupFunction | undefined;
}

/** A Client leased to one exchange; `attempt` is set if this exchange had to connect. */
export interface Lease {
  readonly client: Client;
  attempt: ConnectAttempt | null;
  /**
   * Destroys the connection at once. undici lets an aborted request wait for a pending connect or
   * TLS handshake, whose own timeout ticks in whole seconds; the exchange's deadline must not.
   */
  cancel(): void;
}

interface PooledClient extends Lease {
  origin: string;
  socket: Socket | null;
}

/**
 * What a Client is destroyed with when upprobe is done with it. Without an error undici builds a
 * ClientDestroyedError per Client, and Node formats its stack when the socket closes: with a fresh
 * connection per sample, that was ~8% of upprobe's CPU per sample (bench/README.md).
 */
const DONE = Object.assign(new Error('connection closed by upprobe'), { code: 'UPPROBE_CLOSED' });

/**
 * One socket opener per set of options, shared by every pool made with them: a probe makes a
 * pool per sample, and building the connector (TLS options, session cache) for each was waste.
 */
const connectors = new WeakMap<ConnectionOptions, Connector>();

function connectorFor(options: ConnectionOptions): Connector {
  let connector = connectors.get(options);
  if (!connector) {
    connector = buildConnector({
      timeout: options.timeoutMs,
      rejectUnauthorized: !options.insecure,
      // A resumed TLS session would make a "first visit" look cheaper than it is.
      maxCachedSessions: 0,
      ...(options.lookup ? { lookup: options.lookup } : {}),
    });
    connectors.set(options, connector);
  }
  return connector;
}

/** Hands out one-connection Clients per origin and keeps idle ones for reuse until closed. */
export class ConnectionPool {
  private readonly idle = new Map<string, PooledClient[]>();
  private readonly all = new Set<PooledClient>();

  constructor(private readonly options: ConnectionOptions) {}

  acquire(origin: string): Lease {
    const reusable = this.idle.get(origin)?.pop();
    if (reusable && !reusable.client.destroyed && !reusable.client.closed) {
      reusable.attempt = null;
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
    const base = connectorFor(this.options);
    const connect: Connector = (opts, callback) => {
      const attempt: ConnectAttempt = {
        start: performance.now(),
        tls: opts.protocol === 'https:',
        needsLookup: isIP(opts.hostname) === 0,
      };
      lease.attempt = attempt;
      const socket = base(opts, callback) as unknown as Socket;
      lease.socket = socket;
      socket.once('lookup', () => (attempt.lookup = performance.now()));
      socket.once('connect', () => (attempt.connect = performance.now()));
      socket.once('secureConnect', () => (attempt.secure = performance.now()));
    };
    const client = new Client(origin, {
      connect,
      pipelining: 1,
      // One deadline per exchange (set by the caller) decides timeouts, so undici's own are off.
      headersTimeout: 0,
      bodyTimeout: 0,
    });
    const lease: PooledClient = {
      origin,
      client,
      attempt: null,
      socket: null,
      cancel() {
        // With an error, so that the connector reports it now instead of at its own timeout.
        lease.socket?.destroy(Object.assign(new Error('cancelled at the deadline'), { code: 'UPPROBE_CANCELLED' }));
      },
    };
    this.all.add(lease);
    return lease;
  }
}
