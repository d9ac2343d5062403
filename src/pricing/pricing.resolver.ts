import { Args, Ctx, FieldResolver, Query, Resolver } from 'type-graphql';
import { Account } from '../account';
import { ListSize, UpstreamCalls } from '../limits/cost.directives';
import { CATALOGUE } from './pricing.cost';
import { RequiresScopes } from './pricing.scopes';
import { type PricingContext } from './pricing.context';
import { pricingKey } from './pricing.loader';
import { NetworkPricingArgs, PrefixPricingArgs, PricingArgs, PricingsArgs } from './pricing.args';
import { CountryPricing, NetworkPricing, PricingType } from './pricing.type';
import { toCountryPricing, toCountryPricings } from './pricing.view';

@Resolver()
export class PricingResolver {
  @RequiresScopes('pricing:read')
  @UpstreamCalls()
  @Query(() => CountryPricing, {
    nullable: true,
    description: 'Outbound prices for one country; null when Vonage does not price it.',
  })
  pricing(
    @Args() { country, type }: PricingArgs,
    @Ctx() ctx: PricingContext,
  ): Promise<CountryPricing | null> {
    return ctx.loaders.pricing.load(pricingKey(country, type));
  }

  @RequiresScopes('pricing:read')
  // What countries × types it asks is declared beside it (pricingsCost).
  @UpstreamCalls()
  @ListSize({ assumedSize: CATALOGUE.countries })
  @Query(() => [CountryPricing], {
    description:
      'Outbound prices for several countries and types (every priced country when countries is ' +
      'omitted). Countries Vonage does not price are left out. Cold, this costs at most one ' +
      'upstream call per type.',
  })
  async pricings(
    @Args() { countries, types }: PricingsArgs,
    @Ctx() ctx: PricingContext,
  ): Promise<CountryPricing[]> {
    const uniqueTypes = [...new Set(types)];
    if (!countries) {
      const catalogues = await Promise.all(
        uniqueTypes.map(async (type) => {
          const served = await ctx.services.pricing.catalogue(type, ctx.scope);
          ctx.freshness.freshUntil(ctx.services.pricing.freshUntil(served));
          return toCountryPricings(served, type);
        }),
      );
      return catalogues.flat();
    }
    const codes = [...new Set(countries.map((country) => country.toUpperCase()))];
    const keys = codes.flatMap((country) => uniqueTypes.map((type) => pricingKey(country, type)));
    const results = await ctx.loaders.pricing.loadMany(keys);
    const failure = results.find((result) => result instanceof Error);
    if (failure) throw failure;
    return results.filter((result): result is CountryPricing => result !== null);
  }

  @RequiresScopes('pricing:read')
  @UpstreamCalls()
  @ListSize({ assumedSize: CATALOGUE.prefixCountries })
  @Query(() => [CountryPricing], {
    description: 'The countries a dialling prefix matches (1 → US, CA and the NANP islands).',
  })
  async prefixPricing(
    @Args() { prefix, type }: PrefixPricingArgs,
    @Ctx() ctx: PricingContext,
  ): Promise<CountryPricing[]> {
    const served = await ctx.services.pricing.prefix(type, prefix.replace(/^\+/, ''), ctx.scope);
    ctx.freshness.freshUntil(ctx.services.pricing.freshUntil(served));
    return toCountryPricings(served, type);
  }

  @RequiresScopes('pricing:read')
  @UpstreamCalls()
  @Query(() => NetworkPricing, {
    nullable: true,
    description:
      'The price on one operator, by its MCC and MNC; null when Vonage does not price it.',
  })
  async networkPricing(
    @Args() { mcc, mnc, type }: NetworkPricingArgs,
    @Ctx() ctx: PricingContext,
  ): Promise<NetworkPricing | null> {
    const catalogue = await ctx.services.pricing.catalogue(type, ctx.scope);
    ctx.freshness.freshUntil(ctx.services.pricing.freshUntil(catalogue));
    for (const record of catalogue.value) {
      if (!record.networks.some((candidate) => candidate.mcc === mcc && candidate.mnc === mnc)) {
        continue;
      }
      const country = toCountryPricing(record, catalogue, type);
      const network = country.networks.find(
        (candidate) => candidate.mcc === mcc && candidate.mnc === mnc,
      );
      if (network) return { network, country };
    }
    return null;
  }
}

/** Countries Vonage prices in every account; any of them tells the account's billing currency. */
const CURRENCY_PROBES = ['GB', 'US', 'DE'];

@Resolver(() => Account)
export class AccountCurrencyResolver {
  @RequiresScopes('pricing:read')
  @UpstreamCalls()
  @FieldResolver(() => String, {
    nullable: true,
    description:
      "The account's billing currency (EUR or USD). The balance endpoint does not say it; prices do.",
  })
  async currency(@Ctx() ctx: PricingContext): Promise<string | null> {
    for (const country of CURRENCY_PROBES) {
      const pricing = await ctx.loaders.pricing.load(pricingKey(country, PricingType.SMS));
      if (pricing?.currency) return pricing.currency;
    }
    return null;
  }
}
