import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(__dirname, '..', '..');

/** The V8 flags `npm start` runs the gateway with (package.json `config.nodeFlags`). */
export function productionNodeFlags(): string[] {
  const pkg = require(join(ROOT, 'package.json')) as { config: { nodeFlags: string } };
  return pkg.config.nodeFlags.split(/\s+/).filter(Boolean);
}

/**
 * Runs the gateway's entry point in a process of its own, as `npm run dev` does: `args` after
 * the script, `nodeFlags` (e.g. `productionNodeFlags()`) before it; as the user `uid` if given
 * (the test runner must be root for that).
 */
export function spawnGateway(
  env: Record<string, string>,
  { args = [], nodeFlags = [], uid }: { args?: string[]; nodeFlags?: string[]; uid?: number } = {},
): ChildProcess {
  return spawn(
    process.execPath,
    [...nodeFlags, '-r', '@swc-node/register', 'src/cli.ts', ...args],
    {
      cwd: ROOT,
      ...(uid === undefined ? {} : { uid, gid: uid }),
      // Price history off unless asked for: see startGateway.
      env: {
        PATH: process.env.PATH,
        PORT: '0',
        PRICE_HISTORY: 'off',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}

/**
 * Resolves with the start-up log line (the first with a `url`), then keeps draining stdout so
 * the process never blocks on a full pipe. Needs LOG_LEVEL info or lower. When the process ends
 * first, the error carries the end of what it wrote (stderr, then stdout), to tell why.
 */
export async function startupLine(child: ChildProcess): Promise<Record<string, unknown>> {
  const written: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => written.push(chunk.toString()));
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    const record = JSON.parse(line) as Record<string, unknown>;
    if (record.url) {
      child.stdout!.resume();
      return record;
    }
    written.push(line);
  }
  const tail = written.join('\n').slice(-2000);
  throw new Error(`the gateway exited before logging its start-up line; it wrote:\n${tail}`);
}

/** A gateway in a process of its own, as a replica runs, with the URL its start-up line gave. */
export interface Replica {
  url: string;
  child: ChildProcess;
}

/** `count` replicas started together with `env`, once each has logged its start-up line. */
export function spawnReplicas(env: Record<string, string>, count: number): Promise<Replica[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const child = spawnGateway(env);
      return { url: String((await startupLine(child)).url), child };
    }),
  );
}

/** Request counts a sandbox in another process reports (`GET /_simulator/counters`). */
export interface SimulatorCounters {
  total: number;
  byRoute: Record<string, number>;
  rateLimited: number;
}

/** The sandbox in a process of its own, as `npm run simulator` runs it. */
export interface SimulatorProcess {
  url: string;
  apiKey: string;
  apiSecret: string;
  counters(): Promise<SimulatorCounters>;
  close(): Promise<void>;
}

/**
 * Starts the sandbox's CLI on a free port. A test that checks what the upstream saw on arrival
 * (its 1/s Pricing limit) runs it here, not in the test's own process: there a pause of the
 * test runner (its garbage collector, other suites' leftovers) would stamp arrivals late, which
 * Vonage's own servers never do to a caller.
 */
export async function spawnSimulator(
  credentials: { apiKey: string; apiSecret: string },
  env: Record<string, string> = {},
): Promise<SimulatorProcess> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'src/simulator/cli.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      SIMULATOR_PORT: '0',
      SIMULATOR_API_KEY: credentials.apiKey,
      SIMULATOR_API_SECRET: credentials.apiSecret,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout! });
  let url: string | undefined;
  for await (const line of lines) {
    url = /listening on (\S+)/.exec(line)?.[1];
    if (url) break;
  }
  if (!url) throw new Error('the sandbox exited before saying where it listens');
  child.stdout!.resume();
  const base = url;
  return {
    url: base,
    ...credentials,
    counters: async () =>
      (await (await fetch(`${base}/_simulator/counters`)).json()) as SimulatorCounters,
    close: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
