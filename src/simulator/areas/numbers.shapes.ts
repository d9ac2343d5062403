import { type InvalidParameter, type Reply } from '../area';
import { type Payload } from '../render';
import { type Feature, type PoolNumber } from './numbers.data';

/** How the sandbox answers a number, owned or available, and reads the paging parameters. */

export type VoiceCallbackType = 'sip' | 'tel' | 'app';

/** An owned number: the pool entry and what `update` set on it. Absent fields are unset. */
export interface OwnedNumber extends PoolNumber {
  /** The sub-account that owns it; absent for the primary's numbers. */
  owner?: string;
  moHttpUrl?: string;
  moSmppSysType?: string;
  /** The linked application, reported as `app_id` and as the messages callback. */
  appId?: string;
  voiceCallbackType?: VoiceCallbackType;
  voiceCallbackValue?: string;
  voiceStatusCallback?: string;
}

export interface Paging {
  /** Digits to look for in the msisdn; absent matches every number. */
  pattern?: string;
  /** 0 starts with (Vonage's default), 1 contains, 2 ends with. */
  searchPattern: 0 | 1 | 2;
  size: number;
  /** 1-based page number, not an offset. */
  index: number;
}

const DIGITS = /^\d+$/;
const MAX_SIZE = 100;

export function readPaging(query: URLSearchParams): Paging | InvalidParameter[] {
  const invalid: InvalidParameter[] = [];
  const pattern = query.get('pattern') || undefined;
  if (pattern !== undefined && !DIGITS.test(pattern)) {
    invalid.push({ name: 'pattern', reason: 'Must be digits in E.164 form, such as 4477.' });
  }
  const searchPattern = query.get('search_pattern') ?? '0';
  if (!['0', '1', '2'].includes(searchPattern)) {
    const reason = 'Must be 0 (starts with), 1 (contains) or 2 (ends with).';
    invalid.push({ name: 'search_pattern', reason });
  }
  const size = wholeNumber(query.get('size'), 10);
  if (size === undefined || size < 1 || size > MAX_SIZE) {
    invalid.push({ name: 'size', reason: `Must be a whole number from 1 to ${MAX_SIZE}.` });
  }
  const index = wholeNumber(query.get('index'), 1);
  if (index === undefined || index < 1) {
    invalid.push({ name: 'index', reason: 'Must be a page number of 1 or more.' });
  }
  if (invalid.length > 0 || size === undefined || index === undefined) return invalid;
  return { pattern, searchPattern: Number(searchPattern) as Paging['searchPattern'], size, index };
}

export function matchesPattern(msisdn: string, paging: Paging): boolean {
  const { pattern, searchPattern } = paging;
  if (pattern === undefined) return true;
  if (searchPattern === 0) return msisdn.startsWith(pattern);
  if (searchPattern === 1) return msisdn.includes(pattern);
  return msisdn.endsWith(pattern);
}

/**
 * One page of a list, with `count` the total over all pages. A page with nothing on it is `{}`,
 * with neither `count` nor `numbers`, as Vonage answers it.
 */
export function pageReply<T>(
  items: readonly T[],
  paging: Paging,
  count: (total: number) => Payload,
  shape: (item: T) => Record<string, Payload>,
): Reply {
  const start = (paging.index - 1) * paging.size;
  const page = items.slice(start, start + paging.size).map(shape);
  if (page.length === 0) return { status: 200, xmlRoot: 'inbound-numbers', body: {} };
  return {
    status: 200,
    xmlRoot: 'inbound-numbers',
    body: { count: count(items.length), numbers: page },
    xmlBody: { count: String(items.length), numbers: page.map(xmlRecord) },
  };
}

export function ownedRecord(owned: OwnedNumber): Record<string, Payload> {
  const record: Record<string, Payload> = { country: owned.country, msisdn: owned.msisdn };
  if (owned.moHttpUrl !== undefined) record.moHttpUrl = owned.moHttpUrl;
  record.type = owned.type;
  record.features = [...owned.features];
  if (owned.appId !== undefined) {
    record.messagesCallbackType = 'app';
    record.messagesCallbackValue = owned.appId;
  }
  if (owned.voiceCallbackType !== undefined && owned.voiceCallbackValue !== undefined) {
    record.voiceCallbackType = owned.voiceCallbackType;
    record.voiceCallbackValue = owned.voiceCallbackValue;
  }
  if (owned.voiceStatusCallback !== undefined) {
    record.voiceStatusCallback = owned.voiceStatusCallback;
  }
  if (owned.appId !== undefined) record.app_id = owned.appId;
  return record;
}

export function availableRecord(entry: PoolNumber): Record<string, Payload> {
  const { country, msisdn, type, cost } = entry;
  return { country, msisdn, type, cost, features: [...entry.features] };
}

/** Whether the number has every feature asked for (`SMS,VOICE` matches VOICE+SMS+MMS). */
export function hasFeatures(features: readonly Feature[], asked: string): boolean {
  return asked.split(',').every((feature) => features.includes(feature as Feature));
}

/**
 * The XML form of a record: names in kebab-case (`mo-http-url`, `app-id`) and the feature list
 * wrapped as `<features><feature>SMS</feature>...</features>`.
 */
function xmlRecord(record: Record<string, Payload>): Payload {
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => [
      kebab(key),
      key === 'features' ? { feature: value } : value,
    ]),
  );
}

function kebab(name: string): string {
  return name.replace(/_/g, '-').replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

function wholeNumber(raw: string | null, fallback: number): number | undefined {
  if (raw === null) return fallback;
  return DIGITS.test(raw) ? Number(raw) : undefined;
}
