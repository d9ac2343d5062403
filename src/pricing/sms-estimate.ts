import { LRUCache } from 'lru-cache';
import { SegmentedMessage } from 'sms-segments-calculator';
import { multiply, sum } from './amounts';
import { parseMsisdn } from './msisdn';
import { type NumberPrice, PriceMatch, UnpricedReason, priceNumber } from './number-pricing';
import { type CountryPricingRecord } from './pricing.client';

export enum SmsEncoding {
  GSM_7 = 'GSM_7',
  UCS_2 = 'UCS_2',
}

/** How a text is sent: its encoding and how many segments (billed messages) it takes. */
export interface SmsSegmentation {
  encoding: SmsEncoding;
  segments: number;
  /** As the segment counter counts: GSM-7 septets (€, [, ] … count 2), or UCS-2 graphemes. */
  characters: number;
  /** The characters GSM-7 cannot carry, each once, in order of appearance. */
  unicodeCharacters: string[];
}

/**
 * Twilio's segment counter (sms-segments-calculator) takes about a millisecond for 160
 * characters and more for long texts; a bulk estimate is usually asked again with the same text,
 * so answers are kept, a bounded number of them.
 */
const segmentations = new LRUCache<string, SmsSegmentation>({ max: 1_000 });

/** Encoding and segments as Twilio's counter works them out (no Smart Encoding, auto encoding). */
export function segment(text: string): SmsSegmentation {
  const cached = segmentations.get(text);
  if (cached) return cached;
  const message = new SegmentedMessage(text);
  const result: SmsSegmentation = {
    encoding: message.encodingName === 'UCS-2' ? SmsEncoding.UCS_2 : SmsEncoding.GSM_7,
    segments: message.segmentsCount,
    characters: message.numberOfCharacters,
    unicodeCharacters: [...new Set(message.getNonGsmCharacters())],
  };
  segmentations.set(text, result);
  return result;
}

export interface RecipientCost extends NumberPrice {
  /** unit price × segments, exact; null when only the country is known. */
  cost: string | null;
  minCost: string;
  maxCost: string;
}

export interface UnpricedRecipient {
  /** The number as it was given. */
  msisdn: string;
  reason: UnpricedReason;
}

export interface SmsEstimate extends SmsSegmentation {
  recipients: RecipientCost[];
  unpriced: UnpricedRecipient[];
  currency: string | null;
  /** The exact total when every priced recipient matched a network; else null. */
  total: string | null;
  minTotal: string;
  maxTotal: string;
}

/**
 * What sending `text` once to each of `to` costs, from one full catalogue: each recipient priced
 * as numberPricing prices a number, times the segments. Recipients that cannot be priced are
 * listed with the reason, in the order given, and count in no total.
 */
export function estimateSms(
  catalogue: readonly CountryPricingRecord[],
  text: string,
  to: readonly string[],
): SmsEstimate {
  const segmentation = segment(text);
  const { segments } = segmentation;
  const recipients: RecipientCost[] = [];
  const unpriced: UnpricedRecipient[] = [];
  for (const given of to) {
    const number = parseMsisdn(given);
    if (!number.valid) {
      unpriced.push({ msisdn: given, reason: UnpricedReason.INVALID_NUMBER });
      continue;
    }
    const priced = priceNumber(catalogue, number);
    if ('unpriced' in priced) {
      unpriced.push({ msisdn: given, reason: priced.unpriced });
      continue;
    }
    const minCost = multiply(priced.minPrice, segments);
    recipients.push({
      ...priced,
      cost: priced.price === null ? null : minCost,
      minCost,
      maxCost: priced.price === null ? multiply(priced.maxPrice, segments) : minCost,
    });
  }
  const exact = recipients.every((recipient) => recipient.match === PriceMatch.NETWORK);
  const minTotal = sum(recipients.map((recipient) => recipient.minCost));
  return {
    ...segmentation,
    recipients,
    unpriced,
    currency: recipients.find((recipient) => recipient.record.currency)?.record.currency ?? null,
    total: exact ? minTotal : null,
    minTotal,
    maxTotal: exact ? minTotal : sum(recipients.map((recipient) => recipient.maxCost)),
  };
}
