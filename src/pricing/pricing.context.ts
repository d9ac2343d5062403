import { type Context } from '../kernel/context';
import { type PricingLoader } from './pricing.loader';
import { type PricingService } from './pricing.service';

/** What the Pricing domain's resolvers read of the request context. */
export type PricingContext = Context<{ pricing: PricingService }, { pricing: PricingLoader }>;
