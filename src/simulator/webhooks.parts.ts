import { seededRandom } from './areas/numbers.digits';
/**
 * How an SMS text travels: GSM 03.38 (`text`) or UCS-2 (`unicode`), and the parts a long one is cut
 * into. A single GSM message holds 160 septets, a part of a concatenated one 153 (the UDH takes
 * the rest); UCS-2 holds 70 and 67 UTF-16 units. An extension character (`€`, `[`) takes two
 * septets and is never cut from its escape, nor a surrogate pair split.
 */

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '\f^{}\\[~]|€';
const basic = new Set(GSM_BASIC);
const extension = new Set(GSM_EXTENSION);

export type SmsType = 'text' | 'unicode';

export function smsType(text: string): SmsType {
  return [...text].every((char) => basic.has(char) || extension.has(char)) ? 'text' : 'unicode';
}

/** Septets for `text`, UTF-16 units for `unicode`. */
function size(char: string, type: SmsType): number {
  if (type === 'unicode') return char.length;
  return extension.has(char) ? 2 : 1;
}

/**
 * The parts Vonage would deliver: one when the text fits a single message, otherwise as many
 * full parts as it takes. `count` forces that many parts of near-equal length instead (at least
 * one character each), for a receiver test that wants a concatenated message of a known size.
 */
export function splitText(text: string, type: SmsType, count?: number): string[] {
  const chars = [...text];
  if (count !== undefined) return evenParts(chars, count);
  const single = type === 'text' ? 160 : 70;
  const perPart = type === 'text' ? 153 : 67;
  const total = chars.reduce((sum, char) => sum + size(char, type), 0);
  if (total <= single) return [text];
  const parts: string[] = [];
  let current = '';
  let used = 0;
  for (const char of chars) {
    const needed = size(char, type);
    if (used + needed > perPart) {
      parts.push(current);
      current = '';
      used = 0;
    }
    current += char;
    used += needed;
  }
  if (current !== '') parts.push(current);
  return parts;
}

function evenParts(chars: readonly string[], count: number): string[] {
  const parts: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const start = Math.floor((index * chars.length) / count);
    const end = Math.floor(((index + 1) * chars.length) / count);
    parts.push(chars.slice(start, end).join(''));
  }
  return parts;
}

/**
 * The order the parts leave in: a shuffle seeded by `seed`, so a run can be replayed, and never
 * 1, 2, 3… for two parts or more, so a receiver that does not reorder by `concat-part` fails.
 */
export function sendingOrder(total: number, seed: number): number[] {
  const order = Array.from({ length: total }, (_, index) => index + 1);
  const random = seededRandom(seed);
  for (let index = total - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [order[index], order[other]] = [order[other] as number, order[index] as number];
  }
  if (total > 1 && order.every((part, index) => part === index + 1)) order.push(order.shift() ?? 1);
  return order;
}

/** The first word, upper-cased, as Vonage's `keyword` field. */
export function keywordOf(text: string): string {
  return (text.trim().split(/\s+/)[0] ?? '').toUpperCase();
}
