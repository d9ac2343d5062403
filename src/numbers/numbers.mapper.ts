import { badUserInput } from '../kernel/errors';
import { countryCode } from '../kernel/validation';
import {
  type NumberChange,
  type NumberTarget,
  type OwnedFilter,
  type SearchFilter,
} from './numbers.client';
import { type Page } from './numbers.records';
import {
  type AvailableNumbersArgs,
  type BuyNumberInput,
  type NumberTargetInput,
  type OwnedNumbersArgs,
  type UpdateNumberInput,
  VoiceCallbackType,
} from './numbers.args';
import { type BuyRequest } from './numbers.service';
import { type ConnectionOf, type PagingArgs } from '../kernel/connection';

/** From arguments to what the numbers service takes, and from its pages to connections. */

export function toConnection<T>(page: Page<T>, paging: PagingArgs): ConnectionOf<T> {
  return {
    nodes: page.numbers,
    totalCount: page.count,
    page: paging.page,
    pageSize: paging.pageSize,
    hasNextPage: paging.page * paging.pageSize < page.count && page.numbers.length > 0,
  };
}

export function ownedFilter(args: OwnedNumbersArgs): OwnedFilter {
  const filter = args.filter ?? {};
  return {
    country:
      filter.country === null || filter.country === undefined
        ? undefined
        : countryCode(filter.country, 'filter.country'),
    pattern: filter.pattern ?? undefined,
    patternMatch: filter.patternMatch ?? undefined,
    applicationId: filter.applicationId ?? undefined,
    hasApplication: filter.hasApplication ?? undefined,
  };
}

export function searchFilter(args: AvailableNumbersArgs): SearchFilter {
  return {
    country: countryCode(args.country, 'country'),
    type: args.type ?? undefined,
    features: args.features ?? undefined,
    pattern: args.pattern ?? undefined,
    patternMatch: args.patternMatch ?? undefined,
  };
}

export function numberTarget(input: NumberTargetInput): NumberTarget {
  return {
    country: countryCode(input.country, 'input.country'),
    msisdn: input.msisdn,
    targetApiKey: input.targetApiKey ?? undefined,
  };
}

export function buyRequest(input: BuyNumberInput): BuyRequest {
  return { ...numberTarget(input), maxMonthlyCost: input.maxMonthlyCost ?? undefined };
}

const VOICE_VALUE: Record<VoiceCallbackType, [RegExp, string]> = {
  [VoiceCallbackType.SIP]: [/^sips?:\S+$/i, 'must be a SIP URI such as sip:user@example.com'],
  [VoiceCallbackType.TEL]: [/^\d{7,15}$/, 'must be an E.164 number of 7 to 15 digits, without +'],
  [VoiceCallbackType.APP]: [/^[0-9a-f-]{36}$/i, 'must be an Application ID (a UUID)'],
};

/**
 * The change asked for: BAD_USER_INPUT when the voice callback's value does not fit its type, or
 * when nothing is to change.
 */
export function numberChange(input: UpdateNumberInput): NumberChange {
  const voice = input.voiceCallback ?? undefined;
  if (voice) {
    const [rule, message] = VOICE_VALUE[voice.type];
    if (!rule.test(voice.value)) throw badUserInput('input.voiceCallback.value', message);
  }
  const change: NumberChange = {
    country: countryCode(input.country, 'input.country'),
    msisdn: input.msisdn,
    applicationId: input.applicationId ?? undefined,
    moHttpUrl: input.moHttpUrl ?? undefined,
    voiceCallback: voice && { type: voice.type, value: voice.value },
    voiceStatusCallback: input.voiceStatusCallback ?? undefined,
  };
  const given = Object.entries(change).filter(
    ([key, value]) => key !== 'country' && key !== 'msisdn' && value !== undefined,
  );
  if (given.length === 0) {
    throw badUserInput(
      'input',
      'give at least one of applicationId, moHttpUrl, voiceCallback, voiceStatusCallback',
    );
  }
  return change;
}
