import { type CallScope } from '../base/call-scope';
import { type IdempotencyStore, type SendGuard, UNGUARDED } from '../coordination/idempotency';
import { type ReadThrough } from '../cache/read-through';
import { type Logger } from '../base/logger';
import { UpstreamError } from '../upstream/errors';
import {
  type AccountBalance,
  type AccountClient,
  type AccountSettingsRecord,
  type SettingsChange,
} from './account.client';

/** The balance, with when it was read (ISO 8601, so that stored answers replay it as it was). */
export interface BalanceRead extends AccountBalance {
  asOf: string;
}

/** Keys of the cached balance carry this family's generation: money operations retire it. */
const BALANCE = 'balance';

/** What a top-up came to: plain data, so that an idempotency store can replay it. */
export type TopUpOutcome =
  | { __typename: 'TopUpSucceeded'; balance: BalanceRead | null; warning: string | null }
  | { __typename: 'AutoReloadNotEnabled'; message: string; traceId: string | null }
  | { __typename: 'TopUpFailed'; message: string; label: string; traceId: string | null }
  | { __typename: 'TopUpOutcomeUnknown'; message: string; traceId: string | null };

/**
 * The Account domain: balance, settings and the top-up, which spends money. Balance reads are
 * coalesced: concurrent ones share one upstream call, and an answer stays fresh for
 * `BALANCE_TTL_MS` (about a second), until a top-up, buy or cancel retires it.
 */
export class AccountService {
  constructor(
    readonly client: AccountClient,
    private readonly balances: ReadThrough,
    private readonly idempotency: IdempotencyStore,
    private readonly logger: Logger,
    /** The API key the gateway calls Vonage with: it names the account, the secret stays out. */
    readonly apiKey: string,
  ) {}

  async getBalance(scope: CallScope = {}): Promise<BalanceRead> {
    const generation = await this.balances.generation(BALANCE);
    const served = await this.balances.read(
      `account:balance:${generation}`,
      async (shared) => ({ value: await this.client.getBalance(shared) }),
      scope,
    );
    return { ...served.value, asOf: new Date(served.storedAt).toISOString() };
  }

  /** After anything that moves money: the next read asks Vonage. */
  retireBalance(): Promise<void> {
    return this.balances.bump(BALANCE);
  }

  getSettings(scope: CallScope = {}): Promise<AccountSettingsRecord> {
    return this.client.getSettings(scope);
  }

  updateSettings(change: SettingsChange): Promise<AccountSettingsRecord> {
    return this.client.updateSettings(change);
  }

  /**
   * Tops up once. With an idempotency key, a repeat with the same key and trx replays the first
   * outcome without calling Vonage. Vonage's acceptance is the answer: a balance re-read that
   * fails afterwards leaves the balance null with a warning, never an error a client would retry.
   * A keyed top-up whose sender stopped after sending is settled as an unknown outcome: the
   * balance cannot prove a top-up (auto-reload and spending move it too), and it is never resent.
   */
  topUp(trx: string, idempotencyKey?: string): Promise<TopUpOutcome> {
    if (!idempotencyKey) return this.topUpOnce(trx, UNGUARDED);
    return this.idempotency.run({
      scope: 'topUp',
      key: idempotencyKey,
      args: { trx },
      execute: (guard) => this.topUpOnce(trx, guard),
      settle: async () => {
        await this.retireBalance();
        return {
          __typename: 'TopUpOutcomeUnknown',
          message:
            'The gateway that sent this top-up stopped before Vonage answered: it may have been applied, and the balance cannot show it. Check the payments in the Vonage Dashboard before topping up again; this key never sends it again.',
          traceId: null,
        };
      },
      // Nothing the gateway can read settles a top-up later: the answer is final.
      isSettled: () => true,
    });
  }

  private async topUpOnce(trx: string, guard: SendGuard): Promise<TopUpOutcome> {
    let outcome;
    await guard.sending();
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
    await this.retireBalance();
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
