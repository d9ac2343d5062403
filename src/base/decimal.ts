/**
 * Money is carried as exact decimal strings ("0.03330000"), never as floats: Vonage prices have
 * eight decimal places and a float cannot represent most of them.
 */
const PLAIN = /^[+-]?(\d+)(?:\.(\d*))?$/;
const EXPONENT = /^([+-]?)(\d+)(?:\.(\d*))?[eE]([+-]?\d+)$/;

/** Normalises a decimal text (plain or with an exponent) to plain notation, or returns null. */
export function parseDecimal(text: string): string | null {
  const trimmed = text.trim();
  const plain = PLAIN.exec(trimmed);
  if (plain) {
    const sign = trimmed.startsWith('-') ? '-' : '';
    const integer = plain[1].replace(/^0+(?=\d)/, '');
    return plain[2] ? `${sign}${integer}.${plain[2]}` : `${sign}${integer}`;
  }
  const exp = EXPONENT.exec(trimmed);
  if (!exp) return null;
  const [, sign, intPart, fraction = '', exponentText] = exp;
  const digits = intPart + fraction;
  const point = intPart.length + Number(exponentText);
  if (Math.abs(Number(exponentText)) > 400) return null;
  let result: string;
  if (point <= 0) result = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) result = digits + '0'.repeat(point - digits.length);
  else result = `${digits.slice(0, point)}.${digits.slice(point)}`;
  const normalised = parseDecimal(result);
  return normalised === null ? null : `${sign === '-' ? '-' : ''}${normalised}`;
}

/** Compares two decimal texts exactly: negative, zero or positive like a sort comparator. */
export function compareDecimal(a: string, b: string): number {
  const [x, y] = [parseDecimal(a), parseDecimal(b)];
  if (x === null || y === null) throw new TypeError(`not decimals: ${a}, ${b}`);
  const negative = (text: string) => text.startsWith('-') && /[1-9]/.test(text);
  if (negative(x) !== negative(y)) return negative(x) ? -1 : 1;
  const sign = negative(x) ? -1 : 1;
  const [xi, xf = ''] = x.replace('-', '').split('.');
  const [yi, yf = ''] = y.replace('-', '').split('.');
  if (xi.length !== yi.length) return sign * (xi.length - yi.length);
  const width = Math.max(xf.length, yf.length);
  const left = xi + xf.padEnd(width, '0');
  const right = yi + yf.padEnd(width, '0');
  return sign * (left < right ? -1 : left > right ? 1 : 0);
}

/** Exact `a − b` of two decimal texts, in plain notation (as many places as the longer one). */
export function subtractDecimal(a: string, b: string): string {
  const [x, y] = [parseDecimal(a), parseDecimal(b)];
  if (x === null || y === null) throw new TypeError(`not decimals: ${a}, ${b}`);
  const places = Math.max(...[x, y].map((text) => text.split('.')[1]?.length ?? 0));
  const scaled = (text: string) => {
    const [integer, fraction = ''] = text.replace('-', '').split('.');
    const value = BigInt(integer + fraction.padEnd(places, '0'));
    return text.startsWith('-') ? -value : value;
  };
  const difference = scaled(x) - scaled(y);
  const digits = (difference < 0n ? -difference : difference).toString().padStart(places + 1, '0');
  const sign = difference < 0n ? '-' : '';
  if (places === 0) return sign + digits;
  return `${sign}${digits.slice(0, -places)}.${digits.slice(-places)}`;
}
