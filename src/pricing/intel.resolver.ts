import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { ListSize, UpstreamCalls } from '../limits/cost.directives';
import { RequiresScopes } from './pricing.scopes';
import { type PricingContext } from './pricing.context';
import { EstimateSmsCostArgs, NumberPricingArgs } from './intel.args';
import { NumberPricing, SmsCostEstimate, type SmsRecipientCost } from './intel.type';
import { parseMsisdn } from './msisdn';
import { type NumberPrice, priceNumber } from './number-pricing';
import { type CountryPricingRecord } from './pricing.client';
import { type Served } from './pricing.service';
import { type CountryPricing, type Network, type PricingType } from './pricing.type';
import { toCountryPricing } from './pricing.view';
import { estimateSms } from './sms-estimate';

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
  async numberPricing(
    @Args() { msisdn, type }: NumberPricingArgs,
    @Ctx() ctx: PricingContext,
  ): Promise<NumberPricing | null> {
    const number = parseMsisdn(msisdn);
    // Validated as an argument already; kept for the type.
    if (!number.valid) return null;
    const catalogue = await this.catalogue(ctx, type);
    const priced = priceNumber(catalogue.value, number);
    if ('unpriced' in priced) return null;
    const { country, network } = views(priced, catalogue, type);
    return {
      msisdn: priced.msisdn,
      countryCode: priced.record.countryCode,
      type,
      match: priced.match,
      range: priced.range,
      network,
      price: priced.price,
      minPrice: priced.minPrice,
      maxPrice: priced.maxPrice,
      currency: network?.currency ?? priced.record.currency,
      country,
    };
  }

  @RequiresScopes('pricing:read')
  @UpstreamCalls()
  // As many as `to` lists (estimateSmsCostSize, beside the arguments).
  @ListSize({ sizedFields: ['recipients', 'unpriced'] })
  @Query(() => SmsCostEstimate, {
    description:
      "What sending one text to each of a list of recipients would cost: its encoding and segments (Twilio's sms-segments-calculator), and per recipient its country, network (when a range matches; see numberPricing about porting), unit price and cost. Totals are exact decimals; recipients that cannot be priced are listed in unpriced with the reason. Up to 10000 recipients; reads the cached catalogue: at most one upstream call cold, none warm.",
  })
  async estimateSmsCost(
    @Args() { text, to, type }: EstimateSmsCostArgs,
    @Ctx() ctx: PricingContext,
  ): Promise<SmsCostEstimate> {
    const catalogue = await this.catalogue(ctx, type);
    const estimate = estimateSms(catalogue.value, text, to);
    // One view per country for the whole list, not one look-up per recipient.
    const countries = new Map<CountryPricingRecord, CountryPricing>();
    const countryOf = (record: CountryPricingRecord) => {
      let view = countries.get(record);
      if (!view) countries.set(record, (view = toCountryPricing(record, catalogue, type)));
      return view;
    };
    const recipients = estimate.recipients.map((recipient): SmsRecipientCost => ({
      msisdn: recipient.msisdn,
      countryCode: recipient.record.countryCode,
      match: recipient.match,
      network:
        recipient.networkIndex === null
          ? null
          : countryOf(recipient.record).networks[recipient.networkIndex],
      unitPrice: recipient.price,
      cost: recipient.cost,
      minCost: recipient.minCost,
      maxCost: recipient.maxCost,
    }));
    return {
      ...estimate,
      type,
      recipients,
      asOf: new Date(catalogue.storedAt),
      stale: catalogue.stale,
    };
  }

  private async catalogue(ctx: PricingContext, type: PricingType) {
    const served = await ctx.services.pricing.catalogue(type, ctx.scope);
    ctx.freshness.freshUntil(ctx.services.pricing.freshUntil(served));
    return served;
  }
}

/** The country's and the matched network's views, shared with the other pricing queries. */
function views(
  priced: NumberPrice,
  served: Served<readonly CountryPricingRecord[]>,
  type: PricingType,
) {
  const country = toCountryPricing(priced.record, served, type);
  const network: Network | null =
    priced.networkIndex === null ? null : country.networks[priced.networkIndex];
  return { country, network };
}
