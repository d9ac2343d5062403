import { type Context } from '../kernel/context';
import { type Domain } from '../kernel/domain';
import { eventsMetrics } from './events.metrics';
import { eventsRoutes } from './events.routes';
import { EventsService } from './events.service';
import { type EventsSettings, eventsSettings } from './events.settings';

/**
 * The events domain's entry point: Vonage's webhooks (inbound SMS, delivery receipts) at routes
 * of its own, published on an event bus for subscriptions to read. It calls no upstream area and
 * has no GraphQL field yet.
 */
export const eventsDomain: Domain<
  EventsService,
  Record<string, never>,
  object,
  Context,
  EventsSettings
> = {
  areas: {},
  settings: eventsSettings,
  resolvers: [],
  createService: (deps) => new EventsService(deps.settings, deps.logger),
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
