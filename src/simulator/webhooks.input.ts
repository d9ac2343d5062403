/** What the admin endpoints and `Simulator.sendInboundSms`/`sendSms` take, checked. */

export interface InboundSmsInput {
  /** An msisdn some account owns. */
  to: string;
  /** The sender. Default 447700900001. */
  from?: string;
  text: string;
  /** Force a concatenated message of that many parts; default: as many as the text needs. */
  parts?: number;
  /** Send every webhook twice, same fields and signature, as a receiver's dedupe must absorb. */
  duplicate?: boolean;
}

export const RECEIPT_STATUSES = [
  'delivered',
  'expired',
  'failed',
  'rejected',
  'accepted',
  'buffered',
  'unknown',
] as const;

export type ReceiptStatus = (typeof RECEIPT_STATUSES)[number];

export interface SendSmsInput {
  /** An owned msisdn, or an alphanumeric sender ID (up to 11 letters, digits and spaces). */
  from: string;
  /** The recipient, 7 to 15 digits with a known country calling code. */
  to: string;
  text: string;
  /** What the receipt reports. Default delivered. */
  status?: ReceiptStatus;
  'client-ref'?: string;
}

/** A request the sandbox will not act on; `status` is the admin endpoint's answer. */
export class WebhookRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const DEFAULT_SENDER = '447700900001';
export const MSISDN = /^\d{7,15}$/;
const ALPHANUMERIC = /^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$/;

export function readInbound(
  input: unknown,
): Required<Omit<InboundSmsInput, 'parts'>> & { parts?: number } {
  const given = record(input, ['to', 'from', 'text', 'parts', 'duplicate']);
  const to = text(given.to, 'to');
  const from = given.from === undefined ? DEFAULT_SENDER : text(given.from, 'from');
  const body = text(given.text, 'text');
  const { parts, duplicate = false } = given;
  if (parts !== undefined) {
    const most = Math.min(255, [...body].length);
    if (typeof parts !== 'number' || !Number.isInteger(parts) || parts < 1 || parts > most) {
      throw new WebhookRefusal(400, `parts must be a whole number from 1 to ${most}`);
    }
  }
  if (typeof duplicate !== 'boolean') {
    throw new WebhookRefusal(400, 'duplicate must be true or false');
  }
  return {
    to,
    from,
    text: body,
    duplicate,
    ...(parts === undefined ? {} : { parts: parts as number }),
  };
}

export function readOutbound(input: unknown) {
  const given = record(input, ['from', 'to', 'text', 'status', 'client-ref']);
  const from = text(given.from, 'from');
  const to = text(given.to, 'to');
  // Required, as the SMS API requires it, though no webhook carries it back.
  text(given.text, 'text');
  if (!MSISDN.test(from) && !ALPHANUMERIC.test(from)) {
    throw new WebhookRefusal(400, 'from must be an owned msisdn or an alphanumeric sender ID');
  }
  if (!MSISDN.test(to)) throw new WebhookRefusal(400, 'to must be 7 to 15 digits');
  const status = given.status ?? 'delivered';
  if (!RECEIPT_STATUSES.some((known) => known === status)) {
    throw new WebhookRefusal(400, `status must be one of ${RECEIPT_STATUSES.join(', ')}`);
  }
  const clientRef =
    given['client-ref'] === undefined ? undefined : text(given['client-ref'], 'client-ref');
  return { from, to, status: status as ReceiptStatus, clientRef };
}

function record(input: unknown, known: readonly string[]): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new WebhookRefusal(400, 'Send a JSON object');
  }
  const unknown = Object.keys(input).find((name) => !known.includes(name));
  if (unknown !== undefined) throw new WebhookRefusal(400, `Unknown field ${unknown}`);
  return input as Record<string, unknown>;
}

function text(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new WebhookRefusal(400, `${name} must be a non-empty string`);
  }
  return value;
}
