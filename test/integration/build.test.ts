import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { until } from '../helpers/wait';

const ROOT = path.join(__dirname, '..', '..');

/** The command names of the live processes in process group `pgid` (Linux /proc). */
function groupCommands(pgid: number): string[] {
  const commands: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // "pid (comm) state ppid pgrp …"; comm may hold spaces and parentheses.
      const end = stat.lastIndexOf(')');
      const pgrp = Number(stat.slice(end + 2).split(' ')[2]);
      if (pgrp === pgid) commands.push(stat.slice(stat.indexOf('(') + 1, end));
    } catch {
      // exited meanwhile
    }
  }
  return commands;
}

const linux = process.platform === 'linux';

(linux ? describe : describe.skip)('the build in the process that then serves', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'build-test-'));
    writeFileSync(path.join(dir, 'entry.js'), "module.exports = require('node:path').sep;\n");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("leaves no esbuild service process beside it once the bundle is written (npm start's build)", async () => {
    // The way scripts/build.js bundles inside `npm start`'s process, in a process group of its
    // own that keeps running afterwards, as the gateway does.
    const script = `
      require(${JSON.stringify(path.join(ROOT, 'scripts', 'esbuild-once.js'))})
        .esbuildOnce({
          entryPoints: [${JSON.stringify(path.join(dir, 'entry.js'))}],
          outfile: ${JSON.stringify(path.join(dir, 'out.js'))},
          bundle: true, platform: 'node', logLevel: 'error',
        })
        .then(() => { console.log('built'); setInterval(() => {}, 1000); });
    `;
    const child = spawn(process.execPath, ['-e', script], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const lines = createInterface({ input: child.stdout! });
      const [first] = (await once(lines, 'line')) as [string];
      expect(first).toBe('built');
      expect(readFileSync(path.join(dir, 'out.js'), 'utf8')).toContain('node:path');
      // Still running itself; its esbuild child gone (it was stopped before `built`).
      await until(
        () => !groupCommands(child.pid!).includes('esbuild'),
        `no esbuild in the group of ${child.pid} (${groupCommands(child.pid!).join(', ')})`,
      );
      // The process itself alone (named `node` on Node 20, `MainThread` on Node 24).
      expect(groupCommands(child.pid!)).toHaveLength(1);
      expect(groupCommands(child.pid!).join(' ')).not.toMatch(/esbuild/);
    } finally {
      process.kill(-child.pid!, 'SIGKILL');
    }
  });
});
