import { type IncomingMessage } from 'node:http';
import { type JsonBody } from './area';

/** Reading a request body: the size cap, and the form or JSON rule of its route. */

const MAX_BODY_BYTES = 1024 * 1024;
export const FORM_TYPE = 'application/x-www-form-urlencoded';

/**
 * POST parameters must be urlencoded: a JSON body is refused, as Vonage does. An empty body with
 * no content type is accepted (an empty settings POST reads the current settings).
 */
export function isFormBody(contentType: string | undefined, body: string): boolean {
  if (contentType === undefined) return body === '';
  return contentType.split(';')[0]?.trim().toLowerCase() === FORM_TYPE;
}

/** A JSON route's body: an `application/json` content type and text that parses. */
export function readJson(contentType: string | undefined, body: string): JsonBody {
  const reason = 'Send a JSON body with content-type application/json';
  if (contentType?.split(';')[0]?.trim().toLowerCase() !== 'application/json') {
    return { ok: false, reason };
  }
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch {
    return { ok: false, reason };
  }
}

export function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () =>
      resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString()),
    );
    req.on('error', reject);
  });
}
