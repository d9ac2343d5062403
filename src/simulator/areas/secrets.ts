import { randomUUID } from 'node:crypto';
import {
  type Area,
  ERRORS_URL,
  type InvalidParameter,
  problem,
  problemAt,
  type Reply,
  type RouteRequest,
} from '../area';
import { type Payload } from '../render';
import { type Accounts, isoSeconds, type Secret } from './accounts';
import {
  COMPLEXITY,
  invalidApiKey,
  isStrongSecret,
  jsonObject,
  jsonRoute,
} from './subaccounts.shapes';

const SECRETS_ERRORS = `${ERRORS_URL}/account/secret-management`;
/** Vonage lets an account hold two secrets at once: enough to rotate one without downtime. */
const MAX_SECRETS = 2;

/**
 * The Account API's secret management (`/accounts/{api_key}/secrets…`). Secrets live in
 * `Accounts.state.secrets`, which the keyring reads, so a created secret signs in at once and a
 * revoked one stops. The primary manages its sub-accounts' secrets with its own credentials.
 * Not behind the Subaccounts provisioning flag: every account has secrets.
 */
export function createSecretsArea(accounts: Accounts): Area {
  const { state, primaryKey } = accounts;

  /** The path's account if the caller may manage it, or the 404 Vonage answers otherwise. */
  const target = (request: RouteRequest): { key: string; secrets: Secret[] } | Reply => {
    const key = request.params.api_key ?? '';
    const mine = key === request.account;
    const asPrimary = request.account === primaryKey && state.subaccounts.has(key);
    const secrets = state.secrets.get(key);
    if (!(mine || asPrimary) || !secrets) return invalidApiKey(key, request.traceId);
    return { key, secrets };
  };

  const list = (request: RouteRequest): Reply => {
    const found = target(request);
    if (!('secrets' in found)) return found;
    return {
      status: 200,
      body: {
        _links: { self: { href: `/accounts/${found.key}/secrets` } },
        _embedded: { secrets: found.secrets.map((secret) => secretInfo(found.key, secret)) },
      },
    };
  };

  const create = (request: RouteRequest): Reply => {
    const found = target(request);
    if (!('secrets' in found)) return found;
    const body = jsonObject(request);
    if (Array.isArray(body)) {
      const detail = 'The request failed due to validation errors';
      return problemAt(
        422,
        `${SECRETS_ERRORS}#validation`,
        'Bad Request',
        detail,
        request.traceId,
        body,
      );
    }
    const { secret } = body;
    const reason =
      secret === undefined
        ? 'Is required'
        : typeof secret !== 'string' || !isStrongSecret(secret)
          ? COMPLEXITY
          : found.secrets.length >= MAX_SECRETS
            ? 'Account already has the maximum number of secrets'
            : undefined;
    if (reason !== undefined)
      return secretValidation(request.traceId, [{ name: 'secret', reason }]);
    const created: Secret = { id: randomUUID(), secret: secret as string, createdAt: isoSeconds() };
    found.secrets.push(created);
    return { status: 201, body: secretInfo(found.key, created) };
  };

  const withSecret =
    (handle: (key: string, secrets: Secret[], at: number, request: RouteRequest) => Reply) =>
    (request: RouteRequest): Reply => {
      const found = target(request);
      if (!('secrets' in found)) return found;
      const id = request.params.secret_id ?? '';
      const at = found.secrets.findIndex((secret) => secret.id === id);
      if (at < 0) {
        return problem(
          404,
          'invalid-id',
          'Invalid ID',
          `ID '${id}' could not be found`,
          request.traceId,
        );
      }
      return handle(found.key, found.secrets, at, request);
    };

  const one = withSecret((key, secrets, at) => ({
    status: 200,
    body: secretInfo(key, secrets[at] as Secret),
  }));

  const revoke = withSecret((_key, secrets, at, { traceId }) => {
    if (secrets.length === 1) {
      const detail =
        'Can not delete the last secret. The account must always have at least 1 secret active at any time';
      const type = `${SECRETS_ERRORS}#delete-last-secret`;
      return problemAt(403, type, 'Secret Deletion Forbidden', detail, traceId);
    }
    secrets.splice(at, 1);
    return { status: 204 };
  });

  return {
    routes: [
      jsonRoute('GET', '/accounts/:api_key/secrets', list),
      jsonRoute('POST', '/accounts/:api_key/secrets', create),
      jsonRoute('GET', '/accounts/:api_key/secrets/:secret_id', one),
      jsonRoute('DELETE', '/accounts/:api_key/secrets/:secret_id', revoke),
    ],
    // The secrets are the Accounts' state, which the Subaccounts area resets.
    reset: () => undefined,
  };
}

function secretInfo(key: string, secret: Secret): Record<string, Payload> {
  return {
    _links: { self: { href: `/accounts/${key}/secrets/${secret.id}` } },
    id: secret.id,
    created_at: secret.createdAt,
  };
}

function secretValidation(traceId: string, invalid: readonly InvalidParameter[]): Reply {
  const detail = 'The request failed due to secret validation errors';
  return problemAt(400, `${SECRETS_ERRORS}#validation`, 'Bad Request', detail, traceId, invalid);
}
