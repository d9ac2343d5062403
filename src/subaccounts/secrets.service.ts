import { type CallScope } from '../base/call-scope';
import { badUserInput } from '../kernel/errors';
import { UpstreamError } from '../upstream/errors';
import { type SecretRecord, type SecretsClient } from './secrets.client';
import { type CreateSecretOutcome, type RevokeSecretOutcome } from './secrets.types';
import { SECRET_RULE, meetsSecretRule } from './subaccounts.args';

/** The problem type's end Vonage answers a DELETE of the last secret with (403). */
const LAST_SECRET = '#delete-last-secret';
/** A 404 for the path's account, not for the secret: the key is unknown, or not a sub-account. */
const INVALID_API_KEY = '#invalid-api-key';

const problemType = (error: UpstreamError) => error.errorCode ?? '';

const isRefusal = (error: unknown): error is UpstreamError =>
  error instanceof UpstreamError && error.kind === 'rejected';

/**
 * The API secrets of the primary account and of its sub-accounts. Nothing here is cached (a list
 * of credentials is read live every time), nothing is retried but the list, and no secret is kept,
 * logged or returned: a creation's answer holds its id only.
 */
export class SecretsService {
  constructor(
    private readonly client: SecretsClient,
    /** The gateway's own API key: the account an omitted `apiKey` means. */
    readonly primaryKey: string,
  ) {}

  list(apiKey: string | null | undefined, scope: CallScope = {}): Promise<SecretRecord[]> {
    return this.client.list(apiKey || this.primaryKey, scope);
  }

  async create(apiKey: string | null | undefined, secret: string): Promise<CreateSecretOutcome> {
    // The arguments were validated; this keeps any other caller of the service to the same rule.
    if (!meetsSecretRule(secret)) throw badUserInput('input.secret', SECRET_RULE);
    try {
      const created = await this.client.create(apiKey || this.primaryKey, secret);
      return { __typename: 'ApiSecretCreated', secret: created };
    } catch (error) {
      if (!isRefusal(error) || error.status !== 400) throw error;
      return creationRefusal(error);
    }
  }

  /**
   * The last secret is refused here, from a live list, before any DELETE; Vonage's own refusal
   * (another caller revoked one meanwhile) comes to the same answer. An id the list lacks is
   * not sent either.
   */
  async revoke(apiKey: string | null | undefined, secretId: string): Promise<RevokeSecretOutcome> {
    const account = apiKey || this.primaryKey;
    const secrets = await this.client.list(account);
    if (!secrets.some((secret) => secret.id === secretId)) return notFound(account, secretId);
    if (secrets.length === 1) return lastSecret(account);
    try {
      await this.client.revoke(account, secretId);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      if (error.status === 403 && problemType(error).endsWith(LAST_SECRET)) {
        return lastSecret(account);
      }
      if (error.status === 404 && !problemType(error).endsWith(INVALID_API_KEY)) {
        return notFound(account, secretId);
      }
      throw error;
    }
    return { __typename: 'ApiSecretRevoked', secretId };
  }
}

/** Vonage's 400: the limit of two, or a parameter it found invalid (its words, scrubbed). */
function creationRefusal(error: UpstreamError): CreateSecretOutcome {
  const invalid = error.invalidParameters?.[0];
  const reason = invalid?.reason || null;
  if (reason && /maximum number of secrets/i.test(reason)) {
    return {
      __typename: 'ApiSecretLimitReached',
      message:
        'The account already has the 2 secrets Vonage allows: revoke one (once nothing uses it) before creating another.',
    };
  }
  const parameter = invalid?.name || null;
  return {
    __typename: 'ApiSecretRejected',
    message: parameter
      ? `Vonage refused the secret: ${parameter} ${reason ?? 'is invalid'}.`
      : `Vonage refused the secret ("${error.label ?? 'Bad Request'}").`,
    parameter,
    reason,
  };
}

function notFound(account: string, secretId: string): RevokeSecretOutcome {
  return {
    __typename: 'ApiSecretNotFound',
    message: `Account ${account} has no secret ${secretId}: apiSecrets lists its secrets.`,
  };
}

function lastSecret(account: string): RevokeSecretOutcome {
  return {
    __typename: 'LastApiSecret',
    message: `Account ${account} has one secret left, which Vonage never revokes: create another with createApiSecret first.`,
  };
}
