import { type Context } from '../kernel/context';
import { type NumbersLoaders } from '../numbers';
import { type SubaccountsLoaders } from './subaccounts.loader';
import { type SubaccountsService } from './subaccounts.service';

/** What the Subaccounts domain's resolvers read of the request context. */
export type SubaccountsContext = Context<
  { subaccounts: SubaccountsService },
  { subaccounts: SubaccountsLoaders; numbers: NumbersLoaders }
>;
