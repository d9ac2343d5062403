import { type ReferenceCalls } from '../limits/cost.directives';
import { type PricingContext } from './pricing.context';
import { pricingKey } from './pricing.mapper';
import { type CountryPricing, type Network, PricingType } from './pricing.type';

const COUNTRY = /^[A-Za-z]{2}$/;
const TYPES = new Set<unknown>(Object.values(PricingType));

/** A key from another subgraph that cannot name a price is unknown (null), never a call. */
function known(countryCode: unknown, type: unknown): type is PricingType {
  return typeof countryCode === 'string' && COUNTRY.test(countryCode) && TYPES.has(type);
}

/**
 * A router's key in any case, keyed in upper case. Only its shape is checked, not the country
 * list arguments are checked against (src/kernel/validation.ts): any two letters are looked up.
 */
const keyOf = (countryCode: unknown, type: PricingType) =>
  pricingKey((countryCode as string).toUpperCase(), type);

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
      ? ctx.loaders.pricing.load(keyOf(reference.countryCode, reference.type))
      : null,

  Network: async (
    reference: { countryCode?: unknown; networkCode?: unknown; pricingType?: unknown },
    ctx: PricingContext,
  ): Promise<Network | null> => {
    if (!known(reference.countryCode, reference.pricingType)) return null;
    const country = await ctx.loaders.pricing.load(
      keyOf(reference.countryCode, reference.pricingType),
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
