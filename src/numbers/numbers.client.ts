import { type CallScope } from '../base/call-scope';
import { type XmlList } from '../upstream/decode';
import { type UpstreamTransport } from '../upstream/transport';
import {
  type AvailableNumberRecord,
  type Callback,
  type OwnedNumberRecord,
  type Page,
  readAvailable,
  readOwned,
  readPage,
} from './numbers.records';
import { type NumberFeature, NumberType, type PatternMatch } from './numbers.type';

const AREA = 'numbers';

/** Both list answers: repeated `<numbers>` under the root, features wrapped in `<features>`. */
const NUMBER_LISTS: readonly XmlList[] = [
  { at: 'numbers' },
  { at: 'numbers.features', item: 'feature' },
];

type Feature = NumberFeature;

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

/** The upstream spelling of a type, for the search filter. */
export const UPSTREAM_TYPE: Readonly<Record<NumberType, string | undefined>> = {
  [NumberType.LANDLINE]: 'landline',
  [NumberType.MOBILE_LVN]: 'mobile-lvn',
  [NumberType.LANDLINE_TOLL_FREE]: 'landline-toll-free',
  [NumberType.OTHER]: undefined,
};

export interface OwnedFilter {
  /**
   * A sub-account's API key: its numbers, read with that key and this account's secret (which
   * Vonage accepts for the account's sub-accounts). Absent: this account's own.
   */
  account?: string;
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
        apiKey: filter.account,
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
