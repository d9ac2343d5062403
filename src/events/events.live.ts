import { Ctx, Field, ObjectType, Query, Resolver, createUnionType } from 'type-graphql';
import { AccountSettings, type AccountService } from '../account';
import { Authenticated } from '../auth/scopes';
import { type Context } from '../kernel/context';
import { WriteMutation } from '../kernel/write-mutation';
import { type EventsService } from './events.service';
import { RequiresScopes } from './events.scopes';

/** What the live-events fields read of the request context. */
type LiveContext = Context<{ events: EventsService; account: AccountService }, unknown>;

@ObjectType({ simpleResolvers: true, description: "Where Vonage's webhooks reach this gateway." })
export class WebhookEndpoints {
  @Field({ description: 'For inbound SMS: the account’s moCallbackUrl, or a number’s moHttpUrl.' })
  inboundSms!: string;

  @Field({ description: 'For delivery receipts: the account’s drCallbackUrl.' })
  deliveryReceipt!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The signature method webhooks must be signed with; null when unsigned ones are taken.',
  })
  signatureMethod!: string | null;
}

@ObjectType({ description: "The account's webhooks now point at this gateway: live events flow." })
export class LiveEventsConnected {
  @Field(() => WebhookEndpoints)
  endpoints!: WebhookEndpoints;

  @Field(() => AccountSettings, { description: 'The settings Vonage answered with.' })
  settings!: AccountSettings;
}

@ObjectType({ description: 'The account’s webhooks could not be pointed at this gateway.' })
export class LiveEventsNotConnected {
  @Field({ description: 'Why, and what to do.' })
  message!: string;

  @Field(() => AccountSettings, {
    nullable: true,
    description: 'The settings Vonage answered with; null when nothing was sent.',
  })
  settings!: AccountSettings | null;
}

export const ConnectLiveEventsResult = createUnionType({
  name: 'ConnectLiveEventsResult',
  types: () => [LiveEventsConnected, LiveEventsNotConnected] as const,
  // Plain data, named by __typename, as every result of the gateway.
  resolveType: (value) => (value as unknown as { __typename: string }).__typename,
});

type LiveOutcome =
  | ({ __typename: 'LiveEventsConnected' } & LiveEventsConnected)
  | ({ __typename: 'LiveEventsNotConnected' } & LiveEventsNotConnected);

function endpointsOf(events: EventsService): WebhookEndpoints | null {
  const urls = events.endpoints();
  if (!urls) return null;
  return {
    inboundSms: urls['inbound-sms'],
    deliveryReceipt: urls['delivery-receipt'],
    signatureMethod: events.signatureMethod ?? null,
  };
}

@Resolver()
export class LiveEventsResolver {
  @Authenticated()
  @Query(() => WebhookEndpoints, {
    nullable: true,
    description:
      "The URLs to give Vonage for live events (under PUBLIC_BASE_URL; in the sandbox, where the gateway listens); null when PUBLIC_BASE_URL is not set. Point a number's moHttpUrl at inboundSms with updateNumber.",
  })
  webhookEndpoints(@Ctx() ctx: LiveContext): WebhookEndpoints | null {
    return endpointsOf(ctx.services.events);
  }

  // One settings POST, which answers with the settings.
  @RequiresScopes('settings:write')
  @WriteMutation(() => ConnectLiveEventsResult, {
    description:
      "Points the account's inbound SMS and delivery receipt webhooks at this gateway, so inboundSms and deliveryReceipts see them. Numbers with a moHttpUrl of their own keep it (updateNumber changes it).",
    calls: 1,
  })
  async connectLiveEvents(@Ctx() ctx: LiveContext): Promise<LiveOutcome> {
    const endpoints = endpointsOf(ctx.services.events);
    if (!endpoints) {
      return {
        __typename: 'LiveEventsNotConnected',
        message:
          'PUBLIC_BASE_URL is not set, so the gateway does not know where Vonage can reach it: set it to its public https URL.',
        settings: null,
      };
    }
    const settings = await ctx.services.account.updateSettings({
      moCallbackUrl: endpoints.inboundSms,
      drCallbackUrl: endpoints.deliveryReceipt,
    });
    if (
      settings.moCallbackUrl !== endpoints.inboundSms ||
      settings.drCallbackUrl !== endpoints.deliveryReceipt
    ) {
      return {
        __typename: 'LiveEventsNotConnected',
        message:
          'Vonage did not save the URLs: it saves one only if it answers 200 to a GET from Vonage. Make PUBLIC_BASE_URL reachable from the internet, then try again.',
        settings,
      };
    }
    return { __typename: 'LiveEventsConnected', endpoints, settings };
  }
}
