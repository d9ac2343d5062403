import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type ApolloServer, HeaderMap } from '@apollo/server';
import { type Access, type Authenticate, AuthenticationError, OPEN_ACCESS } from '../auth';
import { type Context } from '../kernel/context';
import { type ResponseCache, type SharedAnswer } from './response-cache';
import { type TrustedDocuments } from './trusted-documents';
import { ROUTER_TOKEN_HEADER, type RouterGate, TRACE_HEADER } from './router-only';
import { ErrorCode } from '../base/error-codes';
import { activeSpan, inSpan, incomingTrace, markFailed } from '../base/tracing';
import { BodyTooLarge, MAX_NESTING, parseBody, readBody, tooDeep } from './request-body';

/** GraphQL answers are per caller and never cached; nor is their type to be guessed. */
const NO_STORE = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

/** A JSON GraphQL error answer, before or instead of any execution. */
export function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
  extensions: Record<string, string> = {},
): void {
  const span = activeSpan();
  span.setAttributes({ 'graphql.outcome': 'rejected', 'graphql.error.codes': [code] });
  markFailed(span);
  res.writeHead(status, { 'content-type': 'application/json', ...NO_STORE, ...headers });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code, ...extensions } }] }));
}

export interface GraphqlHandlerOptions {
  /** The caller from the Authorization header (src/auth); everyone may do everything without. */
  authenticate?: Authenticate;
  /** CORS: answers preflights itself (returns true), adds headers otherwise. */
  cors?: (req: IncomingMessage, res: ServerResponse) => boolean;
  trustedDocuments?: TrustedDocuments;
  /**
   * Router-only access (ROUTER_HMAC_SECRET, ROUTER_TOKEN): which requests are the router's, and
   * what only it may ask. Only the router's requests may ask for a federated trace.
   */
  router?: RouterGate;
  /** Whole answers sent again while fresh, and handed to identical requests made meanwhile. */
  responseCache?: ResponseCache;
  /**
   * Told of each answer sent without executing: kept in the response cache (`reused`) or made
   * meanwhile for an identical request (`shared`), with its operation name and duration.
   */
  onReused?: (how: 'reused' | 'shared', operationName: string | undefined, seconds: number) => void;
}

/**
 * Serves /graphql with Apollo Server on plain node:http. Apollo applies its own CSRF prevention
 * and method rules; this answers CORS preflights, authenticates the caller (a token that does
 * not verify is a 401 before anything runs), resolves trusted documents, and moves bytes.
 * Each request but a preflight runs in one server span, the parent of everything it causes,
 * continuing the trace its `traceparent` names (Apollo's tracingPlugin names it).
 */
export function createGraphqlHandler<C extends Context>(
  apollo: ApolloServer<C>,
  context: (req: IncomingMessage, access: Access, signal: () => AbortSignal) => Promise<C>,
  options: GraphqlHandlerOptions = {},
) {
  const handle = graphqlHandler(apollo, context, options);
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const received = performance.now();
    if (options.cors?.(req, res)) return;
    const attributes = { 'http.request.method': req.method ?? 'GET', 'url.path': url.pathname };
    const parent = incomingTrace(req.headers);
    await inSpan('graphql', { kind: 'server', attributes, parent }, async (span) => {
      try {
        await handle(req, res, url, received);
      } finally {
        span.setAttribute('http.response.status_code', res.statusCode);
      }
    });
  };
}

function graphqlHandler<C extends Context>(
  apollo: ApolloServer<C>,
  context: (req: IncomingMessage, access: Access, signal: () => AbortSignal) => Promise<C>,
  options: GraphqlHandlerOptions,
) {
  return async (
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    received: number,
  ): Promise<void> => {
    const caller = await accessOf(req, res, options.authenticate);
    if (!caller) return;
    const access: Access = caller;
    const read = await readJsonBody(req, res);
    if (!read) return;
    const { body } = read;
    let search = url.search;
    if (options.trustedDocuments) {
      const isGet = req.method === 'GET' || req.method === 'HEAD';
      const resolved = isGet
        ? options.trustedDocuments.resolveSearch(url)
        : { search, refusal: options.trustedDocuments.resolveBody(body) };
      if (resolved.refusal) {
        const { status, code, message } = resolved.refusal;
        sendError(res, status, code, message);
        return;
      }
      search = resolved.search;
    }
    // A JSON POST only: Apollo's CSRF prevention lets those through, and GETs still meet it.
    const isJsonPost =
      req.method === 'POST' && /application\/json/i.test(req.headers['content-type'] ?? '');
    let fromRouter = false;
    if (options.router) {
      const verdict = options.router.check(req.method, req.headers, body, url, isJsonPost);
      if (verdict.refusal) {
        const { status, code, message } = verdict.refusal;
        sendError(res, status, code, message);
        return;
      }
      fromRouter = verdict.router;
    }
    // A traced answer carries its own timings: it is never kept nor handed to another request.
    const traced = fromRouter && req.headers[TRACE_HEADER] !== undefined;
    const cache = options.responseCache;
    const reuseKey = isJsonPost && !traced ? cache?.keyOf(body, access) : undefined;
    const reused = reuseKey === undefined ? undefined : cache!.get(reuseKey);
    const underway = reuseKey === undefined || reused ? undefined : cache!.join(reuseKey);
    const ready: SharedAnswer | undefined = reused ?? (underway && (await underway));
    if (ready) {
      const kept = ready.until !== undefined;
      const cacheControl = kept
        ? `private, max-age=${Math.floor((ready.until! - Date.now()) / 1000)}`
        : (ready.cacheControl ?? NO_STORE['cache-control']);
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': String(ready.body.byteLength),
        'cache-control': cacheControl,
        'x-content-type-options': 'nosniff',
      });
      res.end(ready.body);
      const { operationName } = body as { operationName?: unknown };
      const name = typeof operationName === 'string' ? operationName : undefined;
      const how = kept ? 'reused' : 'shared';
      const span = activeSpan();
      span.setAttribute('graphql.outcome', how);
      if (name) span.setAttributes({ 'graphql.operation.name': name });
      options.onReused?.(how, name, (performance.now() - received) / 1000);
      return;
    }
    // Identical requests arriving meanwhile wait for this answer (ResponseCache.join).
    const answering = reuseKey === undefined ? undefined : cache!.begin(reuseKey);
    // Aborted once the answer is out or the client is gone, unless identical requests wait for
    // it: this request's upstream calls still queued for a rate-limit slot then give it up
    // (src/base/call-scope.ts).
    // Made only when an upstream call asks for it: most warm answers need none.
    let done: AbortController | undefined;
    let closed = false;
    const signal = () => {
      if (!done) {
        done = new AbortController();
        if (closed && !answering?.awaited()) done.abort();
      }
      return done.signal;
    };
    let ran: C | undefined;
    res.once('close', () => {
      closed = true;
      if (done && !answering?.awaited()) done.abort();
    });
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    if (options.router) {
      // Nothing past this check sees the router's secret; only the router may ask for a trace.
      headers.delete(ROUTER_TOKEN_HEADER);
      if (!fromRouter) headers.delete(TRACE_HEADER);
    }
    // A finished mutation: answers begun before it are not handed to requests arriving after.
    const changes = cache && isJsonPost && cache.isMutation(body);
    try {
      await execute();
    } finally {
      answering?.finish();
      if (changes) cache.changed();
    }

    async function execute(): Promise<void> {
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'GET', headers, search, body },
        context: async () => (ran = await context(req, access, signal)),
      });
      for (const [key, value] of response.headers) res.setHeader(key, value);
      // no-store unless the answer carries a cache hint for routers (src/http/cache-hints.ts).
      for (const [key, value] of Object.entries(NO_STORE)) {
        if (key !== 'cache-control' || !res.hasHeader('cache-control')) res.setHeader(key, value);
      }
      res.statusCode = response.status ?? 200;
      if (response.body.kind === 'complete') {
        res.end(response.body.string);
        // Whether it may be handed on and kept, from what the request recorded while it was made.
        if (answering && ran?.freshness.shareable && res.statusCode === 200) {
          const until = cache!.mayKeep(body) ? ran.freshness.reusableUntil() : undefined;
          const cacheControl = res.getHeader('cache-control');
          answering.finish({
            body: response.body.string,
            until,
            cacheControl: typeof cacheControl === 'string' ? cacheControl : undefined,
          });
        }
        return;
      }
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    }
  };
}

/** The caller, or undefined once a 401 is answered (a token that does not verify). */
export async function accessOf(
  req: IncomingMessage,
  res: ServerResponse,
  authenticate: Authenticate | undefined,
): Promise<Access | undefined> {
  if (!authenticate) return OPEN_ACCESS;
  try {
    return await authenticate(req.headers.authorization);
  } catch (error) {
    if (!(error instanceof AuthenticationError)) throw error;
    sendError(res, 401, ErrorCode.UNAUTHENTICATED, error.message, {
      'www-authenticate': 'Bearer error="invalid_token"',
    });
    return undefined;
  }
}

/**
 * The request's body, read within its limit (1 MiB) and parsed (JSON, not too deep; undefined
 * when empty), or undefined once a 400 or 413 is answered.
 */
export async function readJsonBody(
  req: IncomingMessage,
  res: ServerResponse,
): Promise<{ body: unknown } | undefined> {
  let text: string;
  try {
    text = await readBody(req);
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) {
      // Cut short or badly framed: node has most likely answered 400 and closed already.
      sendError(
        res,
        400,
        ErrorCode.BAD_REQUEST,
        'Request body could not be read: it was cut short.',
      );
      return undefined;
    }
    // The rest of an oversized body is never read, so this socket cannot carry another
    // request: say so, and close it once the answer is out (a keep-alive client would
    // otherwise wait on it until a reset).
    const socket = res.socket ?? req.socket;
    res.once('finish', () => socket?.destroy());
    sendError(res, 413, ErrorCode.BAD_REQUEST, 'Request body is larger than 1 MiB', {
      connection: 'close',
    });
    return undefined;
  }
  let body: unknown;
  try {
    body = parseBody(text, req.headers['content-type']);
  } catch {
    sendError(res, 400, ErrorCode.BAD_REQUEST, 'Request body is not valid JSON');
    return undefined;
  }
  const deep = tooDeep(body);
  if (deep !== undefined) {
    const message = `Too deep: ${deep} nests arrays or objects more than ${MAX_NESTING} levels deep; send flatter values.`;
    const field = deep === 'the request body' ? undefined : { field: deep };
    sendError(res, 400, ErrorCode.BAD_REQUEST, message, {}, field);
    return undefined;
  }
  return { body };
}
