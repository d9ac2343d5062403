import { type IncomingMessage } from 'node:http';

// Reading and checking a request's body (/graphql, a domain's route) before anything else reads it.

/** The largest /graphql body read (1 MiB). */
const MAX_BODY_BYTES = 1024 * 1024;

export class BodyTooLarge extends Error {}

/** The body as text; BodyTooLarge past `maxBytes`, before the rest is read. */
export async function readBody(req: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function parseBody(text: string, contentType: string | undefined): unknown {
  if (!contentType?.toLowerCase().includes('application/json')) return text;
  if (text === '') return undefined;
  return JSON.parse(text);
}

/**
 * Levels of arrays and objects a request's variables (or extensions) may nest: far more than any
 * input type here has. Deeper values are refused before anything reads them: keying the response
 * cache, logging or coercing them must never recurse past the stack (a RangeError, a 500).
 */
export const MAX_NESTING = 64;

/** Whether `value` nests arrays and objects deeper than `max`, walked without recursion. */
function nestsDeeper(value: unknown, max: number): boolean {
  const values: unknown[] = [value];
  const depths: number[] = [0];
  while (values.length > 0) {
    const item = values.pop();
    const depth = depths.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) {
      values.push(child);
      depths.push(depth + 1);
    }
  }
  return false;
}

/** The field of a request (or of one in a batch) that nests deeper than MAX_NESTING, if any. */
export function tooDeep(body: unknown): string | undefined {
  for (const request of Array.isArray(body) ? body : [body]) {
    if (typeof request !== 'object' || request === null) continue;
    if (Array.isArray(request)) {
      if (nestsDeeper(request, MAX_NESTING)) return 'the request body';
      continue;
    }
    for (const [field, value] of Object.entries(request)) {
      if (nestsDeeper(value, MAX_NESTING)) return field;
    }
  }
  return undefined;
}
