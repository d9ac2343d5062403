import { LRUCache } from 'lru-cache';
import { type Logger } from '../base/logger';
import { type EventBus, MemoryEventBus } from './events.bus';
import { ConcatJoiner } from './events.concat';
import { type InboundPart } from './events.parse';
import { type EventsSettings } from './events.settings';
import { type Refusal, checkSignature } from './events.signature';
import { type BusEvent, type DeliveryReceipt, eventKey } from './events.types';

/** The two webhooks, by the path Vonage is given (below PUBLIC_BASE_URL). */
export const WEBHOOKS = {
  'inbound-sms': '/webhooks/inbound-sms',
  'delivery-receipt': '/webhooks/delivery-receipt',
} as const;
export type Webhook = keyof typeof WEBHOOKS;

/** Why a webhook was answered other than 200 (the metrics' `reason`). */
export type RefusalReason = Refusal | 'invalid_payload' | 'too_large';

/**
 * Vonage resends a webhook it got no quick 200 for, for up to 24 hours: a webhook's id is kept
 * that long (per replica, at most this many).
 */
const SEEN = { max: 50_000, ttlMs: 24 * 60 * 60 * 1000 };
/** Concatenated messages waiting for parts, at most. */
const MAX_PENDING_CONCAT = 1_000;
/** The bus's ring (and the Redis stream's retention) and each subscriber's buffer. */
export const BUS = { maxEvents: 10_000, maxAgeMs: 60 * 60 * 1000, bufferSize: 1_000 };

/** Running totals read by the metrics at each scrape. */
export interface EventsStats {
  accepted: Record<Webhook, number>;
  refused: Map<string, number>;
  duplicates: Record<Webhook, number>;
  published: Map<string, number>;
  publishFailures: number;
}

/**
 * What Vonage's webhooks become: checked (signature, freshness), de-duplicated by id, the parts of
 * concatenated SMS joined, and published on the bus. Publishing happens after the webhook was
 * answered: a slow or failing bus never delays Vonage's answer.
 */
export class EventsService {
  readonly bus: EventBus;
  readonly stats: EventsStats = {
    accepted: { 'inbound-sms': 0, 'delivery-receipt': 0 },
    refused: new Map(),
    duplicates: { 'inbound-sms': 0, 'delivery-receipt': 0 },
    published: new Map(),
    publishFailures: 0,
  };
  private readonly seen = new LRUCache<string, true>({ max: SEEN.max, ttl: SEEN.ttlMs });
  private readonly joiner: ConcatJoiner;

  /** Where this process listens (its sandbox's simulator can reach it there). */
  private localBaseUrl?: string;

  constructor(
    private readonly settings: EventsSettings,
    private readonly logger: Logger,
    bus?: EventBus,
    /** The embedded simulator stands in for Vonage: it reaches the gateway where it listens. */
    private readonly sandbox = false,
  ) {
    this.bus = bus ?? new MemoryEventBus(BUS);
    this.joiner = new ConcatJoiner(
      { timeoutMs: settings.concatTimeoutMs, maxPending: MAX_PENDING_CONCAT },
      (sms) => this.publish(sms),
    );
  }

  /** The server listens at `url`: a sandbox's simulator sends its webhooks there. */
  listening(url: string): void {
    this.localBaseUrl = url;
  }

  /**
   * The URLs to give Vonage: under PUBLIC_BASE_URL, or (in the sandbox, whose simulator runs
   * beside the gateway) where the gateway listens; undefined when not known.
   */
  endpoints(): Record<Webhook, string> | undefined {
    const base = this.settings.publicBaseUrl ?? (this.sandbox ? this.localBaseUrl : undefined);
    if (!base) return undefined;
    return {
      'inbound-sms': base + WEBHOOKS['inbound-sms'],
      'delivery-receipt': base + WEBHOOKS['delivery-receipt'],
    };
  }

  /** The signature method webhooks must be signed with; undefined when unsigned ones are taken. */
  get signatureMethod(): string | undefined {
    return this.settings.signature?.method;
  }

  /** Says at start where Vonage should send the webhooks, and whether they must be signed. */
  announce(): void {
    this.logger.info(
      {
        webhooks: this.endpoints() ?? WEBHOOKS,
        signatures: this.settings.signature ? this.settings.signature.method : 'off',
      },
      'webhooks ready: set these URLs in the Vonage dashboard (API settings)',
    );
  }

  /** The signature check of one webhook's parameters; undefined when it passes (or is off). */
  verify(params: Readonly<Record<string, string>>): Refusal | undefined {
    const { signature, maxAgeSeconds } = this.settings;
    if (!signature) return undefined;
    return checkSignature(params, signature, maxAgeSeconds, Date.now());
  }

  /** Counts a refusal and logs it: which webhook and why, never what it carried. */
  refused(webhook: Webhook, reason: RefusalReason, detail?: string): void {
    const key = `${webhook}\n${reason}`;
    this.stats.refused.set(key, (this.stats.refused.get(key) ?? 0) + 1);
    this.logger.warn({ webhook, reason, detail }, 'webhook refused');
  }

  /** Takes one verified, parsed inbound SMS (or part of one). Never throws. */
  acceptInbound(part: InboundPart): void {
    this.stats.accepted['inbound-sms'] += 1;
    if (this.duplicate('inbound-sms', `InboundSms:${part.messageId}`)) return;
    this.guard('InboundSms', () => this.joiner.add(part));
  }

  /** Takes one verified, parsed delivery receipt. Never throws. */
  acceptReceipt(receipt: DeliveryReceipt): void {
    this.stats.accepted['delivery-receipt'] += 1;
    if (this.duplicate('delivery-receipt', eventKey(receipt))) return;
    this.guard('DeliveryReceipt', () => this.publish(receipt));
  }

  /** Messages waiting for parts. */
  get pendingConcatenations(): number {
    return this.joiner.size;
  }

  async close(): Promise<void> {
    this.joiner.close();
    await this.bus.close?.();
  }

  private duplicate(webhook: Webhook, key: string): boolean {
    if (this.seen.has(key)) {
      this.stats.duplicates[webhook] += 1;
      return true;
    }
    this.seen.set(key, true);
    return false;
  }

  /** The webhook was answered already: a failure here is logged and counted, not thrown. */
  private guard(kind: BusEvent['kind'], work: () => void): void {
    try {
      work();
    } catch (error) {
      this.failed(kind, error);
    }
  }

  private failed(kind: BusEvent['kind'], error: unknown): void {
    this.stats.publishFailures += 1;
    this.logger.error({ err: error, kind }, 'event not published');
  }

  private publish(event: BusEvent): void {
    const complete = event.kind === 'InboundSms' ? String(event.complete) : 'true';
    const key = `${event.kind}\n${complete}`;
    this.bus.publish(event).then(
      () => this.stats.published.set(key, (this.stats.published.get(key) ?? 0) + 1),
      (error: unknown) => this.failed(event.kind, error),
    );
  }
}
