import { type NumbersContext } from './numbers.context';
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
