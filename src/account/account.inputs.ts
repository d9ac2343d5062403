import { Matches } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { IsWebhookUrl } from '../kernel/validation';

const WEBHOOK_MESSAGE = 'must be an absolute http(s) URL, or "" to unset the webhook';

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
  @IsWebhookUrl(WEBHOOK_MESSAGE)
  moCallbackUrl?: string | null;

  @Field(() => String, { nullable: true, description: 'Webhook for SMS delivery receipts.' })
  @IsWebhookUrl(WEBHOOK_MESSAGE)
  drCallbackUrl?: string | null;
}
