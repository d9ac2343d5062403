import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { type AddressInfo } from 'node:net';
import { request } from 'undici';
import { type Simulator } from '../../src/simulator';

/** One request the test's receiver got, its fields read the way the request carried them. */
export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  fields: Record<string, string>;
}

export interface Receiver {
  /** `http://127.0.0.1:port`; any path is accepted. */
  url: string;
  received: Received[];
  /** The next answers' statuses, in order; 200 after them. */
  answerNext(...statuses: number[]): void;
  /** Resolves with the first `n` requests once they are in; rejects after `ms`. */
  waitFor(n: number, ms?: number): Promise<Received[]>;
  close(): Promise<void>;
}

/** A plain node:http receiver standing in for the gateway's future webhook endpoints. */
export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const statuses: number[] = [];
  const waiters: (() => void)[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      const url = new URL(req.url ?? '/', 'http://receiver.invalid');
      const type = req.headers['content-type'] ?? '';
      let fields: Record<string, string> = Object.fromEntries(url.searchParams);
      if (type.startsWith('application/json')) fields = JSON.parse(body) as Record<string, string>;
      if (type.startsWith('application/x-www-form-urlencoded')) {
        fields = Object.fromEntries(new URLSearchParams(body));
      }
      received.push({
        method: req.method ?? '',
        path: url.pathname,
        headers: req.headers,
        body,
        fields,
      });
      res.writeHead(statuses.shift() ?? 200).end();
      for (const wake of waiters.splice(0)) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const waitFor = async (n: number, ms = 3000): Promise<Received[]> => {
    const deadline = Date.now() + ms;
    while (received.length < n) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`Received ${received.length} of ${n} webhooks`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return received.slice(0, n);
  };

  return {
    url: `http://127.0.0.1:${port}`,
    received,
    answerNext: (...next) => statuses.push(...next),
    waitFor,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** `POST /_simulator/<path>` with a JSON body, as another process would drive the sandbox. */
export async function admin(sim: Simulator, path: string, body: unknown) {
  const response = await request(`${sim.url}/_simulator/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.body.text();
  return { status: response.statusCode, json: () => JSON.parse(text) as Record<string, unknown> };
}

/**
 * The signature as Vonage's "Signing Messages" guide describes it, written here from the guide
 * and not taken from the sandbox: every parameter but `sig`, sorted by name; in each value every
 * `&` and `=` becomes `_`; the string `&name=value&name=value…`; then for `md5hash` the MD5 of that
 * string with the secret appended, otherwise the HMAC of the string keyed by the secret. Hex.
 */
export function vonageSignature(
  params: Record<string, string>,
  secret: string,
  method: 'md5hash' | 'md5' | 'sha1' | 'sha256' | 'sha512',
): string {
  let base = '';
  for (const name of Object.keys(params).sort()) {
    if (name === 'sig') continue;
    base += `&${name}=${(params[name] ?? '').split('&').join('_').split('=').join('_')}`;
  }
  if (method === 'md5hash')
    return createHash('md5')
      .update(base + secret, 'utf8')
      .digest('hex');
  return createHmac(method, Buffer.from(secret, 'utf8')).update(base, 'utf8').digest('hex');
}
