const PLACES = 8;
const FACTOR = 10n ** BigInt(PLACES);
const DECIMAL = /^(-)?(\d+)(?:\.(\d{1,8}))?$/;

/**
 * Money stays a decimal string end to end, as Vonage sends it (`"10.17127500"`): arithmetic runs on
 * BigInt counts of 10^-8 units, so a top-up adds exactly and no float ever rounds a balance.
 */
export function parseAmount(text: string): bigint {
  const match = DECIMAL.exec(text);
  if (!match) {
    throw new RangeError(`${JSON.stringify(text)} is not a decimal amount with at most 8 places`);
  }
  const [, sign, whole = '0', fraction = ''] = match;
  const units = BigInt(whole) * FACTOR + BigInt(fraction.padEnd(PLACES, '0'));
  return sign ? -units : units;
}

export function formatAmount(units: bigint): string {
  const negative = units < 0n;
  const magnitude = negative ? -units : units;
  const fraction = (magnitude % FACTOR).toString().padStart(PLACES, '0');
  return `${negative ? '-' : ''}${magnitude / FACTOR}.${fraction}`;
}

export function normalizeAmount(text: string): string {
  return formatAmount(parseAmount(text));
}

export function addAmounts(a: string, b: string): string {
  return formatAmount(parseAmount(a) + parseAmount(b));
}

/** The amount with no trailing zeros (`25`, `5.5`, `-500`): how the newer JSON APIs write money. */
export function plainAmount(text: string): string {
  return normalizeAmount(text).replace(/\.?0+$/, '');
}

/**
 * A JSON number as an exact amount: the shortest text that reads back as the same double, so
 * `25.01` is 25.01 and not 25.0099999…; undefined beyond 8 places or in exponent form.
 */
export function amountOfNumber(value: number): string | undefined {
  const text = String(value);
  return DECIMAL.test(text) ? normalizeAmount(text) : undefined;
}
