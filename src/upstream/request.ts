import { type UpstreamConfig } from '../config/config';
import { type XmlList } from './decode';
import { type UpstreamErrorKind } from './errors';
import { redactUrl } from '../base/redact';

export const USER_AGENT = 'vonage-graphql-gateway/0.1.0';

/** A list is sent as the parameter repeated (`key=a&key=b`). */
export type Params = Record<string, string | number | boolean | readonly string[] | undefined>;

export interface UpstreamRequest {
  /** Which area's rate limit the request draws on (its client names it), and its metrics label. */
  area: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /**
   * Which of Vonage's hosts: `rest` (rest.nexmo.com, the default) or `api` (api.nexmo.com),
   * which takes Basic credentials only and JSON.
   */
  host?: 'rest' | 'api';
  path: string;
  /** Name of the upstream operation, for logs and errors (`getBalance`). */
  operation: string;
  query?: Params;
  /** Sent as application/x-www-form-urlencoded. Undefined fields are omitted; '' is sent. */
  form?: Params;
  /** Sent as application/json instead of a form (the api host's POST and PATCH bodies). */
  json?: Record<string, unknown>;
  /**
   * The API key to authenticate as, with the configured secret, in place of the configured key:
   * another key that the configured secret authenticates.
   */
  apiKey?: string;
  /**
   * How this area's HTTP statuses read where the common rule would mislead: the api host answers
   * 403 for refusals (an invalid transfer), not only for credentials.
   */
  statusKinds?: Readonly<Partial<Record<number, UpstreamErrorKind>>>;
  /** Secrets this request carries: scrubbed from any error it gets back. */
  secrets?: readonly string[];
  /**
   * A POST that only reads (an empty settings POST) may be retried like a GET. Never set this on
   * a POST that changes anything.
   */
  idempotent?: boolean;
  /** Aborted when nobody waits for the answer any more (src/base/call-scope.ts). */
  signal?: AbortSignal;
  /** Who asked, for the rate limiter's per-caller share (src/base/call-scope.ts). */
  caller?: string;
  /** Where the answer holds lists, for XML bodies. */
  xmlLists?: readonly XmlList[];
  /** Where the area's error bodies put their code, when not only in `error-code`. */
  errorCodeFields?: readonly string[];
}

/** What goes on the wire, and the URL as it may be printed. */
export interface WireRequest {
  url: URL;
  /** The URL with every secret removed: the only form that reaches logs and errors. */
  safeUrl: string;
  headers: Record<string, string>;
  body?: string;
}

function encode(params: Params | undefined): URLSearchParams {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) {
    if (Array.isArray(value)) for (const item of value) search.append(key, item);
    else if (value !== undefined) search.append(key, String(value));
  }
  return search;
}

/**
 * Builds the HTTP request: JSON asked for, POSTs form-encoded (or JSON), and the credentials in
 * exactly one place. Basic is the default, and the only way on the api host; with query auth a
 * POST carries them in its form body, which stays out of URLs.
 */
export function toWire(config: UpstreamConfig, req: UpstreamRequest): WireRequest {
  const url = new URL((req.host === 'api' ? config.apiUrl : config.restUrl) + req.path);
  encode(req.query).forEach((value, key) => url.searchParams.append(key, value));
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': USER_AGENT };
  const apiKey = req.apiKey ?? config.apiKey;
  let body: string | undefined;
  let form: URLSearchParams | undefined;
  if (req.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(req.json);
  } else if (req.method === 'POST') {
    form = encode(req.form);
    headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  if (config.auth === 'basic' || req.host === 'api') {
    const token = Buffer.from(`${apiKey}:${config.apiSecret}`).toString('base64');
    headers.authorization = `Basic ${token}`;
  } else {
    const target = form ?? url.searchParams;
    target.set('api_key', apiKey);
    target.set('api_secret', config.apiSecret);
  }
  return { url, safeUrl: redactUrl(url.toString()), headers, body: body ?? form?.toString() };
}
