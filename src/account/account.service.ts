import { type IdempotencyStore } from '../cache/idempotency';
import { type Logger } from '../logger';
import { UpstreamError } from '../upstream/errors';
import {
  type AccountBalance,
  type AccountClient,
  type AccountSettingsRecord,
  type SettingsChange,
} from './account.client';

/** What a top-up came to: plain data, so that an idempotency store can replay it. */
export type TopUpOutcome =
  | { __typename: 'TopUpSucceeded'; balance: AccountBalance | null; warning: string | null }
  | { __typename: 'AutoReloadNotEnabled'; message: string; traceId: string | null }
  | { __typename: 'TopUpFailed'; message: string; label: string; traceId: string | null }
  | { __typename: 'TopUpOutcomeUnknown'; message: string; traceId: string | null };

/** The Account domain: balance, settings and the top-up, which spends money. */
export class AccountService {
  constructor(
    readonly client: AccountClient,
    private readonly idempotency: IdempotencyStore,
    private readonly logger: Logger,
  ) {}

  getBalance(signal?: AbortSignal): Promise<AccountBalance> {
    return this.client.getBalance(signal);
  }

  getSettings(): Promise<AccountSettingsRecord> {
    return this.client.getSettings();
  }

  updateSettings(change: SettingsChange): Promise<AccountSettingsRecord> {
    return this.client.updateSettings(change);
  }

  /**
   * Tops up once. With an idempotency key, a repeat with the same key and trx replays the first
   * outcome without calling Vonage. Vonage's acceptance is the answer: a balance re-read that
   * fails afterwards leaves the balance null with a warning, never an error a client would retry.
   */
  topUp(trx: string, idempotencyKey?: string): Promise<TopUpOutcome> {
    const run = () => this.topUpOnce(trx);
    return idempotencyKey ? this.idempotency.run('topUp', idempotencyKey, { trx }, run) : run();
  }

  private async topUpOnce(trx: string): Promise<TopUpOutcome> {
    let outcome;
    try {
      outcome = await this.client.topUp(trx);
    } catch (error) {
      if (error instanceof UpstreamError && error.outcome === 'unknown') {
        return {
          __typename: 'TopUpOutcomeUnknown',
          message:
            'The top-up was sent but Vonage’s answer was lost: it may have been applied. Read the balance before trying again; the gateway does not retry it.',
          traceId: error.traceId ?? null,
        };
      }
      throw error;
    }
    if (outcome.kind === 'autoReloadNotEnabled') {
      return {
        __typename: 'AutoReloadNotEnabled',
        message: 'Top-up needs auto-reload: enable it in the Vonage dashboard, then try again.',
        traceId: outcome.traceId ?? null,
      };
    }
    if (outcome.kind === 'failed') {
      return {
        __typename: 'TopUpFailed',
        message: `Vonage refused the top-up ("${outcome.label}"): check the transaction reference and the payment method.`,
        label: outcome.label,
        traceId: outcome.traceId ?? null,
      };
    }
    try {
      return { __typename: 'TopUpSucceeded', balance: await this.getBalance(), warning: null };
    } catch (error) {
      this.logger.warn({ err: error }, 'top-up accepted, but the balance re-read failed');
      return {
        __typename: 'TopUpSucceeded',
        balance: null,
        warning:
          'Vonage accepted the top-up, but reading the new balance failed: query account.balance later. Do not top up again.',
      };
    }
  }
}
