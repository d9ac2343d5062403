import DataLoader from 'dataloader';
import { type CallScope } from '../base/call-scope';
import { Freshness } from '../kernel/freshness';
import { type TransferOutcome, type SubaccountView } from './subaccounts.outcomes';
import { type TransferOrder, type SubaccountsService } from './subaccounts.service';

export interface SubaccountsLoaders {
  /** The primary account and its sub-accounts, read once per request. */
  accounts(): Promise<SubaccountView[]>;
  /** One account by API key, from that one list (so any number of them cost one read). */
  byKey: DataLoader<string, SubaccountView | null>;
  /** Transfers; the rest of the operation reads the accounts as they are after it. */
  transfer(order: TransferOrder, idempotencyKey?: string): Promise<TransferOutcome>;
}

/**
 * Per-request loaders. Balances move with every message a sub-account sends: no answer that
 * holds one may be cached by a router (recorded in the request's Freshness).
 */
export function createSubaccountsLoaders(
  service: SubaccountsService,
  freshness = new Freshness(),
  scope: CallScope = {},
): SubaccountsLoaders {
  let list: Promise<SubaccountView[]> | undefined;
  const accounts = () => {
    freshness.uncacheable();
    list ??= service.accounts(scope);
    return list;
  };
  const byKey = new DataLoader<string, SubaccountView | null>(async (keys) => {
    const all = await accounts();
    return keys.map((key) => all.find((account) => account.apiKey === key) ?? null);
  });
  return {
    accounts,
    byKey,
    async transfer(order, idempotencyKey) {
      const outcome = await service.transfer(order, idempotencyKey);
      list = undefined;
      byKey.clearAll();
      return outcome;
    },
  };
}
