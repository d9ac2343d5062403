import { type ChildProcess } from 'node:child_process';
import { startRedisServer } from './helpers/redis';

declare global {
  // Read by test/global-teardown.ts, which runs in the same process.
  var __TEST_REDIS__: ChildProcess | undefined;
}

/**
 * Without TEST_REDIS_URL, the tests get a throwaway redis-server of their own on a free loopback
 * port (no persistence), so a run never reads or disturbs a Redis someone else uses. The workers
 * inherit the URL through process.env.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_REDIS_URL) return;
  const { child, url } = await startRedisServer();
  globalThis.__TEST_REDIS__ = child;
  process.env.TEST_REDIS_URL = url;
}
