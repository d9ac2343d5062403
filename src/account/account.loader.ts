import { type CallScope } from '../base/call-scope';
import { Freshness } from '../kernel/freshness';
import { type AccountSettingsRecord } from './account.client';
import { type AccountService, type BalanceRead } from './account.service';

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
}

/**
 * Per-request loaders: however many times an operation selects `account.balance` (aliases,
 * fragments, a mutation's payload), the balance is fetched once. Neither answer may be cached
 * by a router: the balance moves with every message sent, and settings are read live.
 */
export function createAccountLoaders(
  service: AccountService,
  freshness = new Freshness(),
  scope: CallScope = {},
): AccountLoaders {
  return {
    balance: new PerRequest(() => {
      freshness.uncacheable();
      return service.getBalance(scope);
    }),
    settings: new PerRequest(() => {
      freshness.uncacheable();
      return service.getSettings(scope);
    }),
  };
}
