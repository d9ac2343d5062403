import { SegmentedMessage } from 'sms-segments-calculator';
import { fromUnits, toUnits } from '../../src/pricing/amounts';
import { PriceMatch, UnpricedReason } from '../../src/pricing/number-pricing';
import { readCountry } from '../../src/pricing/pricing.client';
import { SmsEncoding, estimateSms, segment } from '../../src/pricing/sms-estimate';
import { GSM_BASIC, GSM_EXTENSION, referenceSegments, seededStrings } from './sms-reference';

describe('segment: encoding and segments of tricky texts', () => {
  const gsm = (n: number) => 'a'.repeat(n);
  it.each([
    ['160 GSM-7 characters', gsm(160), SmsEncoding.GSM_7, 1, 160, []],
    ['161 GSM-7 characters', gsm(161), SmsEncoding.GSM_7, 2, 161, []],
    ['306 GSM-7 characters (2 × 153)', gsm(306), SmsEncoding.GSM_7, 2, 306, []],
    ['307 GSM-7 characters', gsm(307), SmsEncoding.GSM_7, 3, 307, []],
    ['70 UCS-2 characters', 'ж'.repeat(70), SmsEncoding.UCS_2, 1, 70, ['ж']],
    ['71 UCS-2 characters', 'ж'.repeat(71), SmsEncoding.UCS_2, 2, 71, ['ж']],
    ['134 UCS-2 characters (2 × 67)', 'ж'.repeat(134), SmsEncoding.UCS_2, 2, 134, ['ж']],
    ['135 UCS-2 characters', 'ж'.repeat(135), SmsEncoding.UCS_2, 3, 135, ['ж']],
    // Each extension-table character takes two septets: 80 of them fill one segment.
    ['80 €', '€'.repeat(80), SmsEncoding.GSM_7, 1, 160, []],
    ['81 €', '€'.repeat(81), SmsEncoding.GSM_7, 2, 162, []],
    ['the extension table', '€[]{}^~|\\', SmsEncoding.GSM_7, 1, 18, []],
    // 159 + an escaped character: 161 septets, and the pair is not split across segments.
    ['159 a and one €', `${gsm(159)}€`, SmsEncoding.GSM_7, 2, 161, []],
    ['é precomposed is GSM-7', 'café', SmsEncoding.GSM_7, 1, 4, []],
    ['é as e + a combining accent is not', 'cafe\u0301', SmsEncoding.UCS_2, 1, 4, ['e\u0301']],
    ['one emoji forces UCS-2', 'Hello 😀', SmsEncoding.UCS_2, 1, 7, ['😀']],
    // An emoji is two UTF-16 units: 35 fill one segment, 36 need two.
    ['35 emoji', '😀'.repeat(35), SmsEncoding.UCS_2, 1, 35, ['😀']],
    ['36 emoji', '😀'.repeat(36), SmsEncoding.UCS_2, 2, 36, ['😀']],
    ['ç is not in GSM-7 (Ç is)', 'Ça ç', SmsEncoding.UCS_2, 1, 4, ['ç']],
    ['a no-break space forces UCS-2', 'a\u00a0b', SmsEncoding.UCS_2, 1, 3, ['\u00a0']],
    ['a flag is one character of four units', 'Go 🇬🇧', SmsEncoding.UCS_2, 1, 4, ['🇬🇧']],
  ])('%s', (_name, text, encoding, segments, characters, unicodeCharacters) => {
    expect(segment(text)).toEqual({ encoding, segments, characters, unicodeCharacters });
  });

  it('lists each character that forced UCS-2 once, in order', () => {
    expect(segment('Привет, 😀 мир 😀').unicodeCharacters).toEqual([
      'П',
      'р',
      'и',
      'в',
      'е',
      'т',
      '😀',
      'м',
    ]);
  });
});

describe('segment agrees with the segment counter and an independent count on generated texts', () => {
  const texts = seededStrings(600, 20261201);

  it('generates texts around every boundary, of both encodings', () => {
    const encodings = new Set(texts.map((text) => segment(text).encoding));
    expect(encodings).toEqual(new Set([SmsEncoding.GSM_7, SmsEncoding.UCS_2]));
    expect(new Set(texts.map((text) => segment(text).segments)).size).toBeGreaterThan(4);
  });

  it.each(texts.map((text, index) => [index, text]))('text %i', (_index, text) => {
    const ours = segment(text);
    const counter = new SegmentedMessage(text);
    expect(ours.segments).toBe(counter.segmentsCount);
    expect(ours.encoding).toBe(counter.encodingName === 'UCS-2' ? 'UCS_2' : 'GSM_7');
    expect(ours.characters).toBe(counter.numberOfCharacters);
    expect(ours.unicodeCharacters).toEqual([...new Set(counter.getNonGsmCharacters())]);
    expect({ encoding: ours.encoding, segments: ours.segments }).toEqual(referenceSegments(text));
  });

  it('the reference tables are GSM 03.38: 127 basic characters (no escape) and 10 extensions', () => {
    expect(GSM_BASIC.size).toBe(127);
    expect(GSM_EXTENSION.size).toBe(10);
  });
});

describe('amounts: prices as integer units', () => {
  it('converts both ways exactly, at the scale asked', () => {
    expect(toUnits('0.03330000', 8)).toBe(3_330_000n);
    expect(toUnits('1.5', 8)).toBe(150_000_000n);
    expect(toUnits('0.123456789', 9)).toBe(123_456_789n);
    expect(fromUnits(toUnits('0.03330000', 8) * 3n, 8)).toBe('0.09990000');
    // 0.1 + 0.2 as floats is 0.30000000000000004.
    expect(fromUnits(toUnits('0.1', 8) + toUnits('0.2', 8), 8)).toBe('0.30000000');
    expect(fromUnits(10_000n, 8)).toBe('0.00010000');
    expect(fromUnits(0n, 8)).toBe('0.00000000');
  });
});

describe('estimateSms: totals over the recipients', () => {
  const records = [
    readCountry({
      countryCode: 'GB',
      currency: 'EUR',
      networks: [
        { networkCode: '23410', price: '0.03000000', ranges: ['447400'] },
        { networkCode: '23420', price: '0.05000000' },
      ],
    })!,
  ];
  const twoSegments = 'a'.repeat(161);

  it('is exact when every recipient matched a network', () => {
    const estimate = estimateSms(records, twoSegments, ['+447400123456', '+447400654321']);
    expect(estimate).toMatchObject({
      segments: 2,
      currency: 'EUR',
      total: '0.12000000',
      minTotal: '0.12000000',
      maxTotal: '0.12000000',
      unpriced: [],
    });
    expect(estimate.recipients.map((r) => r.cost)).toEqual(['0.06000000', '0.06000000']);
  });

  it('gives a range, and no total, when some are priced by country only', () => {
    const estimate = estimateSms(records, twoSegments, ['+447400123456', '+447800123456']);
    expect(estimate.recipients[1]).toMatchObject({
      match: PriceMatch.COUNTRY,
      cost: null,
      minCost: '0.06000000',
      maxCost: '0.10000000',
    });
    expect(estimate).toMatchObject({ total: null, minTotal: '0.12000000', maxTotal: '0.16000000' });
  });

  it('lists the recipients it could not price, as given, and leaves them out of the totals', () => {
    const estimate = estimateSms(records, 'hi', [
      '+44 7400 123456',
      '+44123456',
      '+80012345678',
      '+33612345678',
    ]);
    expect(estimate.unpriced).toEqual([
      { msisdn: '+44123456', reason: UnpricedReason.INVALID_NUMBER },
      { msisdn: '+80012345678', reason: UnpricedReason.NO_COUNTRY },
      { msisdn: '+33612345678', reason: UnpricedReason.COUNTRY_NOT_PRICED },
    ]);
    expect(estimate.recipients.map((r) => r.msisdn)).toEqual(['447400123456']);
    expect(estimate.total).toBe('0.03000000');
  });
});
