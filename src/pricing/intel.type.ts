import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DecimalScalar } from '../kernel/scalars';
import { PriceMatch, UnpricedReason } from './number-pricing';
import { CountryPricing, Network, PricingType } from './pricing.type';
import { SmsEncoding } from './sms-estimate';

registerEnumType(PriceMatch, {
  name: 'PriceMatch',
  description: "How a number's price was found in the catalogue.",
  valuesConfig: {
    NETWORK: {
      description:
        "A network of the number's country lists the longest range the number starts with: the price is that network's. A range is where the number was allocated; a ported number may now be on another network.",
    },
    COUNTRY: {
      description:
        "No network's range matches (or two networks list the same longest range): only the country is known, and the price is between the country's lowest and highest network price.",
    },
  },
});

registerEnumType(UnpricedReason, {
  name: 'UnpricedReason',
  description: 'Why a recipient could not be priced.',
  valuesConfig: {
    INVALID_NUMBER: {
      description: 'Not a valid phone number: not in a range its country allocates.',
    },
    NO_COUNTRY: {
      description: 'A non-geographic number (+800, +882…): Vonage prices countries only.',
    },
    COUNTRY_NOT_PRICED: { description: "Vonage does not price the number's country." },
  },
});

registerEnumType(SmsEncoding, {
  name: 'SmsEncoding',
  description: 'How an SMS text is encoded.',
  valuesConfig: {
    GSM_7: {
      description:
        'The GSM 03.38 alphabet: 160 characters in one segment, 153 per segment when concatenated; characters of its extension table (€ [ ] { } ^ ~ | \\ and the form feed) take two.',
    },
    UCS_2: {
      description:
        'UTF-16, needed as soon as one character is outside GSM-7 (emoji, most non-Latin scripts, combining marks): 70 per segment alone, 67 when concatenated.',
    },
  },
});

@ObjectType({
  simpleResolvers: true,
  description:
    'The price of one service to one phone number, with how it was found (match). The network is found by its number range, which says where the number was allocated: porting can move a number to another network, so a NETWORK match names the original network, and the price actually charged can be that of the network the number was ported to.',
})
export class NumberPricing {
  @Field({ description: 'The number as E.164 digits without the +, as Vonage spells it.' })
  msisdn!: string;

  @Field({ description: "ISO 3166-1 alpha-2 code of the number's country (its dialling prefix)." })
  countryCode!: string;

  @Field(() => PricingType, { description: 'The service this price is for.' })
  type!: PricingType;

  @Field(() => PriceMatch, { description: 'NETWORK: a range matched; COUNTRY: only the country.' })
  match!: PriceMatch;

  @Field(() => String, {
    nullable: true,
    description: 'The number range that matched (NETWORK); null on COUNTRY.',
  })
  range!: string | null;

  @Field(() => Network, {
    nullable: true,
    description: 'The network whose range matched (NETWORK); null on COUNTRY.',
  })
  network!: Network | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: "The network's price (NETWORK); null on COUNTRY, where only a range is known.",
  })
  price!: string | null;

  @Field(() => DecimalScalar, {
    description: "The price on NETWORK; the country's lowest network price on COUNTRY.",
  })
  minPrice!: string;

  @Field(() => DecimalScalar, {
    description: "The price on NETWORK; the country's highest network price on COUNTRY.",
  })
  maxPrice!: string;

  @Field(() => String, { nullable: true, description: 'Currency of the prices (EUR or USD).' })
  currency!: string | null;

  @Field(() => CountryPricing, {
    description: "The country's prices, as the pricing query gives them.",
  })
  country!: CountryPricing;
}

@ObjectType({ simpleResolvers: true, description: 'What the message costs to one recipient.' })
export class SmsRecipientCost {
  @Field({ description: 'The number as E.164 digits without the +.' })
  msisdn!: string;

  @Field({ description: "ISO 3166-1 alpha-2 code of the number's country." })
  countryCode!: string;

  @Field(() => PriceMatch)
  match!: PriceMatch;

  @Field(() => Network, {
    nullable: true,
    description:
      'The network whose range matched (NETWORK, the original network); null on COUNTRY.',
  })
  network!: Network | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Price of one segment on the network (NETWORK); null on COUNTRY.',
  })
  unitPrice!: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'unitPrice × segments, exact (NETWORK); null on COUNTRY: see minCost and maxCost.',
  })
  cost!: string | null;

  @Field(() => DecimalScalar, {
    description: "The cost on NETWORK; on COUNTRY, the country's lowest price × segments.",
  })
  minCost!: string;

  @Field(() => DecimalScalar, {
    description: "The cost on NETWORK; on COUNTRY, the country's highest price × segments.",
  })
  maxCost!: string;
}

@ObjectType({ simpleResolvers: true, description: 'A recipient that could not be priced.' })
export class UnpricedSmsRecipient {
  @Field({ description: 'The number as it was given in `to`.' })
  msisdn!: string;

  @Field(() => UnpricedReason)
  reason!: UnpricedReason;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'What sending one text to a list of recipients would cost, from the cached price catalogue (no upstream call per number). Each recipient is priced as numberPricing prices a number (porting can move a number off the network its range names), times the segments the text takes.',
})
export class SmsCostEstimate {
  @Field(() => PricingType, { description: 'The service priced: SMS or SMS_TRANSIT.' })
  type!: PricingType;

  @Field(() => SmsEncoding, { description: 'GSM_7, or UCS_2 when a character needs it.' })
  encoding!: SmsEncoding;

  @Field(() => Int, {
    description: 'Segments the text takes: each is billed as one message, to each recipient.',
  })
  segments!: number;

  @Field(() => Int, {
    description:
      'Characters as the segments count them: GSM-7 septets (an extension-table character such as € counts 2), or UCS-2 characters.',
  })
  characters!: number;

  @Field(() => [String], {
    description: 'The characters that forced UCS-2, each once, in order; empty for GSM-7.',
  })
  unicodeCharacters!: string[];

  @Field(() => [SmsRecipientCost], {
    description: 'The priced recipients, in the order of `to`.',
  })
  recipients!: SmsRecipientCost[];

  @Field(() => [UnpricedSmsRecipient], {
    description:
      'Recipients that could not be priced, in the order of `to`, with the reason. They count in no total.',
  })
  unpriced!: UnpricedSmsRecipient[];

  @Field(() => String, { nullable: true, description: 'Currency of the costs (EUR or USD).' })
  currency!: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      'The exact total over the priced recipients when every one matched a network; null when some are priced only by country (then the cost is between minTotal and maxTotal).',
  })
  total!: string | null;

  @Field(() => DecimalScalar, {
    description:
      'The lowest possible total over the priced recipients (equal to total when known).',
  })
  minTotal!: string;

  @Field(() => DecimalScalar, {
    description:
      'The highest possible total over the priced recipients (equal to total when known).',
  })
  maxTotal!: string;

  @Field(() => GraphQLDateTimeISO, { description: 'When the prices were read from Vonage.' })
  asOf!: Date;

  @Field({ description: 'True when the prices are older than the cache lifetime.' })
  stale!: boolean;
}
