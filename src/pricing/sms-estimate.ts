import { LRUCache } from 'lru-cache';
import { SegmentedMessage } from 'sms-segments-calculator';
import { MIN_SCALE, fromUnits, scaleOf, toUnits } from './amounts';
import { parseMsisdn } from './msisdn';
import { type NumberPrice, UnpricedReason, priceNumber } from './number-pricing';
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
 * listed with the reason, in the order given, and count in no total. A list has few distinct
 * prices, so each is converted to integer units and each cost formatted once per call.
 */
export function estimateSms(
  catalogue: readonly CountryPricingRecord[],
  text: string,
  to: readonly string[],
): SmsEstimate {
  const segmentation = segment(text);
  const priced: NumberPrice[] = [];
  const unpriced: UnpricedRecipient[] = [];
  for (const given of to) {
    const number = parseMsisdn(given);
    const result = number.valid ? priceNumber(catalogue, number) : undefined;
    if (result === undefined) {
      unpriced.push({ msisdn: given, reason: UnpricedReason.INVALID_NUMBER });
    } else if ('unpriced' in result) {
      unpriced.push({ msisdn: given, reason: result.unpriced });
    } else {
      priced.push(result);
    }
  }
  const prices = new Set(priced.flatMap(({ minPrice, maxPrice }) => [minPrice, maxPrice]));
  const scale = [...prices].reduce((widest, price) => Math.max(widest, scaleOf(price)), MIN_SCALE);
  const segments = BigInt(segmentation.segments);
  const costs = new Map(
    [...prices].map((price) => {
      const units = toUnits(price, scale) * segments;
      return [price, { units, text: fromUnits(units, scale) }];
    }),
  );
  let minTotal = 0n;
  let maxTotal = 0n;
  let exact = true;
  const recipients = priced.map((recipient): RecipientCost => {
    const min = costs.get(recipient.minPrice)!;
    const max = costs.get(recipient.maxPrice)!;
    minTotal += min.units;
    maxTotal += max.units;
    if (recipient.price === null) exact = false;
    return {
      msisdn: recipient.msisdn,
      record: recipient.record,
      match: recipient.match,
      range: recipient.range,
      networkIndex: recipient.networkIndex,
      price: recipient.price,
      minPrice: recipient.minPrice,
      maxPrice: recipient.maxPrice,
      cost: recipient.price === null ? null : min.text,
      minCost: min.text,
      maxCost: max.text,
    };
  });
  return {
    ...segmentation,
    recipients,
    unpriced,
    currency: priced.find((recipient) => recipient.record.currency)?.record.currency ?? null,
    total: exact ? fromUnits(minTotal, scale) : null,
    minTotal: fromUnits(minTotal, scale),
    maxTotal: fromUnits(maxTotal, scale),
  };
}
