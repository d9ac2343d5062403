/**
 * `npm run bench [-- --latency 50 --duration 10 --connections 10 --redis --cases balance,20x2 --cpu-prof DIR]`
 * starts the simulator (1 pricing and 1 Numbers call/s, like Vonage; 120 owned numbers) and a
 * fresh gateway per case, then prints cold and warm figures. The cases are in bench-cases.ts. It
 * asserts nothing; it fails only when a process does not start.
 */
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { createClient } from '@keyv/redis';
import { CASES, OWNED_NUMBERS, PRICING_ONLY } from './bench-cases';
import { groupMemory } from './bench-memory';
import { NODE_FLAGS, freePort, startNode, stopChild, stopChildrenOnExit } from './bench-process';
import { type Body } from './bench-varied';

// The part of autocannon 9's programmatic API used here (@types/autocannon is not installed).
type Histogram = { total: number; p50: number; p99: number; max: number };
type Load = { connections: number; amount?: number; duration?: number };
type CannonRequest = Record<'method' | 'path' | 'body', string> & {
  headers: object;
  setupRequest?: (request: CannonRequest) => CannonRequest;
};
type OnResponse = { onResponse: (status: number, body: string) => void };
type Failure = 'errors' | 'timeouts' | 'non2xx';
type Result = Record<'requests' | 'latency', Histogram> & Record<Failure | 'duration', number>;
type Autocannon = (
  opts: Load & { url: string; requests: (CannonRequest & OnResponse)[] },
) => Promise<Result>;
const autocannon = require('autocannon') as Autocannon;

type Counters = { total: number; byRoute: Record<string, number>; rateLimited: number };
type Phase = 'cold' | 'warm-up' | 'warm';
type Options = ReturnType<typeof readOptions>;
type Simulator = { url: string; secret: string };
type Metric =
  | 'requests'
  | 'rps'
  | 'p50'
  | 'p99'
  | 'upstream'
  | 'errors'
  | 'limited'
  | 'rss'
  | 'peak'
  | 'ceiling'
  | 'ceilingP50'
  | 'ceilingP99';
/** `upstream` is the sum of `byArea`, the upstream calls by API area. */
type Row = Record<Metric, number> & {
  id: string;
  label: string;
  phase: Phase;
  notes: string[];
  byArea: Record<string, number>;
};

/** The simulator's counters once they stop moving (a request cut off at the end may still call). */
async function readCounters(simulator: Simulator): Promise<Counters> {
  const read = async (): Promise<Counters> => {
    const res = await fetch(`${simulator.url}/_simulator/counters`);
    if (!res.ok) throw new Error(`simulator counters: HTTP ${res.status}`);
    return (await res.json()) as Counters;
  };
  let last = await read();
  for (let i = 0; i < 40; i++) {
    await sleep(250);
    const now = await read();
    if (now.total === last.total) return now;
    last = now;
  }
  return last;
}

/** Calls to each area's routes between the two readings. */
function upstreamCalls(before: Counters, after: Counters, areas: Record<string, RegExp>) {
  const calls = (route: RegExp): number =>
    Object.entries(after.byRoute)
      .filter(([name]) => route.test(name))
      .reduce((sum, [name, n]) => sum + n - (before.byRoute[name] ?? 0), 0);
  return Object.fromEntries(Object.entries(areas).map(([area, route]) => [area, calls(route)]));
}

/**
 * The same load against a bare node:http server that stringifies answers the gateway gave, one
 * per request in turn (scripts/bench-ceiling.js): what this machine can serve of such bodies at
 * all. Sent the same request bodies as the gateway was.
 */
async function ceiling(answers: string[], load: Load, bodies: Body[]) {
  const port = await freePort();
  const file = join(tmpdir(), `bench-ceiling-${process.pid}-${port}.json`);
  writeFileSync(file, `[${answers.join(',')}]`);
  const server = await startNode(
    'scripts/bench-ceiling.js',
    { PATH: process.env.PATH },
    `http://127.0.0.1:${port}/`,
    [],
    [file, String(port)],
  );
  try {
    const { result } = await cannon(`http://127.0.0.1:${port}`, bodies, load);
    return {
      ceiling: result.requests.total / result.duration,
      ceilingP50: result.latency.p50,
      ceilingP99: result.latency.p99,
    };
  } finally {
    await stopChild(server);
    rmSync(file, { force: true });
  }
}

/** Answers kept of a run for its ceiling: spread over the run, at most this many. */
const SAMPLES = 200;

/**
 * Runs autocannon over `bodies` (each request the next one, in turn), reading every response
 * body to count GraphQL `errors` by extensions.code, and keeping a sample of the answers.
 */
async function cannon(url: string, bodies: Body[], load: Load) {
  const tally = {
    responses: 0,
    withErrors: 0,
    codes: new Map<string, number>(),
    answers: [] as string[],
  };
  function onResponse(_status: number, body: string): void {
    tally.responses++;
    if (tally.answers.length < SAMPLES && tally.responses % 7 === 1) tally.answers.push(body);
    let code: string | undefined;
    try {
      const { errors } = JSON.parse(body) as { errors?: { extensions?: { code?: string } }[] };
      if (errors?.length) code = errors[0].extensions?.code ?? 'no code';
    } catch {
      code = 'body not JSON';
    }
    if (code === undefined) return;
    tally.withErrors++;
    tally.codes.set(code, (tally.codes.get(code) ?? 0) + 1);
  }
  const headers = { 'content-type': 'application/json' };
  const texts = bodies.map((body) => JSON.stringify(body));
  let next = 0;
  const request: CannonRequest & OnResponse = {
    method: 'POST',
    path: '/graphql',
    headers,
    body: texts[0],
    onResponse,
  };
  if (texts.length > 1) {
    request.setupRequest = (req) => ({ ...req, body: texts[next++ % texts.length] });
  }
  return { result: await autocannon({ url, ...load, requests: [request] }), tally };
}

/** Sends each body in turn, waiting for each answer (fills the caches a varied pool reads). */
async function sendInTurn(url: string, bodies: Body[]) {
  const tally = {
    responses: 0,
    withErrors: 0,
    codes: new Map<string, number>(),
    answers: [] as string[],
  };
  const started = performance.now();
  for (const body of bodies) {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    tally.responses++;
    const { errors } = JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] };
    if (errors?.length) {
      tally.withErrors++;
      const code = errors[0].extensions?.code ?? 'no code';
      tally.codes.set(code, (tally.codes.get(code) ?? 0) + 1);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const latency = { total: 0, p50: NaN, p99: NaN, max: seconds * 1000 };
  const result: Result = {
    requests: { total: bodies.length, p50: NaN, p99: NaN, max: NaN },
    latency,
    duration: seconds,
    errors: 0,
    timeouts: 0,
    non2xx: 0,
  };
  return { result, tally };
}

/** The OTLP receiver of a traced case, on a free port; `read` tells what it received. */
async function startReceiver() {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = await startNode(
    'scripts/bench-otlp.js',
    { PATH: process.env.PATH },
    `${url}/count`,
    [],
    [String(port)],
  );
  const read = async () =>
    (await (await fetch(`${url}/count`)).json()) as Record<'spans' | 'posts', number>;
  return { url, read, stop: () => stopChild(child) };
}

async function runCase(id: string, opts: Options, simulator: Simulator): Promise<Row[]> {
  const { label, query, variables, areas, varied, env: caseEnv, tracing } = CASES[id];
  const receiver = tracing ? await startReceiver() : undefined;
  const pool = varied?.();
  const bodies: Body[] = pool?.pool ?? [{ query, variables }];
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // As `npm start` and the Docker image run it.
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    VONAGE_API_KEY: 'bench',
    VONAGE_API_SECRET: simulator.secret,
    VONAGE_REST_URL: simulator.url,
    AUTH: 'none',
    // No webhook is sent: unsigned ones may as well be accepted.
    WEBHOOK_SIGNATURES: 'off',
    REDIS_URL: opts.redisUrl, // undefined: not passed on
    CACHE_NAMESPACE: opts.redisUrl && opts.prefix + id,
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver?.url,
    OTEL_SERVICE_NAME: receiver && 'bench-gateway',
    ...caseEnv,
  };
  const profile = opts.cpuProfiles ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfiles}`] : [];
  const gateway = await startNode('dist/start.js', env, `${url}/healthz`, [
    ...NODE_FLAGS,
    ...profile,
  ]);
  const memory = groupMemory(gateway.pid!);
  // The simulator allows 1 pricing and 1 Numbers call/s whichever gateway sends it: let the last
  // case's pass.
  await sleep(1_100);
  const rows: Row[] = [];
  const warm: Load = { connections: opts.connections, duration: opts.duration };
  // Varied pools are measured warm: first every list they read, in turn (reported as warm-up).
  const phases: [Phase, Load][] = pool
    ? [
        ['warm-up', { connections: 1, amount: pool.warmUp.length }],
        ['warm', warm],
      ]
    : [
        ['cold', { connections: 100, amount: 100 }],
        ['warm', warm],
      ];
  try {
    for (const [phase, load] of phases) {
      process.stdout.write(`${label}: ${phase}…\n`);
      const before = await readCounters(simulator);
      memory.phase();
      const { result, tally } =
        phase === 'warm-up' ? await sendInTurn(url, pool!.warmUp) : await cannon(url, bodies, load);
      const after = await readCounters(simulator);
      const requests = result.requests.total;
      const byArea = upstreamCalls(before, after, areas);
      const notes = [...tally.codes].map(([code, n]) => `${n} × ${code}`);
      if (tally.responses !== requests) notes.push(`onResponse saw ${tally.responses} responses`);
      for (const failure of ['non2xx', 'errors', 'timeouts'] as const) {
        if (result[failure]) notes.push(`${result[failure]} ${failure}`);
      }
      const measured = phase === 'warm' && tally.answers.length > 0;
      rows.push({
        id,
        label,
        phase,
        requests,
        // Cold requests all start at once; autocannon's duration ends at its next 1 s tick.
        rps: requests / (phase === 'warm' ? result.duration : result.latency.max / 1000),
        p50: result.latency.p50,
        p99: result.latency.p99,
        upstream: Object.values(byArea).reduce((sum, n) => sum + n, 0),
        byArea,
        errors: tally.withErrors,
        limited: after.rateLimited - before.rateLimited,
        ...memory.read(),
        ...(measured
          ? await ceiling(tally.answers, load, bodies)
          : { ceiling: NaN, ceilingP50: NaN, ceilingP99: NaN }),
        notes,
      });
    }
  } finally {
    memory.stop();
    await stopChild(gateway);
  }
  if (receiver) {
    // The gateway flushes its spans as it stops.
    const { spans, posts } = await receiver.read();
    const requests = rows.reduce((sum, r) => sum + r.requests, 0);
    rows
      .at(-1)
      ?.notes.push(`${spans} spans received in ${posts} OTLP posts for ${requests} requests`);
    await receiver.stop();
  }
  return rows;
}

function readOptions() {
  const { values } = parseArgs({
    options: {
      latency: { type: 'string', default: '0' },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '10' },
      redis: { type: 'boolean', default: false },
      cases: { type: 'string', default: Object.keys(CASES).join(',') },
      'cpu-prof': { type: 'string' },
    },
  });
  const number = (name: 'latency' | 'duration' | 'connections', min: number): number => {
    const value = Number(values[name]);
    if (!(value >= min)) throw new Error(`--${name} must be a number ≥ ${min}`);
    return value;
  };
  const cases = values.cases.split(',').map((name) => name.trim());
  const unknown = cases.filter((name) => !Object.hasOwn(CASES, name));
  if (unknown.length) throw new Error(`unknown case ${unknown}; cases: ${Object.keys(CASES)}`);
  return {
    latency: number('latency', 0),
    duration: number('duration', 1),
    connections: number('connections', 1),
    redisUrl: values.redis ? process.env.REDIS_URL || 'redis://127.0.0.1:6379' : undefined,
    /** Starts every CACHE_NAMESPACE of this run, so that its Redis keys can be deleted after it. */
    prefix: `bench-${randomBytes(4).toString('hex')}-`,
    cases,
    /** Each gateway writes a V8 CPU profile of its whole run there (node --cpu-prof). */
    cpuProfiles: values['cpu-prof'],
  };
}

/** With --redis: checks that Redis answers before the run, and deletes the run's keys after it. */
async function withRedis<T>(opts: Options, run: () => Promise<T>): Promise<T> {
  if (!opts.redisUrl) return run();
  const socket = { connectTimeout: 2_000, reconnectStrategy: false } as const;
  const client = createClient({ url: opts.redisUrl, socket }).on('error', () => undefined);
  await client.connect().catch((error: Error) => {
    throw new Error(`--redis: cannot connect to ${opts.redisUrl}: ${error.message}`);
  });
  try {
    return await run();
  } finally {
    for await (const keys of client.scanIterator({ MATCH: `${opts.prefix}*`, COUNT: 500 })) {
      if (keys.length) await client.unlink(keys);
    }
    await client.close();
  }
}

const round = (n: number, digits = 0): string => (Number.isFinite(n) ? n.toFixed(digits) : '–');
const markdown = (lines: unknown[][]): string[] => lines.map((cells) => `| ${cells.join(' | ')} |`);

/** Where the gateways this run starts keep their price history (they inherit this environment). */
function historyMode(): string {
  if (process.env.PRICE_HISTORY === 'off') return 'off (PRICE_HISTORY=off)';
  if (process.env.DATABASE_URL) return 'a PostgreSQL server (DATABASE_URL)';
  return 'embedded (PGlite in the gateway process; PRICE_HISTORY=off or DATABASE_URL to leave it out)';
}

/** The traced case beside the same pool untraced, measured in this run. */
function tracingCost(find: (id: string, phase: Phase) => Row | undefined): string {
  const [off, on] = [find('varied', 'warm'), find('traced', 'warm')];
  if (!off || !on) return 'not run (needs the cases varied and traced)';
  const ratio = (a: number, b: number) => round(a / b, 2);
  return `${ratio(on.rps, off.rps)}, ${ratio(on.p50, off.p50)}, ${ratio(on.p99, off.p99)}`;
}

function report(rows: Row[], opts: Options): string {
  const columns = ['case', 'phase', 'requests', 'req/s', 'ceiling req/s', 'ratio'];
  columns.push('p50 ms', 'p99 ms', 'ceiling p50/p99 ms', 'upstream calls');
  columns.push('calls/request', 'GraphQL errors', '429s', 'group RSS MB', 'peak group RSS MB');
  const table = [columns, columns.map(() => '---')];
  for (const r of rows) {
    const split = Object.entries(r.byArea).map(([area, n]) => `${area} ${n}`);
    const calls = split.length > 1 ? `${r.upstream} (${split.join(', ')})` : String(r.upstream);
    const ratio = Number.isFinite(r.ceiling) ? `${round((100 * r.rps) / r.ceiling)}%` : '';
    const timing = [r.requests, r.rps, r.ceiling, ratio, r.p50, r.p99].map((n) =>
      typeof n === 'string' ? n : round(n),
    );
    const rest = [r.errors, r.limited, r.rss, r.peak].map((n) => round(n));
    const ceilingLatency = Number.isFinite(r.ceiling) ? `${r.ceilingP50} / ${r.ceilingP99}` : '';
    const perRequest = round(r.upstream / r.requests, 3);
    table.push([r.label, r.phase, ...timing, ceilingLatency, calls, perRequest, ...rest]);
  }
  const notes = rows
    .filter((r) => r.notes.length)
    .map((r) => `- ${r.label}, ${r.phase}: ${r.notes}`);
  const find = (id: string, phase: Phase) => rows.find((r) => r.id === id && r.phase === phase);
  const share = (id: string): string => {
    const r = find(id, 'warm');
    return r && Number.isFinite(r.ceiling) ? `${round((100 * r.rps) / r.ceiling)}%` : 'not run';
  };
  const p99Ratio = (id: string): string => {
    const r = find(id, 'warm');
    return r && Number.isFinite(r.ceiling) ? `${round(r.p99 / r.ceilingP99, 1)}×` : 'not run';
  };
  const colds = rows.filter((r) => r.phase === 'cold' && PRICING_ONLY.includes(r.id));
  const coldCalls = colds.map((r) => `${r.label}: ${r.upstream}`).join(', ');
  const balance = find('balance', 'warm');
  const limited = rows.reduce((sum, r) => sum + r.limited, 0);
  const targets = [
    ['target (issue 13)', 'measured'],
    ['---', '---'],
    [
      'balance at 32 connections ≥ 1 300 req/s',
      balance ? `${round(balance.rps)} req/s at ${opts.connections} connections` : 'not run',
    ],
    ['20×2 warm ≥ 50% of its ceiling: list, aliased', `${share('20x2')}, ${share('aliased')}`],
    ['full catalogue warm ≥ 50% of its ceiling', share('catalogue')],
    ['varied 20×2 ≥ 50% of its ceiling (issue 20)', share('varied')],
    ['varied mix ≥ 35% of its ceiling (issue 20)', share('mix')],
    ['tracing on / off, varied 20×2: req/s, p50, p99 (issue 22)', tracingCost(find)],
    ['p99 ≤ 3× the ceiling p99: varied 20×2, mix', `${p99Ratio('varied')}, ${p99Ratio('mix')}`],
    [
      '20×2 cold ≤ 2 upstream calls, warm 0',
      `${find('20x2', 'cold')?.upstream ?? '–'}, ${find('20x2', 'warm')?.upstream ?? '–'}`,
    ],
    ['100 concurrent identical cold requests ≤ 2 upstream calls', coldCalls || 'not run'],
    ['0 upstream 429s in every phase', String(limited)],
    [
      "peak RSS of the gateway's process group ≤ 150 MB in every phase (PRICE_HISTORY=off)",
      `peak ${round(Math.max(...rows.map((r) => r.peak)))} MB, history ${historyMode()}`,
    ],
  ];
  const cpu = cpus();
  const facts = [
    `node ${process.version}, ${cpu.length} CPUs (${cpu[0]?.model.trim()})`,
    `upstream latency ${opts.latency} ms, redis ${opts.redisUrl ? 'on' : 'off (in-memory cache)'}`,
    `price history: ${historyMode()}`,
    `cold: 100 concurrent identical requests on a fresh gateway`,
    'varied cases: a seeded pool of 5 000 request bodies (one document per kind, its own variables), cycled; warm-up: every list they read, one request after the other, first',
    'RSS: the gateway process group (sampled every 50 ms; peak since the phase began)',
    'upstream calls and 429s: simulator counters, read once they stop moving after the phase',
    `warm: ${opts.duration} s with ${opts.connections} connections`,
    "ceiling: the same warm load (same request bodies) on a bare node:http server in its own process that JSON.stringifies the gateway's answers, one per request in turn (up to 200 sampled over the run; same run, same machine); ratio: the gateway as a share of it",
  ];
  if (rows.some((r) => 'numbers' in r.byArea)) {
    const ttl = process.env.NUMBERS_TTL_MS || '10000';
    const refresh = 'a warm phase past that refreshes them (counted in its upstream calls)';
    facts.push(`Numbers lists and searches: cached ${ttl} ms (NUMBERS_TTL_MS); ${refresh}`);
  }
  if (notes.length) notes.push('');
  const lines = ['', ...markdown(table), '', ...notes, ...facts, '', ...markdown(targets)];
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  const opts = readOptions();
  const port = await freePort();
  const simulator = { url: `http://127.0.0.1:${port}`, secret: randomBytes(12).toString('hex') };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SIMULATOR_PORT: String(port),
    SIMULATOR_API_KEY: 'bench',
    SIMULATOR_API_SECRET: simulator.secret,
    // Vonage's limits, as the gateway's defaults assume them: 1 Pricing request/s, and 1 Numbers
    // request/s (believed to be about Vonage's; the simulator's own Numbers default is no limit).
    SIMULATOR_PRICING_RATE: '1',
    SIMULATOR_NUMBERS_RATE: '1',
    SIMULATOR_NUMBERS_OWNED: String(OWNED_NUMBERS),
    SIMULATOR_LATENCY_MS: String(opts.latency),
  };
  const ready = `${simulator.url}/_simulator/counters`;
  const simulatorProcess = await startNode('dist/simulator/cli.js', env, ready);
  try {
    const rows = await withRedis(opts, async () => {
      const all: Row[] = [];
      for (const id of opts.cases) all.push(...(await runCase(id, opts, simulator)));
      return all;
    });
    process.stdout.write(report(rows, opts));
  } finally {
    await stopChild(simulatorProcess);
  }
}

stopChildrenOnExit();
main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.message : error}\n`);
    process.exit(1);
  },
);
