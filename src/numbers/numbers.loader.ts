import { type CallScope } from '../base/call-scope';
import DataLoader from 'dataloader';
import { Freshness } from '../kernel/freshness';
import { type ConnectionOf } from '../kernel/connection';
import { type PagingArgs } from '../kernel/connection';
import { type AvailableNumbersArgs, type OwnedNumbersArgs } from './numbers.args';
import { toConnection, ownedFilter, searchFilter } from './numbers.mapper';
import { type AvailableNumberRecord, type OwnedNumberRecord, type Page } from './numbers.records';
import { type NumbersService, type Served } from './numbers.service';

/** Up to this many numbers in one request are looked up one call each; more cost one walk. */
export const LOOKUPS_BEFORE_WALK = 3;

/**
 * One request's reads of numbers. Each records in the request's Freshness until when what it
 * served may be reused (a failed lookup: not at all). Pages are read from the shared cache each
 * time they are asked for (a compiled operation made again asks again, as the first time did).
 */
export interface NumbersLoaders {
  /** Owned numbers by msisdn, null when the account does not own it. */
  owned: DataLoader<string, OwnedNumberRecord | null>;
  /** A page of the account's numbers. */
  ownedNumbers(args: OwnedNumbersArgs): Promise<ConnectionOf<OwnedNumberRecord>>;
  /** A page of the numbers for sale in a country. */
  availableNumbers(args: AvailableNumbersArgs): Promise<ConnectionOf<AvailableNumberRecord>>;
  /** A page of a sub-account's numbers (`account`: its API key; undefined: this account's). */
  accountNumbers(
    account: string | undefined,
    paging: PagingArgs,
  ): Promise<ConnectionOf<OwnedNumberRecord>>;
}

/**
 * However many owned numbers an operation asks for by msisdn (aliases, fragments), a few cost
 * one lookup each and many cost one walk of the owned pages.
 */
export function createNumbersLoaders(
  service: NumbersService,
  freshness = new Freshness(),
  scope: CallScope = {},
): NumbersLoaders {
  const served = <T>(read: Served<T>): T => {
    freshness.freshUntil(service.freshUntil(read));
    return read.value;
  };
  const page = async <T>(read: () => Promise<Served<Page<T>>>, paging: PagingArgs) =>
    toConnection(served(await read()), paging);
  return {
    owned: new DataLoader(async (msisdns) => {
      if (msisdns.length <= LOOKUPS_BEFORE_WALK) {
        return Promise.all(
          msisdns.map((msisdn) =>
            service.ownedNumber(msisdn, scope).then(served, (error: Error) => {
              freshness.uncacheable();
              return error;
            }),
          ),
        );
      }
      const all = new Map(served(await service.allOwned(scope)).map((n) => [n.msisdn, n]));
      return msisdns.map((msisdn) => all.get(msisdn) ?? null);
    }),
    ownedNumbers: (args) => page(() => service.owned(ownedFilter(args), args, scope), args),
    availableNumbers: (args) => page(() => service.search(searchFilter(args), args, scope), args),
    accountNumbers: (account, paging) =>
      page(() => service.owned({ account }, paging, scope), paging),
  };
}
