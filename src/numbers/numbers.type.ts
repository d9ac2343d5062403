import { connection } from '../kernel/connection';
import { Directive, Field, InterfaceType, ObjectType, registerEnumType } from 'type-graphql';
import { DecimalScalar } from '../kernel/scalars';

export enum NumberType {
  LANDLINE = 'LANDLINE',
  MOBILE_LVN = 'MOBILE_LVN',
  LANDLINE_TOLL_FREE = 'LANDLINE_TOLL_FREE',
  OTHER = 'OTHER',
}

registerEnumType(NumberType, {
  name: 'NumberType',
  description: 'The kind of a virtual number.',
  valuesConfig: {
    LANDLINE: { description: 'A landline number (upstream `landline`).' },
    MOBILE_LVN: { description: 'A mobile long virtual number (upstream `mobile-lvn`).' },
    LANDLINE_TOLL_FREE: { description: 'A toll-free number (upstream `landline-toll-free`).' },
    OTHER: { description: 'A type this gateway does not know yet: see upstreamType.' },
  },
});

export enum NumberFeature {
  SMS = 'SMS',
  VOICE = 'VOICE',
  MMS = 'MMS',
}

registerEnumType(NumberFeature, { name: 'NumberFeature', description: 'What a number can do.' });

export enum PatternMatch {
  STARTS_WITH = 'STARTS_WITH',
  CONTAINS = 'CONTAINS',
  ENDS_WITH = 'ENDS_WITH',
}

registerEnumType(PatternMatch, {
  name: 'PatternMatch',
  description: 'How `pattern` matches a number (E.164 digits, country code included).',
});

@ObjectType({ simpleResolvers: true, description: 'Where a number sends calls or messages.' })
export class Callback {
  @Field({ description: 'sip, tel or app.' })
  type!: string;

  @Field({ description: 'A SIP URI, a phone number or an Application ID.' })
  value!: string;
}

@InterfaceType({ description: 'What every phone number has, owned or for sale.' })
export abstract class PhoneNumber {
  @Field({ description: 'E.164 digits without +, e.g. 447700900000.' })
  msisdn!: string;

  @Field({ description: 'ISO 3166-1 alpha-2 country code.' })
  country!: string;

  @Field(() => NumberType)
  type!: NumberType;

  @Field({ description: "The upstream's own word for the type (mobile-lvn, landline…)." })
  upstreamType!: string;

  @Field(() => [NumberFeature])
  features!: NumberFeature[];
}

// Other subgraphs hold the E.164 digits of their customers' numbers.
@Directive('@key(fields: "msisdn")')
@ObjectType({
  implements: PhoneNumber,
  simpleResolvers: true,
  description: 'A number the account rents.',
})
export class OwnedNumber extends PhoneNumber {
  @Field(() => String, { nullable: true, description: 'Webhook for inbound SMS to this number.' })
  moHttpUrl!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The Application that handles inbound traffic.',
  })
  applicationId!: string | null;

  @Field(() => Callback, { nullable: true, description: 'Where inbound calls go.' })
  voiceCallback!: Callback | null;

  @Field(() => String, { nullable: true, description: 'Webhook called when a call ends.' })
  voiceStatusCallback!: string | null;

  @Field(() => Callback, { nullable: true, description: 'Where inbound messages go (app).' })
  messagesCallback!: Callback | null;
}

@ObjectType({
  implements: PhoneNumber,
  simpleResolvers: true,
  description: 'A number that can be bought.',
})
export class AvailableNumber extends PhoneNumber {
  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Monthly rental, exact, in the billing currency (charged when bought).',
  })
  monthlyCost!: string | null;
}

export const OwnedNumberConnection = connection(OwnedNumber, 'OwnedNumberConnection');
export const AvailableNumberConnection = connection(AvailableNumber, 'AvailableNumberConnection');
