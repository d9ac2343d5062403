import { type RedisClientType, createClient } from '@keyv/redis';
import { type Logger } from '../base/logger';

export type RedisOutcome<T> =
  { ok: true; value: T } | { ok: false; reason: 'down' | 'timeout' | 'error' };

export interface RedisConnection {
  client: RedisClientType;
  /**
   * Runs Redis commands unless Redis is down, and never waits longer than `timeoutMs`: every
   * caller carries on without Redis rather than hold a request up.
   */
  run<T>(operation: () => Promise<T>, timeoutMs: number): Promise<RedisOutcome<T>>;
  /** True while commands can be sent; false while Redis is down or reconnecting. */
  ready(): boolean;
  /** Connection errors seen since start (Redis reports them as `error` events). */
  errors(): number;
  /**
   * Settles when the first connection is ready, or once the connect timeout has passed without
   * one (the gateway then starts without Redis and keeps reconnecting). Never rejects.
   */
  connected: Promise<void>;
  close(): Promise<void>;
}

/**
 * One Redis connection for the shared cache and the shared rate limiter. It never blocks a
 * request: commands are not queued while disconnected (they fail at once and the callers carry
 * on without Redis), and it keeps reconnecting in the background until Redis is back.
 */
export function connectRedis(url: string, logger: Logger, timeoutMs: number): RedisConnection {
  let errors = 0;
  let lastLogged = 0;
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: Math.max(timeoutMs, 500),
      reconnectStrategy: (attempt: number) => Math.min(100 * 2 ** attempt, 2_000),
    },
  }) as RedisClientType;
  client.on('error', (error: Error) => {
    errors++;
    // A Redis outage fires an error per reconnect attempt: log one line every 10 s at most.
    if (Date.now() - lastLogged > 10_000) {
      lastLogged = Date.now();
      logger.warn({ err: error, errors }, 'redis unavailable: serving without the shared cache');
    }
  });
  client.on('ready', () => logger.info({}, 'redis connected'));
  const connectTimeoutMs = Math.max(timeoutMs, 500);
  const connected = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, connectTimeoutMs);
    timer.unref();
    client.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  client.connect().catch(() => undefined);
  const run = async <T>(operation: () => Promise<T>, timeoutMs: number) => {
    if (!client.isReady) return { ok: false, reason: 'down' } as const;
    let timer: NodeJS.Timeout | undefined;
    // A late timer means this process was busy, not that Redis was slow: a command taken for
    // timed out that did run lets another replica call the upstream in the same slot. So a timer
    // that fires late gives the command one more `timeoutMs`, and the timeout is decided one turn
    // after the timer (setImmediate runs after I/O), so a reply already read wins.
    const started = performance.now();
    let extended = false;
    const timeout = new Promise<RedisOutcome<T>>((resolve) => {
      const fire = () => {
        const late = performance.now() - started - timeoutMs;
        if (!extended && late > timeoutMs / 2) {
          extended = true;
          timer = setTimeout(fire, timeoutMs);
          return;
        }
        setImmediate(() => resolve({ ok: false, reason: 'timeout' }));
      };
      timer = setTimeout(fire, timeoutMs);
    });
    const done = operation().then(
      (value): RedisOutcome<T> => ({ ok: true, value }),
      (): RedisOutcome<T> => ({ ok: false, reason: 'error' }),
    );
    try {
      return await Promise.race([done, timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    client,
    run,
    ready: () => client.isReady,
    errors: () => errors,
    connected,
    close: async () => {
      if (!client.isOpen) return;
      // A graceful close waits for a reconnection that may never come while Redis is down.
      if (client.isReady) await client.close().catch(() => client.destroy());
      else client.destroy();
    },
  };
}
