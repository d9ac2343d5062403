import { Field, ObjectType, createUnionType } from 'type-graphql';
import { AccountSettings, Balance } from './account.type';

@ObjectType({ description: 'The top-up was accepted; the balance is read again after it.' })
export class TopUpSucceeded {
  @Field(() => Balance, {
    nullable: true,
    description:
      'The balance after the top-up; null when Vonage accepted it but the re-read failed (see warning).',
  })
  balance!: Balance | null;

  @Field(() => String, {
    nullable: true,
    description: 'Set when something after the accepted top-up failed. Do not top up again.',
  })
  warning!: string | null;
}

@ObjectType({
  description:
    "The top-up was sent but Vonage's answer was lost (timeout, dropped connection, 5xx): it may " +
    'have been applied. Read the balance before trying again; the gateway never retries it.',
})
export class TopUpOutcomeUnknown {
  @Field({ description: 'What to do about it.' })
  message!: string;

  @Field(() => String, { nullable: true, description: "Vonage's trace id, for support." })
  traceId?: string | null;
}

@ObjectType({
  description: 'Top-up needs auto-reload, which is not enabled: enable it in the dashboard.',
})
export class AutoReloadNotEnabled {
  @Field({ description: 'What to do about it.' })
  message!: string;

  @Field(() => String, { nullable: true, description: "Vonage's trace id, for support." })
  traceId?: string | null;
}

@ObjectType({
  description:
    'Vonage refused the top-up (for example an unknown transaction reference or a declined payment).',
})
export class TopUpFailed {
  @Field({ description: 'What happened, with the label Vonage gave.' })
  message!: string;

  @Field({ description: "Vonage's own words." })
  label!: string;

  @Field(() => String, { nullable: true, description: "Vonage's trace id, for support." })
  traceId?: string | null;
}

export const TopUpResult = createUnionType({
  name: 'TopUpResult',
  description: 'The result of topUp: success, or a refusal the user can act on.',
  types: () => [TopUpSucceeded, AutoReloadNotEnabled, TopUpFailed, TopUpOutcomeUnknown] as const,
  // Outcomes are plain data (an idempotency store replays them), named by __typename.
  resolveType: (value) => (value as unknown as { __typename: string }).__typename,
});

@ObjectType({ description: 'Every requested change was saved.' })
export class SettingsUpdated {
  @Field(() => AccountSettings, { description: 'The settings now in force.' })
  settings!: AccountSettings;
}

@ObjectType({
  description:
    'Vonage did not save some webhook: it saves a URL only if the URL answers 200 to a GET. ' +
    'Make the endpoint reachable and answer 200, then try again.',
})
export class CallbackUrlNotSaved {
  @Field(() => [String], { description: 'The input fields whose URL was not saved.' })
  fields!: string[];

  @Field({ description: 'What to do about it.' })
  message!: string;

  @Field(() => AccountSettings, { description: 'The settings now in force.' })
  settings!: AccountSettings;
}

export const UpdateSettingsResult = createUnionType({
  name: 'UpdateSettingsResult',
  description: 'The result of updateSettings.',
  types: () => [SettingsUpdated, CallbackUrlNotSaved] as const,
});
