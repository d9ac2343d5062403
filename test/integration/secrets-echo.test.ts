import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type TestGateway, startGateway } from '../helpers/gateway';

const KEY = 'echo-key';
const SECRET = 'S3cr3t+/= v&l=ue';
const FORMS = [
  SECRET,
  encodeURIComponent(SECRET),
  new URLSearchParams({ s: SECRET }).toString().slice(2),
  Buffer.from(`${KEY}:${SECRET}`).toString('base64'),
];

/** An upstream (or a proxy) that copies the whole request into its error answers. */
async function startEcho(): Promise<{ url: string; server: Server }> {
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const dump = `${req.method} ${req.url} ${JSON.stringify(req.headers)} ${Buffer.concat(chunks)}`;
      res.setHeader('content-type', 'application/json');
      res.setHeader('x-nexmo-trace-id', dump.slice(0, 400));
      if (req.url?.startsWith('/account/top-up') || req.url?.startsWith('/number/')) {
        res.end(JSON.stringify({ 'error-code': '420', 'error-code-label': dump }));
        return;
      }
      res.statusCode = 400;
      res.end(
        JSON.stringify({
          type: 'BAD_REQUEST',
          title: 'Bad Request',
          detail: dump,
          error_title: dump,
          invalid_parameters: [{ name: 'echo', reason: dump }],
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const OPERATIONS = [
  '{ account { balance { value } } }',
  '{ pricing(country: "GB") { countryCode } }',
  '{ ownedNumbers { totalCount } }',
  'mutation { topUp(input: { trx: "abc123" }) { __typename ... on TopUpFailed { message label } } }',
  'mutation { buyNumber(input: { country: "GB", msisdn: "447700900123", targetApiKey: "sub1" }) { __typename ... on UpstreamRefusal { message label } } }',
  'mutation { updateSettings(input: { moCallbackUrl: "https://example.com/x" }) { __typename } }',
];

describe.each(['basic', 'query'])('an upstream that echoes the request (%s auth)', (auth) => {
  let echo: { url: string; server: Server };
  let gateway: TestGateway;
  const lines: string[] = [];

  beforeAll(async () => {
    echo = await startEcho();
    gateway = await startGateway(
      {
        VONAGE_API_KEY: KEY,
        VONAGE_API_SECRET: SECRET,
        VONAGE_REST_URL: echo.url,
        VONAGE_AUTH: auth,
        VONAGE_MAX_RETRIES: '0',
        AUTH: 'none',
        LOG_LEVEL: 'debug',
      },
      { logDestination: { write: (line: string) => lines.push(line) } },
    );
  });

  afterAll(async () => {
    await gateway.close();
    await new Promise((resolve) => echo.server.close(resolve));
  });

  it.each(OPERATIONS)('puts no form of the secret in the answer or the log: %s', async (query) => {
    const response = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    const text = await response.text();
    // The echo reached the answer (so the test would see a leak)...
    expect(text).toMatch(/\*\*\*|Bad Request|method failed|POST|GET/);
    // ...and no form of the secret did.
    for (const form of FORMS) {
      expect(text).not.toContain(form);
      expect(lines.join('\n')).not.toContain(form);
    }
  });
});
