import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { RequiresScopes } from '../auth/scopes';
import { countryCode } from '../kernel/validation';
import { type HistoryContext } from './history.context';
import { PriceHistoryArgs, PricingChangesArgs } from './history.args';
import { PriceChangeConnection } from './history.type';

@Resolver()
export class HistoryResolver {
  @RequiresScopes('pricing:read')
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
