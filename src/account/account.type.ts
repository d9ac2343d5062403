import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { DecimalScalar } from '../kernel/scalars';

@ObjectType({ simpleResolvers: true, description: "The account's balance." })
export class Balance {
  @Field(() => DecimalScalar, { description: 'Remaining balance in the billing currency, exact.' })
  value!: string;

  @Field({ description: 'Whether auto-reload is enabled (needed for topUp).' })
  autoReload!: boolean;

  @Field(() => GraphQLDateTimeISO, {
    description:
      'When it was read from Vonage. Concurrent reads share one call, and a read stays fresh for about a second (BALANCE_TTL_MS) unless money moved.',
  })
  asOf!: string;
}

@ObjectType({
  simpleResolvers: true,
  description: 'Default webhooks and throughput limits of the account.',
})
export class AccountSettings {
  @Field(() => String, {
    nullable: true,
    description:
      'Default webhook for inbound SMS, used by numbers without their own; null when unset.',
  })
  moCallbackUrl!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Webhook for SMS delivery receipts; null when unset.',
  })
  drCallbackUrl!: string | null;

  @Field(() => Int, { nullable: true, description: 'Maximum outbound messages per second.' })
  maxOutboundRequestsPerSecond!: number | null;

  @Field(() => Int, { nullable: true, description: 'Maximum inbound messages per second.' })
  maxInboundRequestsPerSecond!: number | null;

  @Field(() => Int, { nullable: true, description: 'Maximum API calls per second.' })
  maxCallsPerSecond!: number | null;
}

// The API key names the account (other subgraphs can hold it); it does not authenticate.
@Directive('@key(fields: "apiKey")')
@ObjectType({
  simpleResolvers: true,
  description: 'The Vonage account the gateway is configured with.',
})
export class Account {
  @Field({
    description: "The account's Vonage API key: names the account, grants nothing (no secret).",
  })
  apiKey!: string;
  // Other fields are resolved by AccountResolver, each through the per-request loaders.
}
