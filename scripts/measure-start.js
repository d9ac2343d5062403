#!/usr/bin/env node
// Measures `npm start` as a user runs it: from spawning npm to the first 200 from /healthz
// (sandbox mode, so the embedded simulator starts too), and the gateway's RSS then.
// Usage: node scripts/measure-start.js [runs]   (run `npm run build` first to time a built tree)
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** RSS of the gateway: the descendant of npm's process whose command runs scripts/start.js. */
function gatewayRssMb(npmPid) {
  const parentOf = (pid) =>
    Number(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
  try {
    for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (!args[0].endsWith('node') || !args.some((arg) => arg.endsWith('scripts/start.js')))
        continue;
      let ancestor = Number(pid);
      while (ancestor > 1 && ancestor !== npmPid) ancestor = parentOf(ancestor);
      if (ancestor !== npmPid) continue;
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024);
    }
  } catch {
    return undefined;
  }
  return undefined;
}

async function once() {
  const port = await freePort();
  const started = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', SANDBOX: 'true' },
    stdio: 'ignore',
    detached: true,
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (performance.now() - started > 60_000) throw new Error('no /healthz answer in 60 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return { ms: Math.round(performance.now() - started), rssMb: gatewayRssMb(child.pid) };
  } finally {
    process.kill(-child.pid, 'SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

async function main() {
  const runs = Number(process.argv[2] ?? 5);
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await once());
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      runs: results,
      medianMs: ms[Math.floor(ms.length / 2)],
      minMs: ms[0],
      maxMs: ms[ms.length - 1],
    }),
  );
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
