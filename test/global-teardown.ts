import { once } from 'node:events';

/** Stops the redis-server that test/global-setup.ts started, if it started one. */
export default async function globalTeardown(): Promise<void> {
  const child = globalThis.__TEST_REDIS__;
  if (!child || child.exitCode !== null) return;
  child.kill('SIGKILL');
  await once(child, 'exit');
}
