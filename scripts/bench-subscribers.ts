/**
 * `npm run bench:subscribers [-- --subscribers 1000 --events 50 --interval 100 --clients 2]`:
 * N concurrent subscriptions `inboundSms` on one built gateway (as `npm start` runs it), held by
 * client processes of their own (scripts/bench-subscribers-client.js), then M inbound SMS sent
 * through the simulator's webhooks at a steady rate. Prints the gateway process group's RSS per
 * subscriber and the delivery latency (send → arrival on each subscriber) beside a ceiling: the
 * same streams and events on a bare node:http fan-out (scripts/bench-subscribers-ceiling.js). It
 * asserts nothing; it fails only when a process does not start or a stream cannot open.
 */
import { fork } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { groupMemory } from './bench-memory';
import {
  QUERY,
  type Target,
  ceilingTarget,
  gatewayTarget,
  until,
  warmUp,
} from './bench-subscribers-targets';
import { ROOT, stopChildrenOnExit } from './bench-process';

type Options = ReturnType<typeof readOptions>;
type Stats = { received: number; ended: number; duplicates: number };
type Answer = { type: string; opened?: number; refused?: object; latencies?: number[] } & Stats;
type Row = Record<'before' | 'after' | 'afterEvents' | 'peak' | 'heap', number> & {
  label: string;
  latencies: number[];
  lost: number;
  duplicates: number;
  ended: number;
};

const now = () => performance.timeOrigin + performance.now();

function readOptions() {
  const { values } = parseArgs({
    options: {
      subscribers: { type: 'string', default: '1000' },
      events: { type: 'string', default: '50' },
      interval: { type: 'string', default: '100' },
      clients: { type: 'string', default: '2' },
    },
  });
  const number = (name: keyof typeof values, min: number): number => {
    const value = Number(values[name]);
    if (!(Number.isInteger(value) && value >= min)) {
      throw new Error(`--${name} must be a whole number ≥ ${min}`);
    }
    return value;
  };
  return {
    subscribers: number('subscribers', 1),
    events: number('events', 1),
    intervalMs: number('interval', 0),
    clients: number('clients', 1),
  };
}

/** A client process; `ask` sends a command and resolves with its answer. */
function startClient() {
  const child = fork(join(ROOT, 'scripts/bench-subscribers-client.js'), [], { execArgv: [] });
  const ask = (message: object) =>
    new Promise<Answer>((resolve) => {
      child.once('message', (answer) => resolve(answer as Answer));
      child.send(message);
    });
  return { child, ask };
}

/** Opens the streams on `target` from the client processes, measures, sends the events. */
async function measure(label: string, target: Target, opts: Options): Promise<Row> {
  const memory = groupMemory(target.group);
  const clients = Array.from({ length: opts.clients }, startClient);
  try {
    await sleep(1_000);
    const [before, heapBefore] = [memory.read().rss, await target.heapMb()];
    process.stdout.write(`${label}: opening ${opts.subscribers} streams…\n`);
    const shares = clients.map((_, i) => Math.floor((opts.subscribers + i) / opts.clients));
    const opened = await Promise.all(
      clients.map(({ ask }, i) =>
        ask({
          cmd: 'open',
          url: target.url,
          path: '/graphql/stream',
          body: QUERY,
          count: shares[i],
          events: opts.events,
        }),
      ),
    );
    const refused = opened.filter((answer, i) => answer.opened !== shares[i]);
    if (refused.length) throw new Error(`${label}: streams refused: ${JSON.stringify(refused)}`);
    await until(
      `${opts.subscribers} subscribers`,
      async () => (await target.subscribers()) >= opts.subscribers,
    );
    // Lets the allocations of the last streams settle (and a scavenge run) before reading.
    await sleep(1_000);
    const [after, heapAfter] = [memory.read().rss, await target.heapMb()];
    memory.phase();
    process.stdout.write(
      `${label}: sending ${opts.events} events, one every ${opts.intervalMs} ms…\n`,
    );
    const sends: Promise<void>[] = [];
    const start = performance.now();
    for (let seq = 0; seq < opts.events; seq++) {
      await sleep(start + seq * opts.intervalMs - performance.now());
      sends.push(target.send(seq, `bench ${seq} ${now().toFixed(3)}`));
    }
    await Promise.all(sends);
    const expected = opts.subscribers * opts.events;
    const stats = async () => await Promise.all(clients.map(({ ask }) => ask({ cmd: 'stats' })));
    const delivered = async () => (await stats()).reduce((sum, s) => sum + s.received, 0);
    // What has not come 10 s after the last send is reported as lost.
    const everything = async () => (await delivered()) >= expected;
    await until('every delivery', everything, 10_000).catch(() => undefined);
    const reports = await Promise.all(clients.map(({ ask }) => ask({ cmd: 'report' })));
    const sum = (key: keyof Stats) => reports.reduce((total, r) => total + r[key], 0);
    const { rss: afterEvents, peak } = memory.read();
    return {
      label,
      before,
      after,
      afterEvents,
      peak,
      heap: heapAfter - heapBefore,
      latencies: reports.flatMap((r) => r.latencies ?? []).sort((a, b) => a - b),
      lost: expected - sum('received'),
      duplicates: sum('duplicates'),
      ended: sum('ended'),
    };
  } finally {
    memory.stop();
    for (const { child } of clients) child.kill('SIGTERM');
  }
}

const round = (n: number, digits = 0): string => (Number.isFinite(n) ? n.toFixed(digits) : '–');
const quantile = (sorted: number[], q: number): number =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : NaN;

function report(rows: Row[], opts: Options, coldRss: number): string {
  const columns = ['server', 'RSS before MB', 'RSS with streams MB', 'RSS per subscriber KB'];
  columns.push(
    'heap per subscriber KB',
    'p50 ms',
    'p99 ms',
    'max ms',
    'lost',
    'peak RSS during the events MB',
  );
  const table = [columns, columns.map(() => '---')];
  for (const r of rows) {
    const perSubscriber = ((r.after - r.before) * 1024) / opts.subscribers;
    const [p50, p99] = [quantile(r.latencies, 0.5), quantile(r.latencies, 0.99)];
    const heap = (r.heap * 1024) / opts.subscribers;
    const mb = [r.before, r.after].map((n) => round(n));
    const ms = [p50, p99, r.latencies.at(-1) ?? NaN].map((n) => round(n, 1));
    table.push([
      r.label,
      ...mb,
      round(perSubscriber, 1),
      round(heap, 1),
      ...ms,
      String(r.lost),
      round(r.peak),
    ]);
  }
  const notes = rows
    .filter((r) => r.duplicates || r.ended)
    .map(
      (r) => `- ${r.label}: ${r.duplicates} duplicate deliveries, ${r.ended} streams ended early`,
    );
  const cpu = cpus();
  const facts = [
    `node ${process.version}, ${cpu.length} CPUs (${cpu[0]?.model.trim()}), load average ${loadavg()
      .map((n) => n.toFixed(1))
      .join(' ')}`,
    `${opts.subscribers} subscribers from ${opts.clients} client processes; ${opts.events} events, one every ${opts.intervalMs} ms; ${opts.subscribers * opts.events} deliveries expected per server`,
    `RSS: the server's process group; before: after one warm-up stream and event (the gateway's group was ${round(coldRss)} MB before it); with streams: 1 s after the last opened; after the events ${rows.map((r) => `${r.label} ${round(r.afterEvents)} MB`).join(', ')}`,
    'heap: nodejs_heap_size_used_bytes on /metrics, the same two moments (garbage included)',
    'latency: arrival on the subscriber − send (the bench posting the SMS to the simulator, which sends the webhook to the gateway; for the ceiling, posting it to the server), same clock',
    'ceiling: a bare node:http server in its own process that res.writes the same event to every open stream, no GraphQL (same run, same machine)',
  ];
  return ['', ...table.map((cells) => `| ${cells.join(' | ')} |`), '', ...notes, ...facts, ''].join(
    '\n',
  );
}

async function main(): Promise<void> {
  const opts = readOptions();
  const rows: Row[] = [];
  const gateway = await gatewayTarget(opts.subscribers);
  let coldRss: number;
  try {
    await sleep(1_000);
    const memory = groupMemory(gateway.target.group);
    coldRss = memory.read().rss;
    memory.stop();
    await warmUp(gateway.target);
    rows.push(await measure('gateway', gateway.target, opts));
  } finally {
    await gateway.stop();
  }
  const ceiling = await ceilingTarget();
  try {
    await warmUp(ceiling.target);
    rows.push(await measure('bare node:http fan-out', ceiling.target, opts));
  } finally {
    await ceiling.stop();
  }
  process.stdout.write(report(rows, opts, coldRss));
}

stopChildrenOnExit();
main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.message : error}\n`);
    process.exit(1);
  },
);
