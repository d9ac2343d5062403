import { parseDecimal } from '../base/decimal';

/**
 * Prices as integer units of 10^-scale (BigInt), for exact sums and products: money never passes
 * through a float. Prices are Vonage's decimal texts ("0.03330000"); answers keep their scale.
 */

/** Vonage prices have eight decimal places; an answer never shows fewer. */
export const MIN_SCALE = 8;

export function scaleOf(decimal: string): number {
  return decimal.split('.')[1]?.length ?? 0;
}

export function toUnits(decimal: string, scale: number): bigint {
  const plain = parseDecimal(decimal);
  if (plain === null) throw new TypeError(`not a decimal: ${decimal}`);
  const negative = plain.startsWith('-');
  const [integer, fraction = ''] = plain.replace('-', '').split('.');
  const units = BigInt(integer + fraction.padEnd(scale, '0'));
  return negative ? -units : units;
}

export function fromUnits(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const text = `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  return negative ? `-${text}` : text;
}
