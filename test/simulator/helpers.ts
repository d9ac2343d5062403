import { request } from 'undici';
import { type Simulator } from '../../src/simulator';

export type AuthMode = 'basic' | 'query' | 'form' | 'none';

export interface Call {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  auth?: AuthMode;
  /** Sign in as this account (a sub-account, or another secret) instead of the simulator's own. */
  as?: { apiKey: string; apiSecret: string };
  /** Sent as an application/json body (POST unless `method` says otherwise). */
  json?: unknown;
  form?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
}

export interface Answer {
  status: number;
  headers: Record<string, string>;
  text: string;
  json(): Record<string, unknown>;
}

export function basicHeader(apiKey: string, apiSecret: string): string {
  return `Basic ${Buffer.from(`${apiKey}:${apiSecret}`).toString('base64')}`;
}

/** One real HTTP request to the sandbox, authenticated the way `auth` says (Basic by default). */
export async function call(sim: Simulator, path: string, options: Call = {}): Promise<Answer> {
  const { auth = 'basic', form, headers = {} } = options;
  const hasBody = form !== undefined || options.body !== undefined || options.json !== undefined;
  const method = options.method ?? (hasBody ? 'POST' : 'GET');
  const { apiKey, apiSecret } = options.as ?? sim;
  const credentials = { api_key: apiKey, api_secret: apiSecret };
  const query = new URLSearchParams({ ...options.query, ...(auth === 'query' ? credentials : {}) });
  const allHeaders: Record<string, string> = { ...headers };
  if (auth === 'basic') allHeaders.authorization = basicHeader(apiKey, apiSecret);
  let body = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    allHeaders['content-type'] ??= 'application/json';
  }
  if (form || auth === 'form') {
    body = new URLSearchParams({ ...form, ...(auth === 'form' ? credentials : {}) }).toString();
    allHeaders['content-type'] ??= 'application/x-www-form-urlencoded';
  }
  const search = query.size > 0 ? `?${query.toString()}` : '';
  const response = await request(`${sim.url}${path}${search}`, {
    method,
    headers: allHeaders,
    body,
  });
  const text = await response.body.text();
  const flat = Object.fromEntries(
    Object.entries(response.headers).map(([name, value]) => [name, String(value)]),
  );
  return {
    status: response.statusCode,
    headers: flat,
    text,
    json: () => JSON.parse(text) as Record<string, unknown>,
  };
}
