import { Agent, type IncomingHttpHeaders, request } from 'node:http';
import { type Simulator, startSimulator } from '../../src/simulator';
import { type TestGateway, startGateway } from '../helpers/gateway';

const SECRET = 'Sup3r+Secret/Value';
const OVERVIEW = '{ account { balance { value autoReload } settings { moCallbackUrl } } }';

describe('the HTTP server', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startGateway();
  });
  afterAll(() => gateway.close());

  it('answers /healthz without touching the upstream', async () => {
    gateway.simulator!.counters.reset();
    const response = await fetch(`${gateway.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(gateway.simulator!.counters.total).toBe(0);
  });

  it('answers /readyz 200 when the upstream answers', async () => {
    const response = await fetch(`${gateway.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ready', upstream: 'ok' });
  });

  it('sends / to GraphiQL and unknown paths to a 404 that says where to go', async () => {
    const root = await fetch(`${gateway.url}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/graphiql/');
    const missing = await fetch(`${gateway.url}/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toMatch(/\/graphql/);
  });

  it('keeps CSRF prevention on: a simple GET without a preflight header is refused', async () => {
    const response = await fetch(
      `${gateway.url}/graphql?query=${encodeURIComponent('{ __typename }')}`,
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/);
  });

  it('answers a malformed JSON body with 400, not a crash', async () => {
    const response = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(response.status).toBe(400);
    expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
  });

  it('closes the connection after a 413, so a keep-alive client goes on at once', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const { hostname, port } = new URL(gateway.url);
    const send = (body: string) =>
      new Promise<{ status: number; headers: IncomingHttpHeaders; text: string }>(
        (resolve, reject) => {
          const req = request(
            {
              agent,
              hostname,
              port,
              path: '/graphql',
              method: 'POST',
              headers: { 'content-type': 'application/json' },
            },
            (res) => {
              let text = '';
              res.setEncoding('utf8');
              res.on('data', (chunk: string) => (text += chunk));
              res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }));
            },
          );
          req.on('error', reject);
          req.end(body);
        },
      );
    try {
      const tooLarge = await send(`{"query":"${'x'.repeat(1024 * 1024 + 10)}"}`);
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.headers.connection).toBe('close');
      const started = Date.now();
      const next = await send(JSON.stringify({ query: '{ __typename }' }));
      expect(next.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      agent.destroy();
    }
  });

  it('sends no-store and nosniff with GraphQL answers', async () => {
    const response = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const bad = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(bad.headers.get('cache-control')).toBe('no-store');
    expect(bad.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('is a Federation 2 subgraph: _service.sdl links the federation spec', async () => {
    const result = await gateway.graphql<{ _service: { sdl: string } }>('{ _service { sdl } }');
    expect(result.data!._service.sdl).toMatch(
      /@link\(url: "https:\/\/specs\.apollo\.dev\/federation\/v2\.\d+"/,
    );
    expect(result.data!._service.sdl).toMatch(/type Query/);
  });

  it('finishes an in-flight request when it is asked to close', async () => {
    const local = await startGateway();
    local.simulator!.faults.latency(300);
    const inFlight = local.graphql(OVERVIEW);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await local.close();
    const result = await inFlight;
    expect(result.errors).toBeUndefined();
    expect(result.data).toMatchObject({ account: { balance: { value: '10.17127500' } } });
  });
});

describe('against a separately running upstream', () => {
  let upstream: Simulator;
  beforeAll(async () => {
    upstream = await startSimulator({ apiKey: 'key1', apiSecret: SECRET });
  });
  afterAll(() => upstream.close());
  beforeEach(() => upstream.reset());

  it.each(['basic', 'query'])('answers from it with %s auth', async (auth) => {
    const gateway = await startGateway({
      AUTH: 'none',
      VONAGE_API_KEY: 'key1',
      VONAGE_API_SECRET: SECRET,
      VONAGE_REST_URL: upstream.url,
      VONAGE_AUTH: auth,
    });
    try {
      expect(gateway.simulator).toBeUndefined();
      const result = await gateway.graphql(OVERVIEW);
      expect(result.errors).toBeUndefined();
      expect(result.data).toMatchObject({ account: { balance: { value: '10.17127500' } } });
      expect(upstream.counters.total).toBe(2);
    } finally {
      await gateway.close();
    }
  });

  it('reports a pricing 401 (its own {currency, code} body) as UPSTREAM_UNAUTHORIZED', async () => {
    const gateway = await startGateway({
      AUTH: 'none',
      VONAGE_API_KEY: 'key1',
      VONAGE_API_SECRET: 'not-the-secret',
      VONAGE_REST_URL: upstream.url,
    });
    try {
      const result = await gateway.graphql('{ pricing(country: "GB") { countryCode } }');
      expect(result.errors![0].extensions).toMatchObject({
        code: 'UPSTREAM_UNAUTHORIZED',
        upstream: { status: 401, errorCode: '401', label: 'authentication failed' },
      });
    } finally {
      await gateway.close();
    }
  });

  it.each(['basic', 'query'])(
    'never writes the secret to logs or responses (%s auth, wrong key)',
    async (auth) => {
      const lines: string[] = [];
      const gateway = await startGateway(
        {
          AUTH: 'none',
          VONAGE_API_KEY: 'wrong-key',
          VONAGE_API_SECRET: SECRET,
          VONAGE_REST_URL: upstream.url,
          VONAGE_AUTH: auth,
          LOG_LEVEL: 'debug',
        },
        { logDestination: { write: (line) => lines.push(line) } },
      );
      try {
        const result = await gateway.graphql(OVERVIEW);
        expect(result.errors![0].extensions).toMatchObject({ code: 'UPSTREAM_UNAUTHORIZED' });
        upstream.faults.latency(500);
        const timeout = await startGateway(
          {
            AUTH: 'none',
            VONAGE_API_KEY: 'key1',
            VONAGE_API_SECRET: SECRET,
            VONAGE_REST_URL: upstream.url,
            VONAGE_AUTH: auth,
            VONAGE_TIMEOUT_MS: '50',
            VONAGE_MAX_RETRIES: '0',
            LOG_LEVEL: 'debug',
          },
          { logDestination: { write: (line) => lines.push(line) } },
        );
        const slow = await timeout.graphql(OVERVIEW);
        await timeout.close();
        const printed = JSON.stringify(result) + JSON.stringify(slow) + lines.join('\n');
        // Upstream requests were logged with their URLs (where a query-auth secret would be).
        expect(lines.some((line) => line.includes('"url":"http://127.0.0.1'))).toBe(true);
        expect(printed).not.toContain(SECRET);
        expect(printed).not.toContain(encodeURIComponent(SECRET));
        expect(printed).not.toContain(Buffer.from(`key1:${SECRET}`).toString('base64'));
      } finally {
        await gateway.close();
      }
    },
  );
});
