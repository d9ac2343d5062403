import { type ReferenceCalls } from '../limits/cost.directives';
import { type PricingContext } from './pricing.context';
import { pricingKey } from './pricing.loader';
import { type CountryPricing, type Network, PricingType } from './pricing.type';

const COUNTRY = /^[A-Za-z]{2}$/;
const TYPES = new Set<unknown>(Object.values(PricingType));

/** A key from another subgraph that cannot name a price is unknown (null), never a call. */
function known(countryCode: unknown, type: unknown): type is PricingType {
  return typeof countryCode === 'string' && COUNTRY.test(countryCode) && TYPES.has(type);
}

/**
 * Federation entities of the Pricing domain, resolved through the request's (country, type)
 * loader: N references cost at most one pricing call per type, cold.
 */
export const pricingReferences = {
  CountryPricing: (
    reference: { countryCode?: unknown; type?: unknown },
    ctx: PricingContext,
  ): Promise<CountryPricing | null> | null =>
    known(reference.countryCode, reference.type)
      ? ctx.loaders.pricing.load(pricingKey(reference.countryCode as string, reference.type))
      : null,

  Network: async (
    reference: { countryCode?: unknown; networkCode?: unknown; pricingType?: unknown },
    ctx: PricingContext,
  ): Promise<Network | null> => {
    if (!known(reference.countryCode, reference.pricingType)) return null;
    const country = await ctx.loaders.pricing.load(
      pricingKey(reference.countryCode as string, reference.pricingType),
    );
    return (
      country?.networks.find((network) => network.networkCode === reference.networkCode) ?? null
    );
  },
};

/** Calls of N references, cold: one catalogue call per pricing type, whatever the countries. */
export const pricingReferenceCalls: Record<string, ReferenceCalls> = {
  CountryPricing: (refs) => new Set(refs.map((ref) => ref.type)).size,
  Network: (refs) => new Set(refs.map((ref) => ref.pricingType)).size,
};
