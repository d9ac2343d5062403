import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PricingType } from '../pricing';
import { DecimalScalar } from '../kernel/scalars';

export enum PriceChangeKind {
  FIRST_SEEN = 'FIRST_SEEN',
  CHANGED = 'CHANGED',
  NO_LONGER_LISTED = 'NO_LONGER_LISTED',
}

registerEnumType(PriceChangeKind, {
  name: 'PriceChangeKind',
  description: 'What a catalogue read showed about one network price.',
  valuesConfig: {
    FIRST_SEEN: {
      description:
        'The first price recorded for the network (the first catalogue read, or a network new to it).',
    },
    CHANGED: { description: 'The price differs from the one recorded before.' },
    NO_LONGER_LISTED: { description: 'The catalogue no longer lists the network.' },
  },
});

@ObjectType({
  simpleResolvers: true,
  description:
    'One network price as a catalogue read from Vonage showed it, against the one before.',
})
export class PriceChange {
  @Field(() => PricingType)
  pricingType!: PricingType;

  @Field({ description: 'ISO 3166-1 alpha-2 country code.' })
  countryCode!: string;

  @Field({ description: 'MCC and MNC together (23410), or a code like GB-FIXED.' })
  networkCode!: string;

  @Field(() => String, { nullable: true, description: "The operator's name, when listed." })
  networkName!: string | null;

  @Field(() => PriceChangeKind)
  kind!: PriceChangeKind;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'The price recorded before, exact; null when first seen.',
  })
  oldPrice!: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'The price this catalogue showed, exact; null when no longer listed.',
  })
  newPrice!: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      '(new - old) / old × 100, rounded to 2 places (12.50, -3.10); null unless both prices are known and the old one is not 0.',
  })
  changePercent!: string | null;

  @Field(() => String, { nullable: true, description: 'Currency of the prices (EUR or USD).' })
  currency!: string | null;

  @Field(() => GraphQLDateTimeISO, {
    description: 'When the catalogue that showed it was read from Vonage.',
  })
  seenAt!: Date;
}

@ObjectType({
  simpleResolvers: true,
  description: 'A page of recorded price changes, oldest first.',
})
export class PriceChangeConnection {
  @Field(() => [PriceChange])
  nodes!: PriceChange[];

  @Field(() => Int)
  pageSize!: number;

  @Field({ description: 'True when more rows follow: ask again with after: endCursor.' })
  hasNextPage!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'The cursor of the last row of this page (null when it is empty).',
  })
  endCursor!: string | null;
}
