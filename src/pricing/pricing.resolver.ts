import { Args, Ctx, FieldResolver, Query, Resolver } from 'type-graphql';
import { Account } from '../account';
import { ListSize, UpstreamCalls } from '../limits/cost.directives';
import { CATALOGUE } from './pricing.cost';
import { RequiresScopes } from './pricing.scopes';
import { type PricingContext } from './pricing.context';
import { countryKey } from './pricing.mapper';
import { NetworkPricingArgs, PrefixPricingArgs, PricingArgs, PricingsArgs } from './pricing.args';
import { CountryPricing, NetworkPricing } from './pricing.type';

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
    return ctx.loaders.pricing.load(countryKey(country, type));
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
  pricings(
    @Args() { countries, types }: PricingsArgs,
    @Ctx() ctx: PricingContext,
  ): Promise<CountryPricing[]> {
    return ctx.loaders.pricing.pricings(countries, types);
  }

  @RequiresScopes('pricing:read')
  @UpstreamCalls()
  @ListSize({ assumedSize: CATALOGUE.prefixCountries })
  @Query(() => [CountryPricing], {
    description: 'The countries a dialling prefix matches (1 → US, CA and the NANP islands).',
  })
  prefixPricing(
    @Args() { prefix, type }: PrefixPricingArgs,
    @Ctx() ctx: PricingContext,
  ): Promise<CountryPricing[]> {
    return ctx.loaders.pricing.prefix(prefix, type);
  }

  @RequiresScopes('pricing:read')
  @UpstreamCalls()
  @Query(() => NetworkPricing, {
    nullable: true,
    description:
      'The price on one operator, by its MCC and MNC; null when Vonage does not price it.',
  })
  networkPricing(
    @Args() { mcc, mnc, type }: NetworkPricingArgs,
    @Ctx() ctx: PricingContext,
  ): Promise<NetworkPricing | null> {
    return ctx.loaders.pricing.network(mcc, mnc, type);
  }
}

@Resolver(() => Account)
export class AccountCurrencyResolver {
  @RequiresScopes('pricing:read')
  @UpstreamCalls()
  @FieldResolver(() => String, {
    nullable: true,
    description:
      "The account's billing currency (EUR or USD). The balance endpoint does not say it; prices do.",
  })
  currency(@Ctx() ctx: PricingContext): Promise<string | null> {
    return ctx.loaders.pricing.currency();
  }
}
