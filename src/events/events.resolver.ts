import { GraphQLError } from 'graphql';
import { Args, Resolver, Root, Subscription } from 'type-graphql';
import { badUserInput } from '../kernel/errors';
import { type EventsContext } from './events.context';
import { type EventFilter, SubscriptionEnded } from './events.bus';
import {
  DeliveryReceipt,
  DeliveryReceiptsArgs,
  InboundSms,
  InboundSmsArgs,
} from './events.graphql';
import { RequiresScopes } from './events.scopes';
import { type BusEvent } from './events.types';

const MSISDN = /^\d{7,15}$/;
const EVENT_ID = /^\d{1,15}-\d{1,15}$/;
const MESSAGE_ID = /^[A-Za-z0-9-]{1,64}$/;
const MAX_LIST = 100;

/** What each event of a stream is: the bus's entry, or why the stream ended early. */
type Emission = { id: string; event: BusEvent } | { ended: SubscriptionEnded };

/** Checked when the subscription starts (type-graphql checks arguments per event, too late). */
function list(
  name: string,
  values: readonly string[] | null | undefined,
  pattern: RegExp,
  what: string,
) {
  if (!values) return undefined;
  if (values.length === 0 || values.length > MAX_LIST) {
    throw badUserInput(name, `must list 1 to ${MAX_LIST} values`);
  }
  const bad = values.find((value) => !pattern.test(value));
  if (bad !== undefined) throw badUserInput(name, `each must be ${what}`);
  return new Set(values);
}

function afterId(after: string | null | undefined): string | undefined {
  if (after == null) return undefined;
  if (!EVENT_ID.test(after)) throw badUserInput('after', 'must be an eventId this stream gave');
  return after;
}

/**
 * The bus's events that `filter` keeps, until the client goes away (the stream's signal). One that
 * cannot go on without losing events (too slow, or resumed after what is no longer kept) ends
 * with that reason as its last event.
 */
async function* stream(
  ctx: EventsContext,
  filter: EventFilter,
  after: string | undefined,
): AsyncGenerator<Emission> {
  const signal = ctx.scope.signal ?? new AbortController().signal;
  try {
    for await (const entry of ctx.services.events.bus.subscribe(filter, {
      signal,
      afterId: after,
    })) {
      yield entry;
    }
  } catch (error) {
    if (error instanceof SubscriptionEnded) yield { ended: error };
    else throw error;
  }
}

function emitted(root: Emission, kind: BusEvent['kind']) {
  if ('ended' in root) {
    throw new GraphQLError(root.ended.message, {
      extensions: { code: 'SUBSCRIPTION_ENDED', reason: root.ended.reason },
    });
  }
  if (root.event.kind !== kind) throw new Error(`a ${root.event.kind} on a ${kind} stream`);
  return { eventId: root.id, ...root.event };
}

@Resolver()
export class EventsResolver {
  @RequiresScopes('messages:read', 'numbers:read')
  @Subscription(() => InboundSms, {
    description:
      "SMS to the account's numbers as Vonage's webhooks bring them (POST /webhooks/inbound-sms), signed, de-duplicated and joined. Resume with `after` (the last eventId seen).",
    subscribe: ({ args, context }) => {
      const { to, after } = args as InboundSmsArgs;
      const numbers = list('to', to, MSISDN, 'E.164 digits without +');
      const filter: EventFilter = (event) =>
        event.kind === 'InboundSms' && (!numbers || numbers.has(event.to));
      return stream(context as EventsContext, filter, afterId(after));
    },
  })
  inboundSms(@Root() root: Emission, @Args() _args: InboundSmsArgs) {
    return emitted(root, 'InboundSms');
  }

  @RequiresScopes('messages:read')
  @Subscription(() => DeliveryReceipt, {
    description:
      "Delivery receipts of the account's SMS as Vonage's webhooks bring them (POST /webhooks/delivery-receipt), signed and de-duplicated. Resume with `after` (the last eventId seen).",
    subscribe: ({ args, context }) => {
      const { messageIds, to, after } = args as DeliveryReceiptsArgs;
      const ids = list('messageIds', messageIds, MESSAGE_ID, 'a message id');
      const numbers = list('to', to, MSISDN, 'E.164 digits without +');
      const filter: EventFilter = (event) =>
        event.kind === 'DeliveryReceipt' &&
        (!ids || ids.has(event.messageId)) &&
        (!numbers || numbers.has(event.to));
      return stream(context as EventsContext, filter, afterId(after));
    },
  })
  deliveryReceipts(@Root() root: Emission, @Args() _args: DeliveryReceiptsArgs) {
    return emitted(root, 'DeliveryReceipt');
  }
}
