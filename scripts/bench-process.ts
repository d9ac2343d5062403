import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The processes the benches start (bench.ts, bench-subscribers.ts), in their own process groups. */

export const ROOT = join(__dirname, '..');
/** The same Node flags as `npm start` (package.json config.nodeFlags). */
export const NODE_FLAGS = (
  require(join(ROOT, 'package.json')) as { config: { nodeFlags: string } }
).config.nodeFlags.split(' ');
const children = new Set<ChildProcess>();

/** Stops what is left of them when the bench exits or is interrupted. */
export function stopChildrenOnExit(): void {
  const killChildren = (): void => children.forEach((child) => child.kill('SIGTERM'));
  process.once('exit', killChildren);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killChildren();
      process.exit(130);
    });
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts `node <script>`, waits until `readyUrl` answers 2xx; throws if the process dies first. */
export async function startNode(
  script: string,
  env: NodeJS.ProcessEnv,
  readyUrl: string,
  flags: string[] = [],
  args: string[] = [],
) {
  // Its own process group, so that the memory of everything it starts is counted with it.
  const child = spawn(process.execPath, [...flags, join(ROOT, script), ...args], {
    env,
    stdio: 'pipe',
    detached: true,
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let output = '';
  const keep = (chunk: Buffer): void => void (output = (output + chunk.toString()).slice(-4000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const deadline = Date.now() + 20_000;
  while (child.exitCode === null && child.signalCode === null && Date.now() < deadline) {
    const answered = fetch(readyUrl, { method: readyUrl.endsWith('/') ? 'POST' : 'GET' }).then(
      (res) => res.arrayBuffer().then(() => res.ok),
    );
    if (await answered.catch(() => false)) return child;
    await sleep(50);
  }
  const how = child.exitCode === null ? 'did not answer within 20 s' : `exited (${child.exitCode})`;
  throw new Error(`${script} ${how} at ${readyUrl}; its output:\n${output}`);
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  if ((await Promise.race([exited, sleep(15_000, 'timeout')])) === 'timeout') child.kill('SIGKILL');
}
