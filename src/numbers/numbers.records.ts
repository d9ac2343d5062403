import { parseDecimal } from '../base/decimal';
import { type Body, FieldError, asRecord, optionalInt, optionalString } from '../upstream/fields';
import { NumberFeature, NumberType } from './numbers.type';

/**
 * What the Numbers API answers, as the gateway holds it: the records of owned and available
 * numbers and their pages, read from JSON or XML bodies (field names in either spelling).
 */

type Feature = NumberFeature;
const FEATURES: readonly Feature[] = [NumberFeature.SMS, NumberFeature.VOICE, NumberFeature.MMS];

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

export function readOwned(raw: unknown): OwnedNumberRecord {
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

export function readAvailable(raw: unknown): AvailableNumberRecord {
  const body = asRecord(raw);
  const cost = field(body, 'cost');
  return { ...readBase(body), monthlyCost: cost === null ? null : parseDecimal(cost) };
}

/** `{}` is an empty page (no count, no numbers); `count` comes as a number or a string. */
export function readPage<T>(read: (raw: unknown) => T) {
  return (body: Body): Page<T> => {
    const raw = body.numbers ?? [];
    if (!Array.isArray(raw)) throw new FieldError('field "numbers" is not a list');
    const numbers = raw.map(read);
    return { count: optionalInt(body, 'count') ?? numbers.length, numbers };
  };
}
