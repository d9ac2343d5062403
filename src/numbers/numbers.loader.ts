import { type CallScope } from '../base/call-scope';
import DataLoader from 'dataloader';
import { Freshness } from '../kernel/freshness';
import { type OwnedNumberRecord } from './numbers.records';
import { type NumbersService } from './numbers.service';

/** Up to this many numbers in one request are looked up one call each; more cost one walk. */
export const LOOKUPS_BEFORE_WALK = 3;

export interface NumbersLoaders {
  /** Owned numbers by msisdn, null when the account does not own it. */
  owned: DataLoader<string, OwnedNumberRecord | null>;
}

/**
 * Per-request loaders. However many owned numbers an operation asks for by msisdn (aliases,
 * fragments), a few cost one lookup each and many cost one walk of the owned pages.
 */
export function createNumbersLoaders(
  service: NumbersService,
  freshness = new Freshness(),
  scope: CallScope = {},
): NumbersLoaders {
  return {
    owned: new DataLoader(async (msisdns) => {
      if (msisdns.length <= LOOKUPS_BEFORE_WALK) {
        return Promise.all(
          msisdns.map((msisdn) =>
            service.ownedNumber(msisdn, false, freshness, scope).catch((error: Error) => {
              freshness.uncacheable();
              return error;
            }),
          ),
        );
      }
      const walk = await service.allOwned(freshness, scope);
      const all = new Map(walk.map((number) => [number.msisdn, number]));
      return msisdns.map((msisdn) => all.get(msisdn) ?? null);
    }),
  };
}
