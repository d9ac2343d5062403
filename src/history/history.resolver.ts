import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { scopeDecorator } from '../auth/scopes';
import { countryCode } from '../kernel/validation';
import { ListSize } from '../limits/cost.directives';
import { PRICING_SCOPES } from '../pricing';
import { type HistoryContext } from './history.context';
import { PriceHistoryArgs, PricingChangesArgs } from './history.args';
import { PriceChangeConnection } from './history.type';

/** The history is read with the prices' own scope. */
const RequiresScopes = scopeDecorator(PRICING_SCOPES);

@Resolver()
export class HistoryResolver {
  @RequiresScopes('pricing:read')
  // Answered from its database, never the upstream: no @cost, its page of values is its cost.
  @ListSize({ slicingArguments: ['pageSize'], sizedFields: ['nodes'] })
  @Query(() => PriceChangeConnection, {
    description:
      'Network prices that changed since a time, by type, oldest first, with the old and new ' +
      'price. Recorded each time the gateway reads a full catalogue from Vonage (see README, ' +
      'Price history); networks first seen or no longer listed are not changes (see priceHistory).',
  })
  pricingChanges(
    @Args() { type, since, countries, pageSize, after }: PricingChangesArgs,
    @Ctx() ctx: HistoryContext,
  ): Promise<PriceChangeConnection> {
    const codes = countries
      ? [...new Set(countries.map((code) => countryCode(code, 'countries')))]
      : null;
    return ctx.services.history.changes({ type, since, countries: codes, pageSize, after });
  }

  @RequiresScopes('pricing:read')
  @ListSize({ slicingArguments: ['pageSize'], sizedFields: ['nodes'] })
  @Query(() => PriceChangeConnection, {
    description:
      'Every recorded price of one network, oldest first: when first seen, each change, and ' +
      'when no longer listed.',
  })
  priceHistory(
    @Args() { country, type, networkCode, pageSize, after }: PriceHistoryArgs,
    @Ctx() ctx: HistoryContext,
  ): Promise<PriceChangeConnection> {
    return ctx.services.history.history({
      type,
      country: countryCode(country, 'country'),
      networkCode: networkCode.toUpperCase(),
      pageSize,
      after,
    });
  }
}
