import { randomBytes } from 'node:crypto';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { type Accounts } from './areas/accounts';
import { type NumbersState } from './areas/numbers';
import { catalogue } from './areas/pricing.data';
import { formatAmount, normalizeAmount } from './money';
import { type Delivery, type Webhooks } from './webhooks';
import {
  type InboundSmsInput,
  MSISDN,
  readInbound,
  readOutbound,
  type ReceiptStatus,
  type SendSmsInput,
  WebhookRefusal,
} from './webhooks.input';
import { keywordOf, sendingOrder, smsType, splitText } from './webhooks.parts';

/**
 * The SMS API's two webhooks, with the fields of Vonage's SMS spec (Nexmo/api-specification,
 * definitions/sms.yml: `InboundMessage`, `DeliveryReceipt`) in the spec's order. Every value is a
 * string, as Vonage sends them. Binary messages (`data`, `udh`) are left out.
 */

export interface InboundSmsResult {
  url: string;
  /** In the order they left, a duplicate right after its original. */
  messages: Delivery[];
}

/** The SMS API's answer (`message-count`, `messages`), plus `messageId` and where the receipt goes. */
export interface SentSms {
  messageId: string;
  'message-count': '1';
  messages: [Record<string, string>];
  /** null: no `drCallbackUrl` is set, so no receipt follows. */
  receiptUrl: string | null;
}

/**
 * `err-code` per status beside delivered. Vonage's table (0 Delivered, 1 Unknown, 2 Absent
 * Subscriber - Temporary, 6 Anti-Spam Rejection, 8 Network Error…) does not say which code goes
 * with which status: these pairs are the sandbox's guess, and `accepted`/`buffered`, not errors
 * yet, keep 0.
 */
const ERR_CODES: Readonly<Record<ReceiptStatus, string>> = {
  delivered: '0',
  expired: '2',
  failed: '8',
  rejected: '6',
  accepted: '0',
  buffered: '0',
  unknown: '1',
};

export interface SmsWebhooks {
  sendInboundSms(input: InboundSmsInput): Promise<InboundSmsResult>;
  sendSms(input: SendSmsInput): SentSms;
  /** Back to the first concat-ref, so a replayed run shuffles its parts the same way. */
  reset(): void;
}

export function createSmsWebhooks(
  webhooks: Webhooks,
  accounts: Accounts,
  numbers: NumbersState,
): SmsWebhooks {
  let lastRef = 0;
  const nextRef = () => (lastRef = (lastRef % 255) + 1);

  const sendInboundSms = async (input: InboundSmsInput): Promise<InboundSmsResult> => {
    const { to, from, text, parts, duplicate } = readInbound(input);
    const record = numbers.owned.get(to);
    if (!record) throw new WebhookRefusal(404, `No account owns ${to}`);
    const url = record.moHttpUrl || accounts.account.moCallbackUrl;
    if (!url) {
      throw new WebhookRefusal(
        409,
        `Neither ${to}'s moHttpUrl nor the account's moCallbackUrl is set`,
      );
    }
    const type = smsType(text);
    const texts = splitText(text, type, parts);
    const ref = texts.length > 1 ? nextRef() : 0;
    const messages: Delivery[] = [];
    for (const part of ref === 0 ? [1] : sendingOrder(texts.length, ref)) {
      const partText = texts[part - 1] ?? '';
      const at = new Date();
      const fields: Record<string, string> = {
        'api-key': record.owner ?? accounts.primaryKey,
        msisdn: from,
        to,
        messageId: newMessageId(),
        text: partText,
        type,
        // Guess: each part's own first word, since each part is a webhook of its own.
        keyword: keywordOf(partText),
        'message-timestamp': vonageTime(at),
      };
      if (ref !== 0) {
        fields.concat = 'true';
        fields['concat-ref'] = String(ref);
        fields['concat-total'] = String(texts.length);
        fields['concat-part'] = String(part);
      }
      // Signed once: a duplicate is the very same webhook, nonce and sig included.
      const signed = webhooks.sign(fields, at);
      for (let copy = duplicate ? 2 : 1; copy > 0; copy -= 1) {
        messages.push(await webhooks.deliver('inbound-sms', url, signed));
      }
    }
    return { url, messages };
  };

  const sendSms = (input: SendSmsInput): SentSms => {
    const { from, to, status, clientRef } = readOutbound(input);
    const owner = MSISDN.test(from) ? numbers.owned.get(from) : undefined;
    if (MSISDN.test(from) && !owner) throw new WebhookRefusal(404, `No account owns ${from}`);
    const apiKey = owner?.owner ?? accounts.primaryKey;
    const network = recipientNetwork(to);
    const messageId = newMessageId();
    const balance = accounts.ownBalance(apiKey) ?? accounts.account.balance;
    const url = accounts.account.drCallbackUrl;
    if (url) {
      webhooks.later(async () => {
        const at = new Date();
        const fields: Record<string, string> = {
          msisdn: to,
          to: from,
          'network-code': network.code,
          messageId,
          price: network.price,
          status,
          scts: scts(at),
          'err-code': ERR_CODES[status],
          'api-key': apiKey,
          ...(clientRef === undefined ? {} : { 'client-ref': clientRef }),
          'message-timestamp': vonageTime(at),
        };
        await webhooks.deliver('delivery-receipt', url, webhooks.sign(fields, at));
      });
    }
    return {
      messageId,
      'message-count': '1',
      messages: [
        {
          to,
          'message-id': messageId,
          status: '0',
          'remaining-balance': normalizeAmount(balance),
          'message-price': network.price,
          network: network.code,
        },
      ],
      receiptUrl: url || null,
    };
  };

  return {
    sendInboundSms,
    sendSms,
    reset: () => {
      lastRef = 0;
    },
  };
}

/**
 * The recipient's network as the price list has it: its country (libphonenumber-js, else the
 * first country of its calling code), then the network whose number range it falls in, else the
 * country's first mobile network.
 */
function recipientNetwork(msisdn: string): { code: string; price: string } {
  const parsed = parsePhoneNumberFromString(`+${msisdn}`);
  const countries = catalogue('sms').filter((country) =>
    parsed?.country
      ? country.code === parsed.country
      : country.dialingPrefix === parsed?.countryCallingCode,
  );
  const networks = countries.flatMap((country) => country.networks);
  const network =
    networks.find((entry) => entry.ranges?.some((range) => msisdn.startsWith(String(range)))) ??
    networks.find((entry) => entry.type === 'mobile') ??
    networks[0];
  if (!network) throw new WebhookRefusal(400, `to ${msisdn} has no known country calling code`);
  return { code: network.networkCode, price: formatAmount(network.units) };
}

/** 16 upper-case hex digits, like Vonage's `0B00000127FDBC63`. */
function newMessageId(): string {
  return randomBytes(8).toString('hex').toUpperCase();
}

/** `YYYY-MM-DD HH:MM:SS`, UTC. */
function vonageTime(at: Date): string {
  return at.toISOString().slice(0, 19).replace('T', ' ');
}

/** `YYMMDDHHMM`, UTC: when the carrier's receipt came. */
function scts(at: Date): string {
  const iso = at.toISOString();
  return `${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}`;
}
