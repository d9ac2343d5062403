import {
  DELIVERY_STATUSES,
  type DeliveryReceipt,
  type DeliveryStatus,
  MESSAGE_TYPES,
  type MessageType,
} from './events.types';

/**
 * A webhook's parameters (as Vonage's docs list them: SMS API, inbound SMS and delivery receipts)
 * into the domain's types. A payload that lacks a required field or holds one Vonage never sends
 * is refused with a short reason; nothing of its text goes into the reason.
 */

export class BadPayload extends Error {}

type Params = Readonly<Record<string, string | undefined>>;

/** One inbound webhook: a whole SMS, or a part of one (`concat`). */
export interface InboundPart {
  messageId: string;
  from: string;
  to: string;
  text: string | null;
  type: MessageType;
  keyword: string | null;
  receivedAt: string;
  concat?: { ref: string; part: number; total: number };
}

function required(params: Params, name: string): string {
  const value = params[name];
  if (value === undefined || value === '') throw new BadPayload(`${name} is missing`);
  return value;
}

function optional(params: Params, name: string): string | null {
  const value = params[name];
  return value === undefined || value === '' ? null : value;
}

/** A valid UTC date from its parts, ISO 8601; BadPayload naming the field otherwise. */
function utc(name: string, ...parts: number[]): string {
  const [year, month, day, hours, minutes, seconds = 0] = parts;
  const date = new Date(Date.UTC(year, month - 1, day, hours, minutes, seconds));
  const same =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hours &&
    date.getUTCMinutes() === minutes;
  if (!same) throw new BadPayload(`${name} is not a valid date`);
  return date.toISOString();
}

/** `message-timestamp`: `YYYY-MM-DD HH:MM:SS`, UTC. */
function messageTimestamp(params: Params): string {
  const raw = required(params, 'message-timestamp');
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(raw);
  if (!match) throw new BadPayload('message-timestamp is not YYYY-MM-DD HH:MM:SS');
  return utc('message-timestamp', ...match.slice(1).map(Number));
}

/** `scts`: `YYMMDDHHMM`, UTC, when the carrier reported. */
function scts(params: Params): string | null {
  const raw = optional(params, 'scts');
  if (raw === null) return null;
  const match = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(raw);
  if (!match) throw new BadPayload('scts is not YYMMDDHHMM');
  const [year, ...rest] = match.slice(1).map(Number);
  return utc('scts', 2000 + year, ...rest);
}

function whole(raw: string, name: string, min: number, max: number): number {
  if (!/^\d{1,6}$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new BadPayload(`${name} is not a whole number from ${min} to ${max}`);
  }
  return Number(raw);
}

/** The inbound SMS webhook. */
export function parseInbound(params: Params): InboundPart {
  const rawType = required(params, 'type');
  const type = MESSAGE_TYPES.find((known) => known === rawType);
  if (!type) throw new BadPayload(`type is not one of ${MESSAGE_TYPES.join(', ')}`);
  // A binary message carries data and udh instead; an empty text is not a message either.
  const text = type === 'binary' ? null : required(params, 'text');
  const part: InboundPart = {
    messageId: required(params, 'messageId'),
    from: required(params, 'msisdn'),
    to: required(params, 'to'),
    text,
    type,
    keyword: optional(params, 'keyword'),
    receivedAt: messageTimestamp(params),
  };
  if (params.concat !== 'true') return part;
  // A concatenated SMS is at most 255 parts (its user data header counts them in one byte).
  const total = whole(required(params, 'concat-total'), 'concat-total', 1, 255);
  const number = whole(required(params, 'concat-part'), 'concat-part', 1, total);
  return { ...part, concat: { ref: required(params, 'concat-ref'), part: number, total } };
}

/** The delivery receipt webhook. */
export function parseReceipt(params: Params): DeliveryReceipt {
  const rawStatus = required(params, 'status').toUpperCase();
  const status = DELIVERY_STATUSES.find((known) => known === rawStatus) as DeliveryStatus;
  if (!status) throw new BadPayload(`status is not one of ${DELIVERY_STATUSES.join(', ')}`);
  const errCode = optional(params, 'err-code');
  const price = optional(params, 'price');
  // Kept as Vonage wrote it: a price is an exact decimal, never a float.
  if (price !== null && !/^\d{1,12}(\.\d{1,12})?$/.test(price)) {
    throw new BadPayload('price is not a decimal number');
  }
  return {
    kind: 'DeliveryReceipt',
    messageId: required(params, 'messageId'),
    to: required(params, 'msisdn'),
    from: required(params, 'to'),
    status,
    errorCode: errCode === null ? null : whole(errCode, 'err-code', 0, 999_999),
    price,
    networkCode: optional(params, 'network-code'),
    deliveredAt: scts(params),
    receivedAt: messageTimestamp(params),
  };
}
