import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { createClient } from '@keyv/redis';

/**
 * The Redis the tests share: TEST_REDIS_URL, which test/global-setup.ts sets to a throwaway
 * redis-server of this run's own when it is not given.
 */
export const SHARED_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export const REDIS_SERVER_MISSING =
  'redis-server not found on the PATH: the tests start their own. Install it ' +
  '(Debian/Ubuntu: apt-get install -y redis-server; macOS: brew install redis), ' +
  'or set TEST_REDIS_URL to a Redis the tests may write to.';

/** A namespace no other test run uses, so tests can share one Redis. */
export function uniqueNamespace(prefix: string): string {
  return `test-${prefix}-${randomUUID()}`;
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

async function waitForPing(url: string, child: ChildProcess, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let failure: Error | undefined;
  child.once('error', (error: NodeJS.ErrnoException) => {
    failure = error.code === 'ENOENT' ? new Error(REDIS_SERVER_MISSING) : error;
  });
  child.once('exit', (code) => {
    failure ??= new Error(`redis-server exited with code ${code} before answering at ${url}`);
  });
  for (;;) {
    if (failure) throw failure;
    const client = createClient({ url, socket: { reconnectStrategy: false, connectTimeout: 200 } });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.ping();
      await client.close();
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`redis at ${url} did not start`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** Spawns a redis-server without persistence on a loopback port and waits until it answers. */
export async function spawnRedisServer(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  try {
    await waitForPing(`redis://127.0.0.1:${port}`, child);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return child;
}

/** A throwaway redis-server on a free port, for one test run. */
export async function startRedisServer(): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  return { child: await spawnRedisServer(port), url: `redis://127.0.0.1:${port}` };
}

/**
 * A Redis server of the test's own on a free port, so a test can stop and restart it without
 * touching the machine's Redis that other tests use.
 */
export class OwnRedis {
  private process?: ChildProcess;
  private constructor(readonly port: number) {}

  static async start(): Promise<OwnRedis> {
    const redis = new OwnRedis(await freePort());
    await redis.resume();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async resume(): Promise<void> {
    this.process = await spawnRedisServer(this.port);
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await once(child, 'exit');
  }
}

/**
 * Waits until a connection is ready, or with `false` until it has noticed Redis is gone: polls
 * the connection's own `ready()` for up to 20 s of wall time (a reconnection backs off up to 2 s
 * between attempts, and a loaded machine stretches each one), then returns for the caller's
 * own assertion to say what is wrong.
 */
export async function waitForRedis(connection: { ready(): boolean }, ready = true): Promise<void> {
  const deadline = performance.now() + 20_000;
  while (connection.ready() !== ready && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
