import { type Domain } from '../domain';
import { PricingClient } from './pricing.client';
import { pricingReferences } from './pricing.reference';
import { type PricingLoader, createPricingLoader } from './pricing.loader';
import { PriceIntelResolver } from './intel.resolver';
import { AccountCurrencyResolver, PricingResolver } from './pricing.resolver';
import { PricingService } from './pricing.service';

/** The Pricing domain's entry point. */
export const pricingDomain: Domain<PricingService, PricingLoader> = {
  // The Pricing API allows 1 request per second per account.
  areas: { pricing: 1 },
  resolvers: [PricingResolver, AccountCurrencyResolver, PriceIntelResolver],
  createService: (deps) => {
    const { ttlMs, staleWhileRevalidateMs, staleIfErrorMs, batchThreshold } = deps.config.pricing;
    return new PricingService(
      new PricingClient(deps.transport),
      deps.readThrough({ ttlMs, staleWhileRevalidateMs, staleIfErrorMs }),
      { batchThreshold, ttlMs },
      deps.logger,
    );
  },
  references: pricingReferences,
  createLoaders: createPricingLoader,
};

export { type PricingService } from './pricing.service';
export { type PricingLoader, pricingKey } from './pricing.loader';
