import { type Domain } from '../kernel/domain';
import { type PricingContext } from './pricing.context';
import { PricingClient } from './pricing.client';
import { estimateSmsCostSize } from './intel.args';
import { pricingsCost } from './pricing.cost';
import { pricingReferenceCalls, pricingReferences } from './pricing.reference';
import { type PricingLoader, createPricingLoader } from './pricing.loader';
import { PriceIntelResolver } from './intel.resolver';
import { AccountCurrencyResolver, PricingResolver } from './pricing.resolver';
import { type CatalogueListener, PricingService } from './pricing.service';
import { PRICING_AREAS, type PricingSettings, pricingSettings } from './pricing.settings';
import { PRICING_SCOPES } from './pricing.scopes';

/** What the pricing service may be given: price history, told of each full catalogue read. */
export interface PricingNeeds {
  history?: { onCatalogue: CatalogueListener };
}

/** The Pricing domain's entry point. */
export const pricingDomain: Domain<
  PricingService,
  PricingLoader,
  PricingNeeds,
  PricingContext,
  PricingSettings
> = {
  areas: PRICING_AREAS,
  settings: pricingSettings,
  scopes: PRICING_SCOPES,
  resolvers: [PricingResolver, AccountCurrencyResolver, PriceIntelResolver],
  createService: (deps, needs) => {
    const { ttlMs, staleWhileRevalidateMs, staleIfErrorMs, batchThreshold } = deps.settings;
    return new PricingService(
      new PricingClient(deps.transport),
      deps.readThrough({ ttlMs, staleWhileRevalidateMs, staleIfErrorMs }),
      { batchThreshold, ttlMs },
      deps.logger,
      needs.history?.onCatalogue,
    );
  },
  references: pricingReferences,
  referenceCalls: pricingReferenceCalls,
  costs: { 'Query.pricings': pricingsCost, 'Query.estimateSmsCost': estimateSmsCostSize },
  advice: {
    aliases: ['list the countries in one pricings field'],
    cost: ['select fewer countries, types or recipients', 'leave out networks'],
    fewer: ['countries', 'types'],
  },
  // Prices change only when a catalogue is read again, after the freshness their answers carry.
  reusableQueries: [
    'pricing',
    'pricings',
    'prefixPricing',
    'networkPricing',
    'numberPricing',
    'estimateSmsCost',
  ],
  createLoaders: createPricingLoader,
  // Warm catalogues are read in the background; the gateway answers meanwhile.
  start: (service, settings) => void service.preload(settings.preload),
  stop: (service) => service.stop(),
};

export { type CatalogueListener, type PricingService } from './pricing.service';
export { type PricingLoader } from './pricing.loader';
export { pricingKey } from './pricing.mapper';
export { type CountryPricingRecord } from './pricing.client';
export { CountryPricing, PricingType } from './pricing.type';
export { PRICING_SCOPES } from './pricing.scopes';
