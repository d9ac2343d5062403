import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type ApolloServer, HeaderMap } from '@apollo/server';
import { type Context } from '../context';

const MAX_BODY_BYTES = 1024 * 1024;

class BodyTooLarge extends Error {}

/** GraphQL answers are per caller and never cached; nor is their type to be guessed. */
const NO_STORE = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(text: string, contentType: string | undefined): unknown {
  if (!contentType?.toLowerCase().includes('application/json')) return text;
  if (text === '') return undefined;
  return JSON.parse(text);
}

/**
 * Serves /graphql with Apollo Server on plain node:http. Apollo applies its own CSRF prevention
 * and method rules; this only moves bytes in and out.
 */
export function createGraphqlHandler(
  apollo: ApolloServer<Context>,
  context: (req: IncomingMessage) => Promise<Context>,
) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    let body: unknown;
    try {
      body = parseBody(await readBody(req), req.headers['content-type']);
    } catch (error) {
      const tooLarge = error instanceof BodyTooLarge;
      const headers: Record<string, string> = { 'content-type': 'application/json', ...NO_STORE };
      // The rest of an oversized body is never read, so this socket cannot carry another
      // request: say so, and close it once the answer is out (a keep-alive client would
      // otherwise wait on it until a reset).
      if (tooLarge) headers.connection = 'close';
      const socket = res.socket ?? req.socket;
      if (tooLarge) res.once('finish', () => socket?.destroy());
      res.writeHead(tooLarge ? 413 : 400, headers);
      res.end(
        JSON.stringify({
          errors: [
            {
              message: tooLarge
                ? 'Request body is larger than 1 MiB'
                : 'Request body is not valid JSON',
              extensions: { code: 'BAD_REQUEST' },
            },
          ],
        }),
      );
      return;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: () => context(req),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    for (const [key, value] of Object.entries(NO_STORE)) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
