#!/usr/bin/env node
// Measures `npm start` as a user runs it: from spawning npm to the first 200 from /healthz
// (sandbox mode, so the embedded simulator starts too), the gateway's RSS then, and the RSS of
// every process of `npm start`'s process group (npm, its shell, the gateway, and anything the
// build left behind, which should be nothing), by command.
// Usage: node scripts/measure-start.js [runs] [timeout seconds, default 300]
//   (run `npm run build` first to time a built tree; remove dist/ to time a first start)
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

/** Every live process of the process group `pgid`: pid, command line and RSS in MB. */
function processGroup(pgid) {
  const members = [];
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      if (Number(stat[2]) !== pgid) continue;
      const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
      const rss = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      members.push({
        pid: Number(pid),
        command: args
          .map((arg) => path.basename(arg))
          .join(' ')
          .slice(0, 80),
        rssMb: rss ? Math.round(Number(rss[1]) / 1024) : 0,
      });
    } catch {
      // exited meanwhile
    }
  }
  return members;
}

async function once(timeoutMs) {
  const port = await freePort();
  const started = performance.now();
  // detached: npm leads a process group of its own, which holds everything it starts.
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
      if (performance.now() - started > timeoutMs) {
        throw new Error(`no /healthz answer in ${timeoutMs / 1000} s`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const ms = Math.round(performance.now() - started);
    const group = processGroup(child.pid);
    const gateway = group.find((member) => /^node .*start\.js/.test(member.command));
    return {
      ms,
      rssMb: gateway?.rssMb,
      groupRssMb: group.reduce((sum, member) => sum + member.rssMb, 0),
      group,
    };
  } finally {
    process.kill(-child.pid, 'SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

async function main() {
  const runs = Number(process.argv[2] ?? 5);
  const timeoutMs = Number(process.argv[3] ?? 300) * 1000;
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await once(timeoutMs));
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  console.log(
    JSON.stringify(
      {
        runs: results,
        medianMs: ms[Math.floor(ms.length / 2)],
        minMs: ms[0],
        maxMs: ms[ms.length - 1],
      },
      null,
      1,
    ),
  );
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
