import { IsUrl, Matches, MaxLength, ValidateIf } from 'class-validator';
import { Field, InputType } from 'type-graphql';

const WEBHOOK_RULE = {
  protocols: ['http', 'https'],
  require_protocol: true,
  require_tld: false,
};
const WEBHOOK_MESSAGE = 'must be an absolute http(s) URL, or "" to unset the webhook';
const unlessUnset = (_: object, value: unknown) =>
  value !== '' && value !== null && value !== undefined;

@InputType({ description: 'Top up by the amount of the payment that enabled auto-reload.' })
export class TopUpInput {
  @Field({
    description:
      'Transaction reference of the payment made when auto-reload was enabled (see the dashboard).',
  })
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, {
    message:
      'must be the reference of the auto-reload payment: 1 to 64 letters, digits, "-" or "_"',
  })
  trx!: string;
}

@InputType({
  description:
    'Webhooks to change. Omit a field (or pass null) to leave it as it is; pass "" to unset it. ' +
    'Vonage saves a URL only if it answers 200 to a GET.',
})
export class UpdateSettingsInput {
  @Field(() => String, { nullable: true, description: 'Default webhook for inbound SMS.' })
  @ValidateIf(unlessUnset)
  @MaxLength(2048)
  @IsUrl(WEBHOOK_RULE, { message: WEBHOOK_MESSAGE })
  moCallbackUrl?: string | null;

  @Field(() => String, { nullable: true, description: 'Webhook for SMS delivery receipts.' })
  @ValidateIf(unlessUnset)
  @MaxLength(2048)
  @IsUrl(WEBHOOK_RULE, { message: WEBHOOK_MESSAGE })
  drCallbackUrl?: string | null;
}
