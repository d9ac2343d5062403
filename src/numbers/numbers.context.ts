import { type Context } from '../kernel/context';
import { type PricingLoader } from '../pricing';
import { type NumbersLoaders } from './numbers.loader';
import { type NumbersService } from './numbers.service';

/** What the Numbers domain's resolvers read of the request context (a number's price: Pricing's). */
export type NumbersContext = Context<
  { numbers: NumbersService },
  { numbers: NumbersLoaders; pricing: PricingLoader }
>;
