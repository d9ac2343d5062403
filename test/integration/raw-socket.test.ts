import { connect } from 'node:net';
import { bearer, tokenEntry } from '../helpers/auth';
import { type TestGateway, startGateway } from '../helpers/gateway';

const READER = 'raw-socket-reader-0123456789abcdef01';
const QUERY = '{"query":"{ __typename }"}';

/**
 * Writes `bytes` on a fresh connection, half-closes it (nothing more will come), and resolves with
 * what the gateway wrote back before closing it.
 */
function exchange(url: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let received = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(received));
    socket.setTimeout(10_000, () => socket.destroy(new Error(`no answer to ${bytes}`)));
    socket.end(Buffer.from(bytes, 'latin1'));
  });
}

const statusOf = (answer: string) => Number(/^HTTP\/1\.1 (\d{3}) /.exec(answer)?.[1]);

/** A POST of `body` to /graphql with these extra header lines. */
function post(headers: string[], body = QUERY): string {
  return [
    'POST /graphql HTTP/1.1',
    'Host: gateway.test',
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body, 'latin1')}`,
    ...headers,
    '',
    body,
  ].join('\r\n');
}

const get = (target: string, headers: string[] = []) =>
  [`GET ${target} HTTP/1.1`, 'Host: gateway.test', ...headers, '', ''].join('\r\n');

const chunked = (rest: string) =>
  [
    'POST /graphql HTTP/1.1',
    'Host: gateway.test',
    'Content-Type: application/json',
    'Transfer-Encoding: chunked',
    '',
    rest,
  ].join('\r\n');

describe('requests no client library would send, on a raw socket', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startGateway({
      API_TOKENS: tokenEntry('reader', READER, ['pricing:read']),
      RESPONSE_CACHE_MB: '32',
    });
  });
  afterAll(() => gateway.close());

  it.each<[string, string, number]>([
    ['a target of //[', get('//['), 400],
    ['a target of http://[', get('http://['), 400],
    ['a target of http://a:b@[::1', get('http://a:b@[::1'), 400],
    ['a garbage request line', 'HELLO THERE\r\n\r\n', 400],
    ['bytes that are not HTTP', '\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03', 400],
    ['a header with a control byte', post(['X-Note: a\x01b']), 400],
    ['a header line without a colon', post(['no colon here']), 400],
    [
      'an Authorization header with bytes beyond ASCII',
      post(['Authorization: Bearer \xff\xfe']),
      401,
    ],
    [
      'the Authorization header twice',
      post([`Authorization: Bearer ${READER}`, 'Authorization: Bearer x']),
      400,
    ],
    ['the Idempotency-Key header twice', post(['Idempotency-Key: a', 'Idempotency-Key: b']), 400],
    ['the Host header twice', post(['Host: other.test']), 400],
    ['two Content-Length headers that differ', post(['Content-Length: 3']), 400],
    ['headers over 16 KiB', post([`X-Pad: ${'p'.repeat(17 * 1024)}`]), 431],
    ['a body that is not JSON', post([], '{"query": '), 400],
    ['a body of bytes that are not UTF-8', post([], '\xff\xfe{'), 400],
    ['a truncated chunked body', chunked('10\r\n{"query":'), 400],
    ['a chunk size that is not hex', chunked('zz\r\n{}\r\n0\r\n\r\n'), 400],
    ['a HEAD on /graphql', get('/graphql').replace('GET', 'HEAD'), 400],
    ['an OPTIONS on /graphql', get('/graphql').replace('GET', 'OPTIONS'), 400],
    ['a PUT on /graphql', post([]).replace('POST', 'PUT'), 405],
    [
      'a GET with a malformed query string',
      get('/graphql?query=%E0%A4%A', ['Apollo-Require-Preflight: 1']),
      400,
    ],
  ])('answers %s with a 4xx and goes on serving', async (_, bytes, status) => {
    const answer = await exchange(gateway.url, bytes);
    expect(statusOf(answer)).toBe(status);
    const next = await gateway.graphql<{ __typename: string }>('{ __typename }');
    expect(next).toEqual({ status: 200, data: { __typename: 'Query' } });
  });

  it('names the repeated header', async () => {
    const answer = await exchange(gateway.url, post(['Idempotency-Key: a', 'Idempotency-Key: b']));
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
    expect(body.errors[0].extensions).toEqual({ code: 'BAD_REQUEST', header: 'Idempotency-Key' });
  });

  it('still answers a well-formed request on a raw socket', async () => {
    const answer = await exchange(gateway.url, post(['Connection: close']));
    expect(statusOf(answer)).toBe(200);
    expect(answer).toContain('{"data":{"__typename":"Query"}}');
    const priced = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(READER) },
      body: QUERY,
    });
    expect(priced.status).toBe(200);
  });

  describe('variables nested far deeper than any input type', () => {
    const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
    const send = async (body: string) => {
      const response = await fetch(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer(READER) },
        body,
      });
      return { status: response.status, body: await response.json() };
    };
    const PRICES = JSON.stringify(
      'query($c: [String!]) { pricings(countries: $c, types: [SMS]) { countryCode } }',
    );

    it.each([10_000, 100_000])(
      'refuses variables %d arrays deep with a 400 naming them, then goes on serving',
      async (levels) => {
        for (const query of [PRICES, JSON.stringify('{ __typename }')]) {
          const answer = await send(`{"query":${query},"variables":{"c":${nested(levels)}}}`);
          expect(answer.status).toBe(400);
          expect(answer.body.errors[0].extensions).toEqual({
            code: 'BAD_REQUEST',
            field: 'variables',
          });
          expect(answer.body.errors[0].message).toMatch(/variables nests .* more than 64 levels/);
        }
        const extensions = await send(`{"query":${PRICES},"extensions":${nested(levels)}}`);
        expect(extensions.body.errors[0].extensions.field).toBe('extensions');
        const body = await send(nested(levels));
        expect(body.status).toBe(400);
        const next = await gateway.graphql<{ __typename: string }>('{ __typename }');
        expect(next).toEqual({ status: 200, data: { __typename: 'Query' } });
      },
    );

    it('takes variables up to 64 levels deep', async () => {
      const query = JSON.stringify('{ __typename }');
      const within = await send(`{"query":${query},"variables":{"c":${nested(63)}}}`);
      expect(within).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
      const beyond = await send(`{"query":${query},"variables":{"c":${nested(64)}}}`);
      expect(beyond.status).toBe(400);
    });
  });
});
