import { ValidateBy, type ValidationOptions } from 'class-validator';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { LRUCache } from 'lru-cache';

/** What one phone number says about itself, before any price is looked at. */
export type ParsedMsisdn =
  | {
      valid: true;
      /** E.164 digits without the +, as Vonage spells an msisdn: 447700900123. */
      msisdn: string;
      /** ISO 3166-1 alpha-2, from the dialling prefix; null for non-geographic codes (+800, +882…). */
      country: string | null;
    }
  | { valid: false };

/**
 * Separators people type inside numbers, dropped before parsing: spaces, dots, hyphens and
 * parentheses. Anything else (letters, a national 0 prefix without a country) is refused.
 */
const SEPARATORS = /[\s.()-]/g;
const SHAPE = /^\+?[1-9][0-9]{5,14}$/;

export const MSISDN_MESSAGE =
  'must be a phone number in international format with its country code, like +447400123456';

/** True when the text looks like an international number at all (digits, optional +, 6–15). */
export function looksLikeMsisdn(text: unknown): text is string {
  return typeof text === 'string' && text.length <= 32 && SHAPE.test(text.replace(SEPARATORS, ''));
}

/**
 * Parsed numbers, shared by every request: a bulk estimate for 10 000 recipients spends most of
 * its time in libphonenumber, and the same lists are sent again and again. Bounded, so a caller
 * cannot grow it; an entry is a few dozen bytes.
 */
const parsed = new LRUCache<string, ParsedMsisdn>({ max: 50_000 });

/**
 * The number's digits and country, as libphonenumber-js (full metadata, the package the sandbox
 * uses) reads them: valid means the number is in a range its country allocates, not only of a
 * possible length.
 */
export function parseMsisdn(text: string): ParsedMsisdn {
  if (!looksLikeMsisdn(text)) return { valid: false };
  const cached = parsed.get(text);
  if (cached) return cached;
  const digits = text.replace(SEPARATORS, '').replace(/^\+/, '');
  const number = parsePhoneNumberFromString(`+${digits}`);
  const result: ParsedMsisdn = number?.isValid()
    ? { valid: true, msisdn: digits, country: number.country ?? null }
    : { valid: false };
  parsed.set(text, result);
  return result;
}

/** A valid international phone number (libphonenumber-js), any usual separators allowed. */
export function IsMsisdn(options: ValidationOptions = {}): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isMsisdn',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseMsisdn(value).valid,
      },
    },
    { message: MSISDN_MESSAGE, ...options },
  );
}

/** The shape of an international number only: its validity is judged per recipient, later. */
export function LooksLikeMsisdn(options: ValidationOptions = {}): PropertyDecorator {
  return ValidateBy(
    { name: 'looksLikeMsisdn', validator: { validate: looksLikeMsisdn } },
    { message: `each value ${MSISDN_MESSAGE}`, ...options },
  );
}
