import { type CallScope } from '../call-scope';
import { parseDecimal } from '../decimal';
import { type XmlList } from '../upstream/decode';
import { type Body, FieldError, asRecord, optionalInt, optionalString } from '../upstream/fields';
import { type UpstreamTransport } from '../upstream/transport';
import { NumberFeature, NumberType, type PatternMatch } from './numbers.type';

const AREA = 'numbers';

/** Both list answers: repeated `<numbers>` under the root, features wrapped in `<features>`. */
const NUMBER_LISTS: readonly XmlList[] = [
  { at: 'numbers' },
  { at: 'numbers.features', item: 'feature' },
];

type Feature = NumberFeature;
const FEATURES: readonly Feature[] = [NumberFeature.SMS, NumberFeature.VOICE, NumberFeature.MMS];

/**
 * The spelling the search endpoint accepts for each combination (numbers.yml): it refuses any
 * other order, and the triple is SMS,MMS,VOICE, not SMS,VOICE,MMS.
 */
const CANONICAL_FEATURES: readonly string[] = [
  'SMS',
  'VOICE',
  'MMS',
  'SMS,VOICE',
  'SMS,MMS',
  'VOICE,MMS',
  'SMS,MMS,VOICE',
];

/** The upstream's spelling of a set of features, whatever order the caller gave. */
export function canonicalFeatures(features: readonly Feature[]): string | undefined {
  const wanted = new Set(features);
  if (wanted.size === 0) return undefined;
  return CANONICAL_FEATURES.find((combination) => {
    const parts = combination.split(',');
    return parts.length === wanted.size && parts.every((part) => wanted.has(part as Feature));
  });
}

const SEARCH_PATTERN: Record<PatternMatch, number> = { STARTS_WITH: 0, CONTAINS: 1, ENDS_WITH: 2 };

export interface Callback {
  /** sip, tel or app (voice); app (messages). */
  type: string;
  value: string;
}

interface NumberRecordBase {
  /** E.164 digits, no +. */
  msisdn: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
  type: NumberType;
  /** The upstream's own word: mobile-lvn, landline, landline-toll-free, or a new one. */
  upstreamType: string;
  features: Feature[];
}

/** How the upstream spells each type (the older search answer says `mobile`). */
const TYPES: Readonly<Record<string, NumberType>> = {
  landline: NumberType.LANDLINE,
  'mobile-lvn': NumberType.MOBILE_LVN,
  mobile: NumberType.MOBILE_LVN,
  'landline-toll-free': NumberType.LANDLINE_TOLL_FREE,
};

/** The upstream spelling of a type, for the search filter. */
export const UPSTREAM_TYPE: Readonly<Record<NumberType, string | undefined>> = {
  [NumberType.LANDLINE]: 'landline',
  [NumberType.MOBILE_LVN]: 'mobile-lvn',
  [NumberType.LANDLINE_TOLL_FREE]: 'landline-toll-free',
  [NumberType.OTHER]: undefined,
};

export interface OwnedNumberRecord extends NumberRecordBase {
  moHttpUrl: string | null;
  /** The Application linked to the number. */
  applicationId: string | null;
  voiceCallback: Callback | null;
  voiceStatusCallback: string | null;
  messagesCallback: Callback | null;
}

export interface AvailableNumberRecord extends NumberRecordBase {
  /** Monthly rental, exact decimal, in the account's currency. */
  monthlyCost: string | null;
}

export interface Page<T> {
  /** Matches across every page. */
  count: number;
  numbers: T[];
}

export interface OwnedFilter {
  country?: string;
  pattern?: string;
  patternMatch?: PatternMatch;
  applicationId?: string;
  hasApplication?: boolean;
}

export interface SearchFilter {
  country: string;
  type?: NumberType;
  features?: readonly Feature[];
  pattern?: string;
  patternMatch?: PatternMatch;
}

export interface Paging {
  /** 1-based page number, as the upstream's `index`. */
  page: number;
  /** 1 to 100. */
  pageSize: number;
}

export interface NumberTarget {
  country: string;
  msisdn: string;
  /** A sub-account's API key, to act on its numbers. */
  targetApiKey?: string;
}

export interface NumberChange extends Omit<NumberTarget, 'targetApiKey'> {
  applicationId?: string;
  /** '' removes the webhook. */
  moHttpUrl?: string;
  voiceCallback?: Callback;
  voiceStatusCallback?: string;
}

/** A field in the JSON spelling or the XML's kebab-case one. */
function field(body: Body, camel: string): string | null {
  const kebab = camel.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
  for (const name of camel === kebab ? [camel] : [camel, kebab]) {
    const value = optionalString(body, name);
    if (value !== undefined && value.trim() !== '') return value.trim();
  }
  return null;
}

function callback(body: Body, prefix: string): Callback | null {
  const type = field(body, `${prefix}CallbackType`);
  const value = field(body, `${prefix}CallbackValue`);
  return type && value ? { type, value } : null;
}

function readBase(body: Body): NumberRecordBase {
  const msisdn = field(body, 'msisdn');
  const country = field(body, 'country');
  if (!msisdn || !country) throw new FieldError('a number lacks its msisdn or country');
  const raw = body.features;
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : [];
  const upstreamType = field(body, 'type') ?? '';
  return {
    msisdn,
    country: country.toUpperCase(),
    type: TYPES[upstreamType.toLowerCase()] ?? NumberType.OTHER,
    upstreamType,
    features: FEATURES.filter((feature) => list.map(String).includes(feature)),
  };
}

function readOwned(raw: unknown): OwnedNumberRecord {
  const body = asRecord(raw);
  const messagesCallback = callback(body, 'messages');
  return {
    ...readBase(body),
    moHttpUrl: field(body, 'moHttpUrl'),
    applicationId:
      field(body, 'appId') ??
      field(body, 'app_id') ??
      (messagesCallback?.type === 'app' ? messagesCallback.value : null),
    voiceCallback: callback(body, 'voice'),
    voiceStatusCallback: field(body, 'voiceStatusCallback'),
    messagesCallback,
  };
}

function readAvailable(raw: unknown): AvailableNumberRecord {
  const body = asRecord(raw);
  const cost = field(body, 'cost');
  return { ...readBase(body), monthlyCost: cost === null ? null : parseDecimal(cost) };
}

/** `{}` is an empty page (no count, no numbers); `count` comes as a number or a string. */
function readPage<T>(read: (raw: unknown) => T) {
  return (body: Body): Page<T> => {
    const raw = body.numbers ?? [];
    if (!Array.isArray(raw)) throw new FieldError('field "numbers" is not a list');
    const numbers = raw.map(read);
    return { count: optionalInt(body, 'count') ?? numbers.length, numbers };
  };
}

function patternParams(filter: { pattern?: string; patternMatch?: PatternMatch }) {
  if (!filter.pattern) return {};
  return {
    pattern: filter.pattern,
    search_pattern: SEARCH_PATTERN[filter.patternMatch ?? ('STARTS_WITH' as PatternMatch)],
  };
}

/** Vonage's Numbers API: owned numbers, search, buy, cancel and update. */
export class NumbersClient {
  constructor(private readonly transport: UpstreamTransport) {}

  listOwned(
    filter: OwnedFilter,
    paging: Paging,
    scope: CallScope = {},
  ): Promise<Page<OwnedNumberRecord>> {
    return this.transport.call(
      {
        ...scope,
        area: AREA,
        method: 'GET',
        path: '/account/numbers',
        operation: 'getOwnedNumbers',
        query: {
          country: filter.country,
          ...patternParams(filter),
          application_id: filter.applicationId,
          has_application: filter.hasApplication,
          size: paging.pageSize,
          index: paging.page,
        },
        xmlLists: NUMBER_LISTS,
      },
      readPage(readOwned),
    );
  }

  search(
    filter: SearchFilter,
    paging: Paging,
    scope: CallScope = {},
  ): Promise<Page<AvailableNumberRecord>> {
    return this.transport.call(
      {
        ...scope,
        area: AREA,
        method: 'GET',
        path: '/number/search',
        operation: 'getAvailableNumbers',
        query: {
          country: filter.country,
          type: filter.type && UPSTREAM_TYPE[filter.type],
          features: canonicalFeatures(filter.features ?? []),
          ...patternParams(filter),
          size: paging.pageSize,
          index: paging.page,
        },
        xmlLists: NUMBER_LISTS,
      },
      readPage(readAvailable),
    );
  }

  /** Answers nothing on success. Never retried: a second send could buy twice. */
  async buy(target: NumberTarget): Promise<void> {
    await this.post('/number/buy', 'buyNumber', target);
  }

  /** Answers nothing on success. Never retried. */
  async cancel(target: NumberTarget): Promise<void> {
    await this.post('/number/cancel', 'cancelNumber', target);
  }

  async update(change: NumberChange): Promise<void> {
    await this.transport.request({
      area: AREA,
      method: 'POST',
      path: '/number/update',
      operation: 'updateNumber',
      form: {
        country: change.country,
        msisdn: change.msisdn,
        app_id: change.applicationId,
        moHttpUrl: change.moHttpUrl,
        voiceCallbackType: change.voiceCallback?.type,
        voiceCallbackValue: change.voiceCallback?.value,
        voiceStatusCallback: change.voiceStatusCallback,
      },
    });
  }

  private async post(path: string, operation: string, target: NumberTarget): Promise<void> {
    await this.transport.request({
      area: AREA,
      method: 'POST',
      path,
      operation,
      form: {
        country: target.country,
        msisdn: target.msisdn,
        target_api_key: target.targetApiKey,
      },
    });
  }
}
