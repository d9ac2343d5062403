import { type ReferenceCalls } from '../limits/cost.directives';
import { type NumbersContext } from './numbers.context';
import { LOOKUPS_BEFORE_WALK } from './numbers.loader';
import { type OwnedNumberRecord } from './numbers.records';

const MSISDN = /^\d{7,15}$/;

/**
 * Federation entities of the Numbers domain, through the request's owned-number loader: a few
 * references cost one lookup each, many cost one walk of the owned pages.
 */
export const numbersReferences = {
  /** A number the account does not own (or not an msisdn at all) is null, not an error. */
  OwnedNumber: (
    reference: { msisdn?: unknown },
    ctx: NumbersContext,
  ): Promise<OwnedNumberRecord | null> | null =>
    typeof reference.msisdn === 'string' && MSISDN.test(reference.msisdn)
      ? ctx.loaders.numbers.owned.load(reference.msisdn)
      : null,
};

/**
 * Calls of N references, cold, as the loader batches them: up to LOOKUPS_BEFORE_WALK numbers are
 * looked up one call each; more cost one walk of the owned pages (at least one page of 100 per
 * 100 numbers asked).
 */
export const numbersReferenceCalls: Record<string, ReferenceCalls> = {
  OwnedNumber: (refs) =>
    refs.length <= LOOKUPS_BEFORE_WALK ? refs.length : Math.ceil(refs.length / 100),
};
