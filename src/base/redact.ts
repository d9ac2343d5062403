const SECRET_PARAMS = ['api_secret', 'apiSecret', 'secret', 'sig', 'signature'];
const MASK = '***';

/**
 * The one place that makes URLs and text safe to print: the secret never leaves the process
 * except in the request to Vonage itself.
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    for (const name of SECRET_PARAMS) {
      if (parsed.searchParams.has(name)) parsed.searchParams.set(name, MASK);
    }
    if (parsed.password) parsed.password = MASK;
    return parsed.toString().replace(/%2A%2A%2A/g, MASK);
  } catch {
    return url.replace(/(api_secret|secret|sig|signature)=[^&\s]*/gi, `$1=${MASK}`);
  }
}

/** The values that must never be printed: the API secret and the Basic token made from it. */
export function secretsOf(credentials: { apiKey: string; apiSecret: string }): string[] {
  const { apiKey, apiSecret } = credentials;
  if (!apiSecret) return [];
  return [apiSecret, Buffer.from(`${apiKey}:${apiSecret}`).toString('base64')];
}

/** A secret as it may appear: raw, URL-encoded, or form-encoded (spaces as +). */
function formsOf(secret: string): string[] {
  const form = new URLSearchParams({ s: secret }).toString().slice(2);
  return [...new Set([secret, encodeURIComponent(secret), form])];
}

/** Replaces every occurrence of each secret (raw, URL- or form-encoded) in a text. */
export function redactText(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (!secret) continue;
    for (const form of formsOf(secret)) result = result.split(form).join(MASK);
  }
  return result;
}

/** How deep redactValue looks; what lies deeper is replaced, never printed unread. */
const MAX_DEPTH = 8;
const TOO_DEEP = '[nested too deep to print]';

/**
 * Deeply redacts every string of a value (for log records and error extensions). A value nested
 * deeper than MAX_DEPTH (or a cycle) is replaced by a marker: it could hold a secret unread.
 */
export function redactValue<T>(value: T, secrets: readonly string[], depth = 0): T {
  if (typeof value === 'string') return redactText(value, secrets) as T;
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) return TOO_DEEP as T;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets, depth + 1)) as T;
  if (value instanceof Error) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = redactValue(item, secrets, depth + 1);
  return out as T;
}
