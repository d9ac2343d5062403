import { type CallScope } from '../base/call-scope';
import { Freshness } from '../kernel/freshness';
import { type AccountSettingsRecord, type SettingsChange } from './account.client';
import { type AccountService, type BalanceRead, type TopUpOutcome } from './account.service';

/** A value loaded at most once per request, until cleared (after a mutation changes it). */
export class PerRequest<T> {
  private pending?: Promise<T>;

  constructor(private readonly load: () => Promise<T>) {}

  get(): Promise<T> {
    this.pending ??= this.load();
    return this.pending;
  }

  set(value: T): void {
    this.pending = Promise.resolve(value);
  }

  clear(): void {
    this.pending = undefined;
  }
}

export interface AccountLoaders {
  balance: PerRequest<BalanceRead>;
  settings: PerRequest<AccountSettingsRecord>;
  /** Tops up; the rest of the operation reads the balance the top-up produced. */
  topUp(trx: string, idempotencyKey?: string): Promise<TopUpOutcome>;
  /** Changes settings; the rest of the operation reads the settings Vonage answered with. */
  updateSettings(change: SettingsChange): Promise<AccountSettingsRecord>;
}

/**
 * Per-request loaders: however many times an operation selects `account.balance` (aliases,
 * fragments, a mutation's payload), the balance is fetched once. Neither answer may be cached
 * by a router (recorded in the request's Freshness): the balance moves with every message sent,
 * and settings are read live.
 */
export function createAccountLoaders(
  service: AccountService,
  freshness = new Freshness(),
  scope: CallScope = {},
): AccountLoaders {
  const balance = new PerRequest(() => {
    freshness.uncacheable();
    return service.getBalance(scope);
  });
  const settings = new PerRequest(() => {
    freshness.uncacheable();
    return service.getSettings(scope);
  });
  return {
    balance,
    settings,
    async topUp(trx, idempotencyKey) {
      const outcome = await service.topUp(trx, idempotencyKey);
      if (outcome.__typename === 'TopUpSucceeded') {
        if (outcome.balance) balance.set(outcome.balance);
        else balance.clear();
      }
      return outcome;
    },
    async updateSettings(change) {
      const answered = await service.updateSettings(change);
      settings.set(answered);
      return answered;
    },
  };
}
