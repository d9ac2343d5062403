import { type Server, createServer, request } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type Route, createRequestListener } from '../../src/http/listener';
import { type Logger } from '../../src/base/logger';

/** The last 'request failed' lines, as logged. */
const logged: { obj: Record<string, unknown>; msg?: string }[] = [];
const logger: Logger = {
  debug() {},
  info() {},
  warn: (obj, msg) => logged.push({ obj: obj as Record<string, unknown>, msg }),
  error: (obj, msg) => logged.push({ obj: obj as Record<string, unknown>, msg }),
};

const routes: Record<string, Route> = {
  '/ok': async (_req, res) => {
    res.end('ok');
  },
  '/throws': () => {
    throw new Error('thrown synchronously');
  },
  '/rejects': async () => {
    throw new Error('rejected');
  },
  '/partial': async (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('half of ');
    await new Promise((resolve) => setImmediate(resolve));
    throw new Error('failed after the headers were sent');
  },
  '/twice': async (_req, res) => {
    res.end('once');
    res.write('again');
  },
};

/** One GET on its own connection: the status and body, or how the connection broke. */
function get(server: Server, path: string) {
  const { port } = server.address() as AddressInfo;
  return new Promise<{ status?: number; text?: string; broken?: string }>((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode, text }));
      res.on('error', (error) => resolve({ status: res.statusCode, broken: error.message }));
    });
    req.on('error', (error) => resolve({ broken: error.message }));
    req.end();
  });
}

describe('the request listener', () => {
  let server: Server;
  beforeAll(async () => {
    const route: Route = (req, res, url) => (routes[url.pathname] ?? routes['/ok'])(req, res, url);
    server = createServer(createRequestListener(route, logger));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => (logged.length = 0));

  it.each([
    ['throws synchronously', '/throws'],
    ['rejects', '/rejects'],
  ])('answers 500 and logs the error when a route %s, then goes on serving', async (_, path) => {
    const answer = await get(server, path);
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.text!).errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(logged).toEqual([
      {
        obj: expect.objectContaining({ path, err: expect.any(Error) }),
        msg: 'request failed',
      },
    ]);
    expect(await get(server, '/ok')).toEqual({ status: 200, text: 'ok' });
  });

  it('cuts the connection when a route fails after its headers were sent', async () => {
    const answer = await get(server, '/partial');
    expect(answer.status).toBe(200);
    // The client sees a broken answer, never "half of " as if it were the whole.
    expect(answer.broken).toBe('aborted');
    expect(logged[0].obj.err).toEqual(new Error('failed after the headers were sent'));
    expect(await get(server, '/ok')).toEqual({ status: 200, text: 'ok' });
  });

  it('logs a write after the end instead of ending the process', async () => {
    expect(await get(server, '/twice')).toEqual({ status: 200, text: 'once' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(logged[0].msg).toBe('response stream failed');
    expect(await get(server, '/ok')).toEqual({ status: 200, text: 'ok' });
  });
});
