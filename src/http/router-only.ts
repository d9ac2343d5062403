import { type IncomingHttpHeaders } from 'node:http';
import { createHmac } from 'node:crypto';
import { sameSecret } from '../auth';
import { type RouterConfig } from '../config/config';
import { ErrorCode } from '../base/error-codes';
import { OperationKinds } from './operation-kind';

/** The header a router sends ROUTER_TOKEN in. */
export const ROUTER_TOKEN_HEADER = 'router-authorization';
/** Where Hive Gateway's HMAC signing puts the signature: its default extension name. */
const SIGNATURE_EXTENSION = 'hmac-signature';
/** A router asks for a federated trace (ftv1) with this header; Apollo's inline trace reads it. */
export const TRACE_HEADER = 'apollo-federation-include-trace';

/** The root fields only the router may ask for under ROUTER_ONLY=federation. */
const FEDERATION_FIELDS = ['_entities', '_service'];

export interface RouterRefusal {
  status: 401 | 403;
  code: string;
  message: string;
}

/**
 * What the router check found: the request is the router's (every configured proof holds), or
 * another caller's, or refused (a proof presented that does not hold, or an operation only the
 * router may ask for).
 */
export type RouterVerdict = { router: boolean; refusal?: undefined } | { refusal: RouterRefusal };

/** The fields of one GraphQL request this reads. */
interface Params {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
  extensions?: unknown;
}

/**
 * JSON with every object's keys sorted, no whitespace, `undefined` members left out (in arrays,
 * `null`): json-stable-stringify, which Hive's signing serialises the signed values with.
 */
function stableStringify(value: unknown): string | undefined {
  if (value === undefined || typeof value === 'function') return undefined;
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  if (Array.isArray(value)) {
    return `[${value.map((item) => stableStringify(item) ?? 'null').join(',')}]`;
  }
  const members: string[] = [];
  for (const key of Object.keys(value).sort()) {
    const item = stableStringify((value as Record<string, unknown>)[key]);
    if (item) members.push(`${JSON.stringify(key)}:${item}`);
  }
  return `{${members.join(',')}}`;
}

/**
 * What Hive Gateway signs (`@graphql-mesh/hmac-upstream-signature`, its
 * `defaultParamsSerializer`): the query and the variables, these only when there are some.
 */
function signedText(params: Params): string {
  const { query, variables } = params;
  const some =
    variables !== null && typeof variables === 'object' && Object.keys(variables).length > 0;
  return stableStringify({ query, variables: some ? variables : undefined })!;
}

type Proof = 'valid' | 'absent' | RouterRefusal;

const wrongProof = (message: string): RouterRefusal => ({
  status: 401,
  code: ErrorCode.ROUTER_ONLY,
  message,
});

/**
 * Router-only access, checked in the HTTP layer before Apollo parses anything: which requests
 * come from the router (its HMAC signature and/or its token, each compared in constant time), and
 * the refusal of any other caller's `_entities` and `_service` (or of everything, with
 * ROUTER_ONLY=all). No message repeats a presented or configured secret.
 *
 * The signature is read from a JSON POST body, as routers send subgraph requests: a GET is never
 * the router's under ROUTER_HMAC_SECRET.
 */
export function createRouterGate(config: RouterConfig, maxTokens?: number) {
  const kinds = new OperationKinds(maxTokens);

  function signature(params: Params, isJsonPost: boolean): Proof {
    if (!config.hmacSecret) return 'valid';
    const extensions = params.extensions;
    const presented =
      isJsonPost && extensions !== null && typeof extensions === 'object'
        ? (extensions as Record<string, unknown>)[SIGNATURE_EXTENSION]
        : undefined;
    // As Hive's own check: a missing (or empty) extension is an unsigned request.
    if (!presented) return 'absent';
    const expected = createHmac('sha256', config.hmacSecret)
      .update(signedText(params), 'utf8')
      .digest('base64');
    if (typeof presented === 'string' && sameSecret(presented, expected)) return 'valid';
    return wrongProof(
      `The request's HMAC signature (extensions.${SIGNATURE_EXTENSION}) does not match its query and variables: the router must sign with this subgraph's secret.`,
    );
  }

  function token(headers: IncomingHttpHeaders): Proof {
    if (!config.token) return 'valid';
    const presented = headers[ROUTER_TOKEN_HEADER];
    if (presented === undefined || presented === '') return 'absent';
    if (typeof presented === 'string' && sameSecret(presented, config.token)) return 'valid';
    return wrongProof('The Router-Authorization header does not hold the router token.');
  }

  /** Whether a request may select `_entities` or `_service` (a text without either never does). */
  function asksFederation(params: Params): boolean {
    const { query } = params;
    if (typeof query !== 'string') return false;
    if (!FEDERATION_FIELDS.some((name) => query.includes(name))) return false;
    // A document that does not parse, or names no operation to run, runs nothing: Apollo says so.
    const operation = kinds.of(query, params.operationName);
    return operation?.fields.some((name) => FEDERATION_FIELDS.includes(name)) ?? false;
  }

  return {
    /**
     * The verdict on one /graphql request: `body` as parsed (a JSON POST's object or batch), `url`
     * for a GET's parameters.
     */
    check(
      method: string | undefined,
      headers: IncomingHttpHeaders,
      body: unknown,
      url: URL,
      isJsonPost: boolean,
    ): RouterVerdict {
      const requests: Params[] =
        method === 'GET' || method === 'HEAD'
          ? [
              {
                query: url.searchParams.get('query') ?? undefined,
                operationName: url.searchParams.get('operationName') ?? undefined,
              },
            ]
          : (Array.isArray(body) && body.length > 0 ? body : [body]).map((request): Params =>
              request !== null && typeof request === 'object' && !Array.isArray(request)
                ? request
                : {},
            );
      const proofs = [token(headers), ...requests.map((params) => signature(params, isJsonPost))];
      const wrong = proofs.find((proof): proof is RouterRefusal => typeof proof === 'object');
      if (wrong) return { refusal: wrong };
      if (proofs.every((proof) => proof === 'valid')) return { router: true };
      if (config.only === 'all') {
        return {
          refusal: {
            status: 403,
            code: ErrorCode.ROUTER_ONLY,
            message:
              "Only the router may call this subgraph (ROUTER_ONLY=all): send the operation through the supergraph's router.",
          },
        };
      }
      if (requests.some(asksFederation)) {
        return {
          refusal: {
            status: 403,
            code: ErrorCode.ROUTER_ONLY,
            message:
              "Only the router may ask for _entities and _service: send the operation through the supergraph's router.",
          },
        };
      }
      return { router: false };
    },
  };
}

export type RouterGate = ReturnType<typeof createRouterGate>;
