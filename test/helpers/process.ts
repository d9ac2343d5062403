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
 * the script, `nodeFlags` (e.g. `productionNodeFlags()`) before it.
 */
export function spawnGateway(
  env: Record<string, string>,
  { args = [], nodeFlags = [] }: { args?: string[]; nodeFlags?: string[] } = {},
): ChildProcess {
  return spawn(
    process.execPath,
    [...nodeFlags, '-r', '@swc-node/register', 'src/cli.ts', ...args],
    {
      cwd: ROOT,
      // Price history off unless asked for: see startGateway.
      env: { PATH: process.env.PATH, PORT: '0', PRICE_HISTORY: 'off', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}

/**
 * Resolves with the start-up log line (the first with a `url`), then keeps draining stdout so
 * the process never blocks on a full pipe. Needs LOG_LEVEL info or lower.
 */
export async function startupLine(child: ChildProcess): Promise<Record<string, unknown>> {
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    const record = JSON.parse(line) as Record<string, unknown>;
    if (record.url) {
      child.stdout!.resume();
      return record;
    }
  }
  throw new Error('the gateway exited before logging its start-up line');
}
