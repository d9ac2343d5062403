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

/** The shortest wait for a connection: a round trip to a Redis nearby, on a busy host. */
const CONNECT_TIMEOUT_MIN_MS = 2_000;

/**
 * Calls `expire` once `ms` have passed on this process's own time. A late timer means this
 * process was busy (loading code, collecting garbage), not that Redis was slow: a command taken
 * for timed out that did run lets another replica call the upstream in the same slot, and a
 * connection taken for missing makes a replica schedule on its own. So a timer that fires late
 * gives one more `ms`, and expiry is decided one turn after the timer (setImmediate runs after
 * I/O), so a reply or a connection already read wins.
 */
function patientTimeout(ms: number, expire: () => void): { cancel(): void } {
  const started = performance.now();
  let extended = false;
  let timer: NodeJS.Timeout | undefined;
  let immediate: NodeJS.Immediate | undefined;
  const fire = () => {
    const late = performance.now() - started - ms;
    if (!extended && late > ms / 2) {
      extended = true;
      timer = setTimeout(fire, ms);
      timer.unref();
      return;
    }
    immediate = setImmediate(expire);
  };
  timer = setTimeout(fire, ms);
  timer.unref();
  return {
    cancel: () => {
      clearTimeout(timer);
      if (immediate) clearImmediate(immediate);
    },
  };
}

/**
 * One Redis connection for the shared cache and the shared rate limiter. It never blocks a
 * request: commands are not queued while disconnected (they fail at once and the callers carry
 * on without Redis), and it keeps reconnecting in the background until Redis is back. A
 * `dedicated` one serves a single part (a blocking read) and says so in its log lines.
 */
export function connectRedis(
  url: string,
  logger: Logger,
  timeoutMs: number,
  role: 'shared' | 'dedicated' = 'shared',
): RedisConnection {
  const connectTimeoutMs = Math.max(timeoutMs, CONNECT_TIMEOUT_MIN_MS);
  let errors = 0;
  let lastLogged = 0;
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: connectTimeoutMs,
      reconnectStrategy: (attempt: number) => Math.min(100 * 2 ** attempt, 2_000),
    },
  }) as RedisClientType;
  client.on('error', (error: Error) => {
    errors++;
    // A Redis outage fires an error per reconnect attempt: log one line every 10 s at most.
    if (Date.now() - lastLogged > 10_000) {
      lastLogged = Date.now();
      logger.warn(
        { err: error, errors, connection: role },
        role === 'shared'
          ? 'redis unavailable: serving without the shared cache'
          : 'redis unavailable (dedicated connection)',
      );
    }
  });
  client.on('ready', () => logger.info({ connection: role }, 'redis connected'));
  // Bounded, so a gateway whose Redis is unreachable still starts (and keeps reconnecting); on a
  // process's own time, so one busy loading its code does not start without a Redis that was
  // there all along.
  const connected = new Promise<void>((resolve) => {
    const deadline = patientTimeout(connectTimeoutMs, resolve);
    client.once('ready', () => {
      deadline.cancel();
      resolve();
    });
  });
  client.connect().catch(() => undefined);
  const run = async <T>(operation: () => Promise<T>, timeoutMs: number) => {
    if (!client.isReady) return { ok: false, reason: 'down' } as const;
    let deadline: { cancel(): void } | undefined;
    const timeout = new Promise<RedisOutcome<T>>((resolve) => {
      deadline = patientTimeout(timeoutMs, () => resolve({ ok: false, reason: 'timeout' }));
    });
    const done = operation().then(
      (value): RedisOutcome<T> => ({ ok: true, value }),
      (): RedisOutcome<T> => ({ ok: false, reason: 'error' }),
    );
    try {
      return await Promise.race([done, timeout]);
    } finally {
      deadline?.cancel();
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
