import { type IncomingMessage, type ServerResponse } from 'node:http';
import {
  type DocumentNode,
  GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  getOperationAST,
  parse,
  validate,
} from 'graphql';
import { createHandler } from 'graphql-sse';
import { type Access, type Authenticate } from '../auth';
import { ErrorCode } from '../base/error-codes';
import { type Context } from '../kernel/context';
import { type OperationCheck } from '../limits/plugin';
import { accessOf, readJsonBody, sendError } from './graphql';
import { type RouterGate } from './router-only';
import { type TrustedDocuments } from './trusted-documents';

export interface SubscriptionOptions<C extends Context> {
  schema: GraphQLSchema;
  /** The caller from the Authorization header (src/auth); everyone may do everything without. */
  authenticate?: Authenticate;
  /** The request's context, once per subscription; `signal` aborts when the stream closes. */
  context(req: IncomingMessage, access: Access, signal: () => AbortSignal): Promise<C>;
  /** The limits, as for /graphql. */
  check: OperationCheck;
  maxTokens: number;
  /** Open streams per caller (API token or JWT subject; the client's address when anonymous). */
  perCaller: number;
  /** Open streams in this process. */
  total: number;
  /** CORS: answers preflights itself (returns true), adds headers otherwise. */
  cors?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** As for /graphql: only the manifest's operations (allowlist), or ids resolved (mixed). */
  trustedDocuments?: TrustedDocuments;
  /** As for /graphql: router-only access. */
  router?: RouterGate;
}

/** Bookkeeping of one request, from the HTTP layer to graphql-sse's callbacks. */
interface Pending<C> {
  access: Access;
  abort: AbortController;
  context?: C;
}

function refusal(status: number, error: GraphQLError | { message: string; extensions: object }) {
  const body = JSON.stringify({ errors: [error instanceof GraphQLError ? error.toJSON() : error] });
  return [
    body,
    { status, statusText: 'Refused', headers: { 'content-type': 'application/json' } },
  ] as const;
}

/**
 * GraphQL subscriptions over Server-Sent Events (the GraphQL over SSE protocol, graphql-sse, in
 * its distinct-connections mode: one stream per operation, GET for EventSource or POST). The
 * same caller authentication, body limits, scopes (at subscribe) and operation limits as
 * /graphql apply before a stream opens; only subscriptions are served here. Streams are bounded
 * per caller and in total.
 */
export function createSubscriptionHandler<C extends Context>(options: SubscriptionOptions<C>) {
  const pending = new WeakMap<IncomingMessage, Pending<C>>();
  const open = new Map<string, number>();
  let total = 0;
  const handler = createHandler<
    IncomingMessage,
    { res: ServerResponse },
    Record<PropertyKey, unknown>
  >({
    schema: options.schema,
    // No single-connection mode: every operation is its own stream, authenticated by the request.
    authenticate: () => null,
    onSubscribe: async (req, params) => {
      const state = pending.get(req.raw)!;
      let document: DocumentNode;
      try {
        document = parse(params.query, { maxTokens: options.maxTokens });
      } catch (error) {
        const message =
          error instanceof GraphQLError ? error.message : 'The document does not parse.';
        return refusal(400, { message, extensions: { code: ErrorCode.GRAPHQL_PARSE_FAILED } });
      }
      const invalid = validate(options.schema, document);
      if (invalid.length > 0) return refusal(400, invalid[0]);
      const operation = getOperationAST(
        document,
        params.operationName,
      ) as OperationDefinitionNode | null;
      if (!operation || operation.operation !== 'subscription') {
        return refusal(400, {
          message:
            'Only subscriptions are served on this stream endpoint: send queries and mutations to /graphql.',
          extensions: { code: ErrorCode.BAD_REQUEST },
        });
      }
      const variables = params.variables ?? {};
      const limited = options.check(document, operation, variables);
      if (limited) return refusal(400, limited);
      state.context = await options.context(req.raw, state.access, () => state.abort.signal);
      return {
        schema: options.schema,
        document,
        operationName: params.operationName,
        variableValues: variables,
        contextValue: state.context as unknown as Record<PropertyKey, unknown>,
      };
    },
  });

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (options.cors?.(req, res)) return;
    const access = await accessOf(req, res, options.authenticate);
    if (!access) return;
    const key =
      access.caller.kind === 'anonymous'
        ? `ip:${req.socket.remoteAddress}`
        : `${access.caller.kind}:${access.caller.id}`;
    if ((open.get(key) ?? 0) >= options.perCaller || total >= options.total) {
      const which =
        total >= options.total
          ? `${options.total} in this process`
          : `${options.perCaller} per caller`;
      sendError(
        res,
        429,
        ErrorCode.SUBSCRIPTION_LIMIT,
        `At most ${which} subscriptions may be open at once: close one before opening another.`,
        { 'retry-after': '1' },
      );
      return;
    }
    const read = req.method === 'POST' ? await readJsonBody(req, res) : { body: null };
    if (!read) return;
    const url = new URL(req.url ?? '/', 'http://gateway.invalid');
    const refused = gate(req, url, read.body, options);
    if (refused) return sendError(res, refused.status, refused.code, refused.message);
    if (url.search) req.url = url.pathname + url.search;
    const state: Pending<C> = { access, abort: new AbortController() };
    pending.set(req, state);
    open.set(key, (open.get(key) ?? 0) + 1);
    total++;
    try {
      await serve(req, res, handler, read.body);
    } finally {
      state.abort.abort();
      total--;
      const left = (open.get(key) ?? 1) - 1;
      if (left > 0) open.set(key, left);
      else open.delete(key);
    }
  };
}

/**
 * The checks of /graphql that come before any parsing: trusted documents (a persisted id becomes
 * its text; in allowlist mode any other document is refused) and router-only access. `url` may
 * come back with a resolved search (a GET's persisted id).
 */
function gate(
  req: IncomingMessage,
  url: URL,
  body: unknown,
  options: Pick<SubscriptionOptions<Context>, 'trustedDocuments' | 'router'>,
) {
  if (options.trustedDocuments) {
    const resolved =
      req.method === 'POST'
        ? { search: url.search, refusal: options.trustedDocuments.resolveBody(body) }
        : options.trustedDocuments.resolveSearch(url);
    if (resolved.refusal) return resolved.refusal;
    url.search = resolved.search;
  }
  const isJsonPost =
    req.method === 'POST' && /application\/json/i.test(req.headers['content-type'] ?? '');
  return options.router?.check(req.method, req.headers, body, url, isJsonPost).refusal;
}

/** graphql-sse's node:http adapter, given a body already read within the limits. */
async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  handler: ReturnType<
    typeof createHandler<IncomingMessage, { res: ServerResponse }, Record<PropertyKey, unknown>>
  >,
  body: unknown,
): Promise<void> {
  const [stream, init] = await handler({
    method: req.method!,
    url: req.url!,
    headers: {
      get: (name: string) => {
        const value = req.headers[name];
        return Array.isArray(value) ? value.join('\n') : value;
      },
    },
    body: (body ?? null) as Record<string, unknown> | string | null,
    raw: req,
    context: { res },
  });
  res.writeHead(init.status, init.statusText, { 'cache-control': 'no-store', ...init.headers });
  if (!stream || typeof stream === 'string') {
    await new Promise<void>((resolve) => res.end(stream ?? undefined, () => resolve()));
    return;
  }
  const stop = () => void stream.return(undefined);
  res.once('close', stop);
  try {
    for await (const chunk of stream) {
      if (!res.writable) break;
      const written = await new Promise<boolean>((resolve) =>
        res.write(chunk, (error) => resolve(!error)),
      );
      if (!written) break;
    }
  } finally {
    res.off('close', stop);
    res.end();
  }
}
