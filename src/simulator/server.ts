import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { ADMIN_PREFIX, adminReply } from './admin';
import { FORM_TYPE, isFormBody, readBody, readJson } from './body';
import { authenticate, type Keyring } from './auth';
import { type CannedReply, type Counters, type Faults } from './faults';
import { type Payload, toJson, toXml, wantsXml } from './render';
import { badRequest, errorCode, type Limiter, problem, type Reply, type Route } from './area';

export { type Limiter } from './area';

export interface SimulatorServerOptions {
  /** Every account's live secrets: the primary's, and its sub-accounts'. */
  keyring: Keyring;
  routes: readonly Route[];
  counters: Counters;
  faults: Faults;
  reset(): void;
  /** The admin endpoint `POST /_simulator/prices` (pricing.ts `movePrices`). */
  movePrices(n: number, type?: string): unknown;
  /** The admin endpoint `POST /_simulator/subaccounts` (`{"provisioned": false}`). */
  configureSubaccounts(input: unknown): Payload;
  /** `POST /_simulator/inbound-sms`, `send-sms` and `webhooks` (webhooks.ts, webhooks.sms.ts). */
  sendInboundSms(input: unknown): Promise<Payload>;
  sendSms(input: unknown): Payload;
  configureWebhooks(input: unknown): Payload;
  /** True: XML for every reply that has an XML form, whatever the Accept header says. */
  forceXml?: () => boolean;
  /**
   * Rate limiting, keyed by `Route.group`, checked after authentication because Vonage limits per
   * account. A refused request gets Vonage's bare 429 with no body and counts in
   * `counters.rateLimited`. Pricing (1 request/second) registers the first.
   */
  limiters?: Readonly<Record<string, Limiter>>;
  log?: (line: string) => void;
}

export interface SimulatorServer {
  server: Server;
  close(): Promise<void>;
}

interface Wire {
  status: number;
  headers: Record<string, string>;
  body: string;
}

type Match =
  | { kind: 'route'; key: string; route: Route; params: Record<string, string> }
  | { kind: 'method'; key: string; allow: string[] }
  | { kind: 'missing'; key: string };

class AbortedByClose extends Error {}

/**
 * The sandbox's request pipeline. For every non-admin request: count it, then apply faults in
 * order (drop before, canned reply), then route, authenticate and run the handler, then drop after
 * or wait out the latency and answer. The operation runs as soon as the request arrives and only
 * the answer is late, so a client that times out during the latency faces a real unknown outcome.
 */
/**
 * When a request came in (`performance.now()` as the server saw it, before its body was read)
 * and the trace id it is answered with. Rate limits count arrivals, as Vonage does.
 */
interface Arrival {
  traceId: string;
  arrivedAt: number;
}

export function createSimulatorServer(options: SimulatorServerOptions): SimulatorServer {
  const { counters, faults, log } = options;
  const routes = options.routes.map((route) => ({ route, segments: route.path.split('/') }));
  const closing = new AbortController();

  function match(method: string, path: string): Match {
    const segments = path.split('/');
    const found = routes.flatMap(({ route, segments: pattern }) => {
      const params = matchPath(pattern, segments);
      return params ? [{ route, params }] : [];
    });
    const exact = found.find(({ route }) => route.method === method);
    if (exact) return { kind: 'route', key: `${method} ${exact.route.path}`, ...exact };
    const key = `${method} ${path}`;
    if (found.length === 0) return { kind: 'missing', key };
    return { kind: 'method', key, allow: [...new Set(found.map(({ route }) => route.method))] };
  }

  async function answer(
    req: IncomingMessage,
    url: URL,
    found: Match,
    { traceId, arrivedAt }: Arrival,
  ) {
    const raw = await readBody(req);
    const method = req.method ?? 'GET';
    const path = url.pathname;
    if (raw === undefined) {
      return problem(413, 'payload-too-large', 'Payload Too Large', 'Body over 1 MiB', traceId);
    }
    if (found.kind === 'missing') {
      return problem(404, 'not-found', 'Not Found', `No route for ${method} ${path}`, traceId);
    }
    if (found.kind === 'method') {
      const detail = `${path} only accepts ${found.allow.join(', ')}`;
      const reply = problem(405, 'method-not-allowed', 'Method Not Allowed', detail, traceId);
      return { ...reply, headers: { allow: found.allow.join(', ') } };
    }
    const { route, params } = found;
    const unauthorized = () =>
      route.unauthorized?.(traceId) ??
      errorCode(401, '401', 'authentication failed', route.authXmlRoot);
    const isForm = route.method === 'POST' && route.body !== 'json';
    if (isForm && !isFormBody(req.headers['content-type'], raw)) {
      const reason = `Send the parameters as ${FORM_TYPE}`;
      return badRequest('Bad Request', [{ name: 'content-type', reason }]);
    }
    const form = new URLSearchParams(isForm ? raw : '');
    const sources = isForm ? [url.searchParams, form] : [url.searchParams];
    if (route.basicOnly && ['api_key', 'api_secret'].some((name) => url.searchParams.has(name))) {
      return unauthorized();
    }
    const auth = authenticate(req.headers.authorization, sources, options.keyring);
    if (auth.outcome === 'twice') {
      const reason = 'Send either an Authorization header or api_key and api_secret, not both';
      return badRequest('Provide credentials once', [{ name: 'authorization', reason }]);
    }
    if (auth.outcome === 'failed') return unauthorized();
    const limiter = route.group === undefined ? undefined : options.limiters?.[route.group];
    if (limiter && !limiter.tryTake(arrivedAt)) {
      counters.limited();
      return { status: 429 };
    }
    const query = url.searchParams;
    const hasBody = route.body === 'json' && (method === 'POST' || method === 'PATCH');
    const json = hasBody ? readJson(req.headers['content-type'], raw) : undefined;
    const account = auth.apiKey;
    return route.handle({ method, path, params, query, account, form, json, traceId });
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse, arrival: Arrival) {
    const { traceId } = arrival;
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const method = req.method ?? 'GET';
    res.setHeader('x-nexmo-trace-id', traceId);
    if (url.pathname.startsWith(ADMIN_PREFIX)) {
      const body = (await readBody(req)) ?? '';
      const reply = await adminReply(method, url.pathname, body, options, traceId);
      return send(res, render(reply, false));
    }
    const found = match(method, url.pathname);
    counters.record(found.key);
    const fault = faults.take();
    if (fault?.kind === 'drop' && fault.when === 'before') return drop(res);
    let wire: Wire;
    if (fault?.kind === 'fail') {
      wire = canned(fault.reply);
    } else {
      const reply = await answer(req, url, found, arrival).catch((error: unknown) => {
        const detail = error instanceof Error ? error.message : String(error);
        return problem(500, 'internal-error', 'Internal Server Error', detail, traceId);
      });
      if (fault?.kind === 'drop') return drop(res);
      wire = render(reply, options.forceXml?.() === true || wantsXml(req.headers.accept));
    }
    if (faults.latencyMs > 0) {
      await sleep(faults.latencyMs, undefined, { signal: closing.signal }).catch(() => {
        throw new AbortedByClose();
      });
    }
    return send(res, wire);
  }

  const server = createServer((req, res) => {
    const started = performance.now();
    const traceId = randomBytes(16).toString('hex');
    onRequest(req, res, { traceId, arrivedAt: started })
      .catch((error: unknown) => {
        if (error instanceof AbortedByClose) return drop(res);
        const detail = error instanceof Error ? error.message : String(error);
        return send(res, { status: 500, headers: jsonType, body: toJson({ detail }) });
      })
      .then((outcome) => {
        const ms = Math.round(performance.now() - started);
        log?.(`${req.method} ${redactedTarget(req.url)} ${outcome} ${ms}ms trace=${traceId}`);
      })
      .catch(() => undefined);
  });

  let closed: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closed ??= new Promise<void>((resolve, reject) => {
      closing.abort();
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    }));

  return { server, close };
}

const jsonType = { 'content-type': 'application/json' };
const xmlType = { 'content-type': 'application/xml' };

function render(reply: Reply, xml: boolean): Wire {
  const headers = { ...reply.headers };
  const { serialized } = reply;
  if (serialized) {
    if (xml && serialized.xml) {
      return { status: reply.status, headers: { ...headers, ...xmlType }, body: serialized.xml() };
    }
    return { status: reply.status, headers: { ...headers, ...jsonType }, body: serialized.json() };
  }
  if (reply.body === undefined) return { status: reply.status, headers, body: '' };
  if (xml && reply.xmlRoot !== undefined) {
    const body = toXml(reply.xmlRoot, reply.xmlBody ?? reply.body);
    return { status: reply.status, headers: { ...headers, ...xmlType }, body };
  }
  return { status: reply.status, headers: { ...headers, ...jsonType }, body: toJson(reply.body) };
}

function canned(reply: CannedReply): Wire {
  return { status: reply.status, headers: { ...reply.headers }, body: reply.body ?? '' };
}

function send(res: ServerResponse, wire: Wire): string {
  if (res.destroyed || res.writableEnded) return `${wire.status} (client gone)`;
  const headers = { ...wire.headers, 'content-length': String(Buffer.byteLength(wire.body)) };
  res.writeHead(wire.status, headers);
  res.end(wire.body);
  return String(wire.status);
}

function drop(res: ServerResponse): string {
  res.socket?.destroy();
  res.destroy();
  return 'dropped';
}

function matchPath(pattern: readonly string[], segments: readonly string[]) {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of pattern.entries()) {
    const segment = segments[index] ?? '';
    if (part.startsWith(':') && segment !== '') params[part.slice(1)] = decodeSegment(segment);
    else if (part !== segment) return undefined;
  }
  return params;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The request target for the log, with `api_secret` masked; the secret never reaches a log line. */
function redactedTarget(target: string | undefined): string {
  const url = new URL(target ?? '/', 'http://sandbox.invalid');
  if (url.searchParams.has('api_secret')) url.searchParams.set('api_secret', '***');
  return `${url.pathname}${url.search}`;
}
