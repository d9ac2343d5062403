import { type ReferenceCalls } from '../limits/cost.directives';
import { API_KEY } from './subaccounts.args';
import { type SubaccountsContext } from './subaccounts.context';
import { type SubaccountView } from './subaccounts.outcomes';

/** Federation entities of the Subaccounts domain: any number of them, from one list read. */
export const subaccountsReferences = {
  /** A key that is not the primary's nor one of its sub-accounts' is null, not an error. */
  Subaccount: (
    reference: { apiKey?: unknown },
    ctx: SubaccountsContext,
  ): Promise<SubaccountView | null> | null =>
    typeof reference.apiKey === 'string' && API_KEY.test(reference.apiKey)
      ? ctx.loaders.subaccounts.byKey.load(reference.apiKey)
      : null,
};

/** However many references, the loader reads the one list once. */
export const subaccountsReferenceCalls: Record<string, ReferenceCalls> = {
  Subaccount: (refs) => (refs.length > 0 ? 1 : 0),
};
