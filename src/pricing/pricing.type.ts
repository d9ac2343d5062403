import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { DecimalScalar } from '../kernel/scalars';
import { ListSize } from '../limits/cost.directives';
import { CATALOGUE } from './pricing.cost';

export enum PricingType {
  SMS = 'SMS',
  SMS_TRANSIT = 'SMS_TRANSIT',
  VOICE = 'VOICE',
}

registerEnumType(PricingType, {
  name: 'PricingType',
  description: 'The outbound service a price is for.',
  valuesConfig: {
    SMS: { description: 'An SMS sent to the country.' },
    SMS_TRANSIT: { description: 'An SMS in transit (sent through the country).' },
    VOICE: { description: 'A minute of an outbound call.' },
  },
});

// An MCC/MNC pair is shared by several countries (23403 is in GB, GG and JE), and the price is
// per service: so a network is known by its country, its code and the service.
@Directive('@key(fields: "countryCode networkCode pricingType")')
@ObjectType({
  simpleResolvers: true,
  description: 'The price of one service on one operator network of one country.',
})
export class Network {
  @Field({ description: 'ISO 3166-1 alpha-2 code of the country this price is for.' })
  countryCode!: string;

  @Field(() => PricingType, { description: 'The service this price is for.' })
  pricingType!: PricingType;

  @Field(() => String, {
    nullable: true,
    description: 'Kind of network: mobile, landline, landline_tollfree, pager… (open-ended).',
  })
  type!: string | null;

  @Field(() => String, { nullable: true, description: 'MCC and MNC together, e.g. 23410.' })
  networkCode!: string | null;

  @Field(() => String, { nullable: true, description: "The operator's name." })
  networkName!: string | null;

  @Field(() => String, { nullable: true, description: 'Mobile Country Code.' })
  mcc!: string | null;

  @Field(() => String, { nullable: true, description: 'Mobile Network Code.' })
  mnc!: string | null;

  @Field(() => DecimalScalar, { description: 'Price of one message or minute, exact.' })
  price!: string;

  @Field(() => String, { nullable: true, description: 'Currency of the price (EUR or USD).' })
  currency!: string | null;

  @Field(() => [String], {
    description:
      'Number prefixes Vonage lists for this network, in international digits (447700); empty when Vonage lists none. A prefix says where a number was allocated: a ported number may be on another network now.',
  })
  ranges!: string[];
}

@Directive('@key(fields: "countryCode type")')
@ObjectType({
  simpleResolvers: true,
  description: "Outbound prices for one country and one service, in the account's currency.",
})
export class CountryPricing {
  @Field({ description: 'ISO 3166-1 alpha-2 country code.' })
  countryCode!: string;

  @Field(() => String, { nullable: true })
  countryName!: string | null;

  @Field(() => String, { nullable: true, description: 'The name to show to people.' })
  countryDisplayName!: string | null;

  @Field(() => String, { nullable: true, description: 'International dialling prefix, e.g. 44.' })
  dialingPrefix!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The account's billing currency (EUR or USD).",
  })
  currency!: string | null;

  @Field(() => PricingType, { description: 'The service these prices are for.' })
  type!: PricingType;

  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      "Vonage's default price. Often the landline price, not what mobiles cost: prefer minPrice and maxPrice.",
  })
  defaultPrice!: string | null;

  @ListSize({ assumedSize: CATALOGUE.networksPerCountry })
  @Field(() => [Network], { description: 'Per-operator prices.' })
  networks!: Network[];

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'The lowest network price (or the default).',
  })
  minPrice!: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'The highest network price (or the default).',
  })
  maxPrice!: string | null;

  @Field(() => GraphQLDateTimeISO, { description: 'When these prices were read from Vonage.' })
  asOf!: Date;

  @Field({
    description:
      'True when the prices are older than the cache lifetime: being refreshed, or served because Vonage failed.',
  })
  stale!: boolean;
}

@ObjectType({
  simpleResolvers: true,
  description: 'The price on one operator, with the country it belongs to.',
})
export class NetworkPricing {
  @Field(() => Network)
  network!: Network;

  @Field(() => CountryPricing)
  country!: CountryPricing;
}
