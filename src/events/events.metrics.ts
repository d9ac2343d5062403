import { Gauge, type Registry } from 'prom-client';
import { mirroredCounter } from '../metrics/mirrored';
import { RedisEventBus } from './events.bus.redis';
import { type EventsService, WEBHOOKS, type Webhook } from './events.service';

const NAMES = Object.keys(WEBHOOKS) as Webhook[];

/** Splits the stats' `a\nb` keys back into their two labels. */
function byPair(totals: ReadonlyMap<string, number>, first: string, second: string) {
  return [...totals].map(([key, value]) => {
    const [a, b] = key.split('\n');
    return { labels: { [first]: a, [second]: b }, value };
  });
}

/** The webhooks' counters, read from the service at each scrape. */
export function eventsMetrics(registry: Registry, service: EventsService): void {
  const { stats } = service;
  mirroredCounter(
    registry,
    'gateway_webhooks_accepted_total',
    'Vonage webhooks answered 200 (signature and payload checked), by webhook; retries included.',
    ['webhook'],
    () => NAMES.map((webhook) => ({ labels: { webhook }, value: stats.accepted[webhook] })),
  );
  mirroredCounter(
    registry,
    'gateway_webhooks_refused_total',
    'Vonage webhooks refused, by webhook and reason: missing_signature, wrong_signature, missing_timestamp, stale (401); invalid_payload (400); too_large (413). Nothing of a refused one is published.',
    ['webhook', 'reason'],
    () => byPair(stats.refused, 'webhook', 'reason'),
  );
  mirroredCounter(
    registry,
    'gateway_webhooks_duplicates_total',
    'Vonage webhooks accepted again (a retry of one already seen by this replica): not published again.',
    ['webhook'],
    () => NAMES.map((webhook) => ({ labels: { webhook }, value: stats.duplicates[webhook] })),
  );
  mirroredCounter(
    registry,
    'gateway_events_published_total',
    'Events published on the bus, by kind (InboundSms, DeliveryReceipt) and complete (false: an SMS whose parts did not all come in time).',
    ['kind', 'complete'],
    () => byPair(stats.published, 'kind', 'complete'),
  );
  mirroredCounter(
    registry,
    'gateway_events_publish_failures_total',
    'Accepted webhooks whose event could not be published (logged).',
    [],
    () => [{ value: stats.publishFailures }],
  );
  new Gauge({
    name: 'gateway_event_subscribers',
    help: 'Subscriptions (inboundSms, deliveryReceipts) reading this process’s event bus.',
    registers: [registry],
    collect() {
      this.set(service.bus.subscribers);
    },
  });
  if (service.bus instanceof RedisEventBus) redisBusMetrics(registry, service.bus);
  new Gauge({
    name: 'gateway_webhooks_concat_pending',
    help: 'Inbound SMS in parts waiting for their other parts.',
    registers: [registry],
    collect() {
      this.set(service.pendingConcatenations);
    },
  });
}

/** With REDIS_URL: what the shared stream saved, read, and did without. */
function redisBusMetrics(registry: Registry, bus: RedisEventBus): void {
  mirroredCounter(
    registry,
    'gateway_events_bus_duplicates_total',
    'Events another replica had added to the shared stream already (the same webhook sent to both): not added again.',
    [],
    () => [{ value: bus.duplicates }],
  );
  mirroredCounter(
    registry,
    'gateway_events_bus_fallbacks_total',
    "Events published to this replica's subscribers only, because Redis could not be used (logged once per outage).",
    [],
    () => [{ value: bus.fallbacks }],
  );
  mirroredCounter(
    registry,
    'gateway_events_bus_reads_total',
    'Blocking reads of the shared stream (XREAD) by this process: one reader serves all its subscribers.',
    [],
    () => [{ value: bus.reads }],
  );
}
