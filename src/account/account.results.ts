import { Field, ObjectType, createUnionType } from 'type-graphql';
import { AccountSettings, Balance } from './account.type';

@ObjectType({ description: 'The top-up was accepted; the balance is read again after it.' })
export class TopUpSucceeded {
  @Field(() => Balance, { description: 'The balance after the top-up.' })
  balance!: Balance;
}

@ObjectType({
  description: 'Top-up needs auto-reload, which is not enabled: enable it in the dashboard.',
})
export class AutoReloadNotEnabled {
  @Field({ description: 'What to do about it.' })
  message!: string;

  @Field(() => String, { nullable: true, description: "Vonage's trace id, for support." })
  traceId?: string;
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
  traceId?: string;
}

export const TopUpResult = createUnionType({
  name: 'TopUpResult',
  description: 'The result of topUp: success, or a refusal the user can act on.',
  types: () => [TopUpSucceeded, AutoReloadNotEnabled, TopUpFailed] as const,
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
