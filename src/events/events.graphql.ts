import { GraphQLDateTimeISO } from 'graphql-scalars';
import { ArgsType, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DecimalScalar } from '../kernel/scalars';
import { DELIVERY_STATUSES, MESSAGE_TYPES } from './events.types';

export const DeliveryStatusEnum = Object.fromEntries(DELIVERY_STATUSES.map((s) => [s, s]));
registerEnumType(DeliveryStatusEnum, {
  name: 'DeliveryStatus',
  description: "The carrier's word on a message: DELIVERED, or why not (yet).",
});

export const MessageTypeEnum = Object.fromEntries(MESSAGE_TYPES.map((t) => [t.toUpperCase(), t]));
registerEnumType(MessageTypeEnum, { name: 'MessageType', description: 'How the SMS was encoded.' });

@ObjectType({
  simpleResolvers: true,
  description: "An SMS to one of the account's numbers, as Vonage's webhook told the gateway.",
})
export class InboundSms {
  @Field({
    description: 'Its place in the event stream: subscribe again with `after` set to it to resume.',
  })
  eventId!: string;

  @Field({ description: "Vonage's id of the message (of its first part, for one sent in parts)." })
  messageId!: string;

  @Field(() => [String], { description: "Every part's id, in order." })
  messageIds!: string[];

  @Field({ description: "The sender's number." })
  from!: string;

  @Field({ description: "The account's number it was sent to." })
  to!: string;

  @Field(() => String, { nullable: true, description: 'The text (parts joined); null for binary.' })
  text!: string | null;

  @Field(() => MessageTypeEnum)
  type!: string;

  @Field(() => String, { nullable: true, description: 'The first word, in capitals.' })
  keyword!: string | null;

  @Field(() => GraphQLDateTimeISO, { description: 'When Vonage began sending it.' })
  receivedAt!: string;

  @Field({ description: 'False when parts were still missing after WEBHOOK_CONCAT_TIMEOUT_MS.' })
  complete!: boolean;

  @Field(() => [Int], { description: 'The parts that never came; empty when complete.' })
  missingParts!: number[];
}

@ObjectType({
  simpleResolvers: true,
  description:
    'A delivery receipt of an SMS the account sent, as Vonage’s webhook told the gateway.',
})
export class DeliveryReceipt {
  @Field({
    description: 'Its place in the event stream: subscribe again with `after` set to it to resume.',
  })
  eventId!: string;

  @Field({ description: "Vonage's id of the message sent (from its send answer)." })
  messageId!: string;

  @Field({ description: "The recipient's number." })
  to!: string;

  @Field({ description: 'The sender id it was sent from.' })
  from!: string;

  @Field(() => DeliveryStatusEnum)
  status!: string;

  @Field(() => Int, { nullable: true, description: "Vonage's err-code: 0 when delivered." })
  errorCode!: number | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'What the message cost.' })
  price!: string | null;

  @Field(() => String, { nullable: true, description: "The recipient's network (MCCMNC)." })
  networkCode!: string | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When the carrier reported it.' })
  deliveredAt!: string | null;

  @Field(() => GraphQLDateTimeISO, { description: 'When Vonage began sending the receipt.' })
  receivedAt!: string;
}

@ArgsType()
export class InboundSmsArgs {
  @Field(() => [String], {
    nullable: true,
    description: "Only SMS to these of the account's numbers (E.164 digits, at most 100).",
  })
  to?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Resume after this eventId: what arrived since, while the gateway keeps it, first.',
  })
  after?: string | null;
}

@ArgsType()
export class DeliveryReceiptsArgs {
  @Field(() => [String], {
    nullable: true,
    description: 'Only receipts of these messages (ids from the send answers, at most 100).',
  })
  messageIds?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Only receipts of messages to these numbers (E.164 digits, at most 100).',
  })
  to?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Resume after this eventId: what arrived since, while the gateway keeps it, first.',
  })
  after?: string | null;
}
