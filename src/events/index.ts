import { type Domain } from '../kernel/domain';
import { type EventsContext } from './events.context';
import { eventsMetrics } from './events.metrics';
import { EventsResolver } from './events.resolver';
import { LiveEventsResolver } from './events.live';
import { EVENTS_SCOPES } from './events.scopes';
import { eventsRoutes } from './events.routes';
import { RedisEventBus } from './events.bus.redis';
import { BUS, EventsService } from './events.service';
import { type EventsSettings, eventsSettings } from './events.settings';

/**
 * The events domain's entry point: Vonage's webhooks (inbound SMS, delivery receipts) at routes
 * of its own, published on an event bus that its subscriptions (inboundSms, deliveryReceipts)
 * read. It calls no upstream area.
 */
export const eventsDomain: Domain<
  EventsService,
  Record<string, never>,
  object,
  EventsContext,
  EventsSettings
> = {
  areas: {},
  settings: eventsSettings,
  scopes: EVENTS_SCOPES,
  resolvers: [EventsResolver, LiveEventsResolver],
  // With Redis the replicas share one stream; without, each has its own bus in memory.
  createService: (deps) =>
    new EventsService(
      deps.settings,
      deps.logger,
      deps.redis &&
        new RedisEventBus(
          deps.redis,
          { ...BUS, namespace: deps.redis.namespace, timeoutMs: deps.redis.timeoutMs },
          deps.logger,
        ),
      deps.config.sandbox,
    ),
  listening: (service, url) => service.listening(url),
  createLoaders: () => ({}),
  routes: eventsRoutes,
  secrets: (settings) => (settings.signature ? [settings.signature.secret] : []),
  start: (service) => service.announce(),
  stop: (service) => service.close(),
  metrics: eventsMetrics,
};

export { type EventsService } from './events.service';
export { type EventBus, type EventFilter, SubscriptionEnded } from './events.bus';
export { type BusEvent, type DeliveryReceipt, type InboundSms } from './events.types';
