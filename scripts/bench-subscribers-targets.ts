import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { NODE_FLAGS, freePort, startNode, stopChild } from './bench-process';

/** The servers scripts/bench-subscribers.ts measures: the gateway (with its simulator) and a ceiling. */

export const QUERY = JSON.stringify({ query: 'subscription { inboundSms { eventId text } }' });

/** A server under test: where its streams open, how many it counts, and how an event is sent. */
export type Target = {
  url: string;
  group: number;
  subscribers: () => Promise<number>;
  heapMb: () => Promise<number>;
  send: (seq: number, text: string) => Promise<void>;
};

export async function until(
  what: string,
  test: () => Promise<boolean>,
  ms = 30_000,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return Number(line?.slice(name.length + 1) ?? NaN);
}

async function post(url: string, body: object | URLSearchParams): Promise<Response> {
  const form = body instanceof URLSearchParams;
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json' },
    body: form ? body : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${url}: HTTP ${res.status} ${await res.text()}`);
  return res;
}

/** The simulator and a gateway pointed at it, the account's moCallbackUrl at the gateway. */
export async function gatewayTarget(subscribers: number) {
  const simPort = await freePort();
  const sim = {
    url: `http://127.0.0.1:${simPort}`,
    key: 'bench',
    secret: randomBytes(12).toString('hex'),
  };
  const simulator = await startNode(
    'dist/simulator/cli.js',
    {
      ...process.env,
      SIMULATOR_PORT: String(simPort),
      SIMULATOR_API_KEY: sim.key,
      SIMULATOR_API_SECRET: sim.secret,
    },
    `${sim.url}/_simulator/counters`,
  );
  // Asked for once the simulator holds its own, so that the two cannot be given the same.
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // As `npm start` and the Docker image run it; the simulator's webhooks are unsigned.
    NODE_ENV: 'production',
    WEBHOOK_SIGNATURES: 'off',
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    VONAGE_API_KEY: sim.key,
    VONAGE_API_SECRET: sim.secret,
    VONAGE_REST_URL: sim.url,
    AUTH: 'none',
    // Every stream comes from one address: an anonymous caller's limit would refuse the 21st.
    MAX_SUBSCRIPTIONS_PER_CALLER: String(subscribers),
    MAX_SUBSCRIPTIONS: String(Math.max(subscribers, 5_000)),
    // Not what is measured: an embedded Postgres starting would move the RSS.
    PRICE_HISTORY: 'off',
  };
  const gateway = await startNode('dist/start.js', env, `${url}/healthz`, NODE_FLAGS);
  const auth = { api_key: sim.key, api_secret: sim.secret };
  const mo = `${url}/webhooks/inbound-sms`;
  await post(`${sim.url}/account/settings`, new URLSearchParams({ ...auth, moCallBackUrl: mo }));
  const numbers = (await (
    await fetch(`${sim.url}/account/numbers?${new URLSearchParams(auth)}`)
  ).json()) as { numbers: { msisdn: string; moHttpUrl?: string }[] };
  // A number with its own inbound webhook would send it elsewhere.
  const to = numbers.numbers.find((n) => !n.moHttpUrl)?.msisdn;
  if (!to) throw new Error('the simulator owns no number without its own moHttpUrl');
  const target: Target = {
    url,
    group: gateway.pid!,
    subscribers: () => metric(url, 'gateway_event_subscribers'),
    heapMb: async () => (await metric(url, 'nodejs_heap_size_used_bytes')) / 2 ** 20,
    // Answers once the gateway answered the webhook; it publishes right after.
    send: async (_seq, text) =>
      void (await (await post(`${sim.url}/_simulator/inbound-sms`, { to, text })).arrayBuffer()),
  };
  return { target, stop: () => Promise.all([stopChild(gateway), stopChild(simulator)]) };
}

export async function ceilingTarget() {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = { PATH: process.env.PATH };
  const server = await startNode(
    'scripts/bench-subscribers-ceiling.js',
    env,
    `${url}/count`,
    [],
    [String(port)],
  );
  const target: Target = {
    url,
    group: server.pid!,
    subscribers: async () =>
      ((await (await fetch(`${url}/count`)).json()) as { open: number }).open,
    heapMb: async () => NaN,
    send: async (seq, text) => void (await post(`${url}/publish`, { seq, text })),
  };
  return { target, stop: () => stopChild(server) };
}

/** One warm-up stream and event, so that first-use code and caches are not counted per subscriber. */
export async function warmUp(target: Target): Promise<void> {
  const res = await fetch(`${target.url}/graphql/stream`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: QUERY,
  });
  await until('the warm-up stream', async () => (await target.subscribers()) === 1);
  await target.send(0, 'warm-up');
  const reader = res.body!.getReader();
  let text = '';
  while (!text.includes('warm-up')) text += new TextDecoder().decode((await reader.read()).value);
  await reader.cancel();
  await until('the warm-up stream to close', async () => (await target.subscribers()) === 0);
}
