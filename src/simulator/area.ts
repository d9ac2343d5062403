import { type Payload } from './render';

/** What a handler answers; the server renders it as JSON or XML and adds the trace id. */
export interface Reply {
  status: number;
  /** Absent for an empty body (Vonage's 429 has none). */
  body?: Payload;
  /**
   * Root element when the client asks for XML. Absent for the shapes Vonage only sends as JSON
   * (BAD_REQUEST, RFC 7807): those stay JSON whatever the Accept header says.
   */
  xmlRoot?: string;
  /** The XML tree when it differs from the JSON one (lists nested as `<networks><network>`). */
  xmlBody?: Payload;
  /**
   * The body already serialized, for large answers an area caches (the full price list): sent as
   * it is, in place of `body`. Without `xml` the answer is JSON whatever the Accept header says.
   */
  serialized?: Serialized;
  headers?: Readonly<Record<string, string>>;
}

export interface Serialized {
  json(): string;
  /** The whole XML document, prolog included. */
  xml?(): string;
}

/** Answers whether one more request in its group, arrived at `arrivedAt`, may go through. */
export interface Limiter {
  /** `arrivedAt`: `performance.now()` when the request came in. */
  tryTake(arrivedAt: number): boolean;
}

/** A JSON route's body as the server read it: parsed, or why it could not be. */
export type JsonBody = { ok: true; value: unknown } | { ok: false; reason: string };

export interface RouteRequest {
  method: string;
  path: string;
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  /** The api_key the request authenticated as (the primary account or one of its sub-accounts). */
  account: string;
  /**
   * The urlencoded body. Operation parameters are read from here only, never from the query string,
   * so a client that sends them in the wrong place is caught rather than forgiven.
   */
  form: URLSearchParams;
  /** Set for routes whose `body` is `json`; `form` is then empty. */
  json?: JsonBody;
  traceId: string;
}

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Literal segments, or `:name` for a path parameter (`/account/get-pricing/outbound/:type`). */
  path: string;
  /** Root element of the XML 401 body: `accountBalance` for get-balance, `response` elsewhere. */
  authXmlRoot: string;
  /** The 401 of this route when it is not the common `{error-code, error-code-label}` body. */
  unauthorized?: (traceId: string) => Reply;
  /**
   * How the parameters come: `form` (the default, urlencoded, and the only kind a POST of the
   * legacy APIs accepts) or `json` (the newer APIs: Subaccounts, secrets), read for POST and PATCH.
   */
  body?: 'form' | 'json';
  /** True: credentials from the Authorization header only; api_key/api_secret in the query fail. */
  basicOnly?: boolean;
  /** Rate-limit group; the server asks the limiter registered under this name, if any. */
  group?: string;
  handle(request: RouteRequest): Reply | Promise<Reply>;
}

/**
 * One API area (Account, Pricing, Numbers): its routes, its rate limiters keyed by
 * `Route.group`, and its own state, which `reset` puts back to the start options in place so
 * references held by tests stay live.
 */
export interface Area {
  routes: readonly Route[];
  limiters?: Readonly<Record<string, Limiter>>;
  reset(): void;
}

export interface InvalidParameter {
  name: string;
  reason: string;
}

export function errorCode(
  status: number,
  code: string,
  label: string,
  xmlRoot = 'response',
): Reply {
  return { status, xmlRoot, body: { 'error-code': code, 'error-code-label': label } };
}

export function badRequest(title: string, invalid: readonly InvalidParameter[]): Reply {
  const invalidParameters = invalid.map(({ name, reason }) => ({ name, reason }));
  return {
    status: 400,
    body: { type: 'BAD_REQUEST', error_title: title, invalid_parameters: invalidParameters },
  };
}

export const ERRORS_URL = 'https://developer.nexmo.com/api-errors';

export function problem(
  status: number,
  slug: string,
  title: string,
  detail: string,
  traceId: string,
): Reply {
  return problemAt(status, `${ERRORS_URL}#${slug}`, title, detail, traceId);
}

/** RFC 7807 problem details under any type URL, with `invalid_parameters` when given. */
export function problemAt(
  status: number,
  type: string,
  title: string,
  detail: string,
  traceId: string,
  invalid?: readonly InvalidParameter[],
): Reply {
  const body: Record<string, Payload> = { type, title, detail, instance: traceId };
  if (invalid) body.invalid_parameters = invalid.map(({ name, reason }) => ({ name, reason }));
  return { status, body };
}
