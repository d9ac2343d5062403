import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { createClient } from '@keyv/redis';

/** The machine's Redis, which `.ci/run` starts when it is not running. */
export const SHARED_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

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

async function waitForPing(url: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
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
    this.process = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    await waitForPing(this.url);
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await once(child, 'exit');
  }
}

/** Waits (up to 5 s) until a connection is ready, or with `false` until it has noticed Redis is gone. */
export async function waitForRedis(connection: { ready(): boolean }, ready = true): Promise<void> {
  for (let i = 0; i < 250 && connection.ready() !== ready; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
