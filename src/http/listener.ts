import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type Logger } from '../base/logger';
import { ErrorCode } from '../base/error-codes';

/** Resolves request targets in origin form (`/graphql?…`); an absolute-form one keeps its own. */
const BASE = 'http://gateway.local';

/** Serves one request whose target parsed; may throw or reject (the listener answers 500). */
export type Route = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

/**
 * Headers read as one value. Node keeps the first of a repeated Authorization or Content-Type
 * and joins other repeats with ", ": a proxy in front may have read another one, so a request
 * carrying two is refused rather than guessed at (RFC 9112 requires it of Host).
 */
const SINGLE_VALUED = ['Host', 'Authorization', 'Content-Type', 'Idempotency-Key'];

/** The listener's own answers, in GraphQL's error shape (most traffic is /graphql). */
function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  extensions: Record<string, string> = {},
): void {
  const code = status === 500 ? ErrorCode.INTERNAL_SERVER_ERROR : ErrorCode.BAD_REQUEST;
  const body = JSON.stringify({ errors: [{ message, extensions: { code, ...extensions } }] });
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
}

function repeatedHeader(req: IncomingMessage): string | undefined {
  const distinct = req.headersDistinct;
  return SINGLE_VALUED.find((name) => (distinct[name.toLowerCase()]?.length ?? 0) > 1);
}

/**
 * The HTTP server's one 'request' listener. Any single request is survivable: a target that is
 * not a URL (`//[`, `http://[`) or a repeated single-valued header is a 400, and whatever a route
 * throws, synchronously or not, is logged and answered 500 here. An error escaping a listener
 * would end the process, and every request in flight with it.
 *
 * Bytes that are not HTTP at all (a garbage request line, a bad header or chunk) never get here:
 * node's own 'clientError' default answers them 400 (431 for oversized headers) and closes
 * that connection only.
 */
export function createRequestListener(route: Route, logger: Logger) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    // An 'error' event without a listener is thrown (a write after the end, say): logged
    // instead, so such a bug costs one answer, not the process.
    res.on('error', (error) => logger.warn({ err: error }, 'response stream failed'));
    let url: URL;
    try {
      url = new URL(req.url ?? '/', BASE);
    } catch {
      sendError(res, 400, 'The request target is not a valid path: percent-encode it.');
      return;
    }
    const header = repeatedHeader(req);
    if (header !== undefined) {
      sendError(res, 400, `The ${header} header is sent more than once: send it once.`, { header });
      return;
    }
    const lastResort = (error: unknown): void => {
      logger.error({ err: error, method: req.method, path: url.pathname }, 'request failed');
      try {
        if (!res.headersSent)
          sendError(res, 500, 'Internal error: the gateway logged the details.');
        // Part of the answer is out: cut the connection, so the client sees it broken rather
        // than taking what it got for the whole answer.
        else if (!res.writableEnded) res.destroy();
      } catch {
        res.destroy();
      }
    };
    try {
      route(req, res, url).catch(lastResort);
    } catch (error) {
      lastResort(error);
    }
  };
}
