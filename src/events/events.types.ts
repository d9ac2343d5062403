/** What the events domain publishes: Vonage's webhooks, checked, de-duplicated and joined. */

/** A delivery receipt's `status`, as Vonage sends it (lower case), in capitals. */
export const DELIVERY_STATUSES = [
  'DELIVERED',
  'EXPIRED',
  'FAILED',
  'REJECTED',
  'ACCEPTED',
  'BUFFERED',
  'UNKNOWN',
] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** An inbound SMS's `type`. */
export const MESSAGE_TYPES = ['text', 'unicode', 'binary'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/** An SMS to one of the account's numbers; a message sent in parts, joined. */
export interface InboundSms {
  kind: 'InboundSms';
  /** Vonage's id of the message (of its first part that came, for one in parts). */
  messageId: string;
  /** Every part's id, in part order (one for a message in one part). */
  messageIds: string[];
  /** The sender's number (Vonage's `msisdn`). */
  from: string;
  /** The account's number it was sent to. */
  to: string;
  /** The text, the parts' joined; null for a binary message (its `data` is not kept). */
  text: string | null;
  type: MessageType;
  /** The first word of the text, in capitals (Vonage's, for short codes); null when none. */
  keyword: string | null;
  /** When Vonage began sending it (its `message-timestamp`, UTC), ISO 8601. */
  receivedAt: string;
  /** False when parts were still missing after WEBHOOK_CONCAT_TIMEOUT_MS. */
  complete: boolean;
  /** The numbers (from 1) of the parts that never came; empty when complete. */
  missingParts: number[];
}

/** The carrier's word on an SMS the account sent. */
export interface DeliveryReceipt {
  kind: 'DeliveryReceipt';
  /** Vonage's id of the message sent (the one of its send answer). */
  messageId: string;
  /** The recipient's number (Vonage's `msisdn`). */
  to: string;
  /** The sender id the message was sent from (Vonage's `to`). */
  from: string;
  status: DeliveryStatus;
  /** Vonage's `err-code`: 0 when delivered; null when absent. */
  errorCode: number | null;
  /** What the message cost, as Vonage wrote it (an exact decimal); null when absent. */
  price: string | null;
  /** The recipient's network (MCCMNC); null when absent. */
  networkCode: string | null;
  /** When the carrier reported it (`scts`, minutes, UTC), ISO 8601; null when absent. */
  deliveredAt: string | null;
  /** When Vonage began sending the receipt (`message-timestamp`, UTC), ISO 8601. */
  receivedAt: string;
}

export type BusEvent = InboundSms | DeliveryReceipt;

/**
 * The event's identity across retries and replicas: the same webhook sent again has the same key.
 * A message has one inbound event, but several receipts (accepted, then delivered).
 */
export function eventKey(event: BusEvent): string {
  return event.kind === 'InboundSms'
    ? `InboundSms:${event.messageId}`
    : `DeliveryReceipt:${event.messageId}:${event.status}:${event.errorCode ?? ''}:${event.deliveredAt ?? ''}`;
}
