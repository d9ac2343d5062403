import { type CallScope } from '../base/call-scope';
import { type Body, FieldError, asRecord, optionalString } from '../upstream/fields';
import { type UpstreamRequest } from '../upstream/request';
import { type UpstreamTransport } from '../upstream/transport';

/**
 * The secrets routes are the Account API's, on the api host beside the Subaccounts API: they
 * draw on its rate limit (Vonage publishes none of their own) rather than a new area's setting.
 */
const AREA = 'subaccounts';

/** One API secret as Vonage lists it: never the secret itself, which it shows to nobody. */
export interface SecretRecord {
  id: string;
  createdAt: string;
}

function requiredString(body: Body, field: string): string {
  const value = optionalString(body, field);
  if (value === undefined || value === '') throw new FieldError(`field "${field}" is missing`);
  return value;
}

function readSecret(body: Body): SecretRecord {
  return { id: requiredString(body, 'id'), createdAt: requiredString(body, 'created_at') };
}

function readSecrets(body: Body): SecretRecord[] {
  const list = asRecord(body._embedded).secrets;
  if (!Array.isArray(list)) throw new FieldError('field "secrets" is not a list');
  return list.map((item) => readSecret(asRecord(item)));
}

/**
 * Vonage's secret management (`/accounts/{api_key}/secrets…`), always with the gateway's own
 * credentials: the primary's manage its sub-accounts' secrets, named by their key in the path.
 * A 403 there is a refusal (the last secret), not a credentials failure, and a 400 names the
 * parameter; the service tells them apart by the problem's `type` and `invalid_parameters`.
 */
export class SecretsClient {
  constructor(private readonly transport: UpstreamTransport) {}

  private request(
    apiKey: string,
    req: Pick<UpstreamRequest, 'method' | 'path' | 'operation'> & Partial<UpstreamRequest>,
  ): UpstreamRequest {
    return {
      area: AREA,
      host: 'api',
      ...req,
      path: `/accounts/${encodeURIComponent(apiKey)}/secrets${req.path}`,
      statusKinds: { 400: 'rejected', 403: 'rejected', 404: 'rejected', 422: 'rejected' },
      errorCodeFields: ['type'],
    };
  }

  /** Read live every time: a list of credentials is never served from a cache. */
  list(apiKey: string, scope: CallScope = {}): Promise<SecretRecord[]> {
    const req = this.request(apiKey, { method: 'GET', path: '', operation: 'listApiSecrets' });
    return this.transport.call({ ...req, ...scope }, readSecrets);
  }

  /**
   * Creates a secret. The secret rides only in the JSON body (never the URL, which logs and spans
   * print) and is named in `secrets`, so an error that echoes the body is scrubbed of it. Never
   * retried (a POST).
   */
  create(apiKey: string, secret: string): Promise<SecretRecord> {
    const req = this.request(apiKey, {
      method: 'POST',
      path: '',
      operation: 'createApiSecret',
      json: { secret },
      secrets: [secret],
    });
    return this.transport.call(req, readSecret);
  }

  /** Revokes one secret; Vonage answers 204 with no body. Never retried (not a GET). */
  async revoke(apiKey: string, secretId: string): Promise<void> {
    const req = this.request(apiKey, {
      method: 'DELETE',
      path: `/${encodeURIComponent(secretId)}`,
      operation: 'revokeApiSecret',
    });
    await this.transport.request(req);
  }
}
