import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { ListSize, UpstreamCalls } from '../limits/cost.directives';
import { RequiresScopes } from './pricing.scopes';
import { type PricingContext } from './pricing.context';
import { EstimateSmsCostArgs, NumberPricingArgs } from './intel.args';
import { NumberPricing, SmsCostEstimate } from './intel.type';

/**
 * Price intelligence: prices of phone numbers, not of countries. Both queries read the full
 * catalogue of one type from the shared cache (one upstream call per type cold, none warm) and
 * never call Vonage per number.
 */
@Resolver()
export class PriceIntelResolver {
  @RequiresScopes('pricing:read')
  // Both read one full catalogue, whatever the numbers.
  @UpstreamCalls()
  @Query(() => NumberPricing, {
    nullable: true,
    description:
      "The price of one service to one phone number. The country comes from the number's dialling prefix; the network from the longest number range one of that country's networks lists (match NETWORK), else only the country is known (match COUNTRY, with its lowest and highest price). Porting can move a number to another network: a range names the network the number was allocated to, which may not be the one it is on now. Null when Vonage does not price the number's country, or for a non-geographic number (+800…). An invalid number is BAD_USER_INPUT. Reads the cached catalogue: at most one upstream call cold, none warm.",
  })
  numberPricing(
    @Args() { msisdn, type }: NumberPricingArgs,
    @Ctx() ctx: PricingContext,
  ): Promise<NumberPricing | null> {
    return ctx.loaders.pricing.numberPricing(msisdn, type);
  }

  @RequiresScopes('pricing:read')
  @UpstreamCalls()
  // As many as `to` lists (estimateSmsCostSize, beside the arguments).
  @ListSize({ sizedFields: ['recipients', 'unpriced'] })
  @Query(() => SmsCostEstimate, {
    description:
      "What sending one text to each of a list of recipients would cost: its encoding and segments (Twilio's sms-segments-calculator), and per recipient its country, network (when a range matches; see numberPricing about porting), unit price and cost. Totals are exact decimals; recipients that cannot be priced are listed in unpriced with the reason. Up to 10000 recipients; reads the cached catalogue: at most one upstream call cold, none warm.",
  })
  estimateSmsCost(
    @Args() { text, to, type }: EstimateSmsCostArgs,
    @Ctx() ctx: PricingContext,
  ): Promise<SmsCostEstimate> {
    return ctx.loaders.pricing.smsCost(text, to, type);
  }
}
