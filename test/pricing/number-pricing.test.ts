import { parseMsisdn } from '../../src/pricing/msisdn';
import { PriceMatch, UnpricedReason, priceNumber } from '../../src/pricing/number-pricing';
import { type CountryPricingRecord, readCountry } from '../../src/pricing/pricing.client';

/** A catalogue as the client reads it, from Vonage-shaped entries. */
function catalogue(...entries: object[]): CountryPricingRecord[] {
  return entries.map((entry) => readCountry(entry)!);
}

const network = (networkCode: string, price: string, ranges?: unknown[]) => ({
  type: 'mobile',
  networkCode,
  networkName: `Net ${networkCode}`,
  price,
  ...(ranges && { ranges }),
});

const GB = {
  countryCode: 'GB',
  currency: 'EUR',
  dialingPrefix: '44',
  networks: [
    network('23410', '0.03000000', [4474, 447400]),
    network('23415', '0.04000000', [44740]),
    network('23420', '0.05000000'),
    network('23430', '0.01000000', [447911]),
  ],
};
// Guernsey shares +44 and lists its own ranges.
const GG = {
  countryCode: 'GG',
  currency: 'EUR',
  dialingPrefix: '44',
  networks: [network('23455', '0.09000000', [447911])],
};

function price(catalogueRecords: CountryPricingRecord[], msisdn: string) {
  const parsed = parseMsisdn(msisdn);
  if (!parsed.valid) throw new Error(`${msisdn} is not valid`);
  return priceNumber(catalogueRecords, parsed);
}

describe('priceNumber: a number priced from the cached catalogue', () => {
  const records = catalogue(GB, GG);

  it('takes the longest range a network of the number’s country lists', () => {
    expect(price(records, '+447400123456')).toMatchObject({
      msisdn: '447400123456',
      match: PriceMatch.NETWORK,
      range: '447400',
      networkIndex: 0,
      price: '0.03000000',
      minPrice: '0.03000000',
      maxPrice: '0.03000000',
    });
    // 44741… matches only 4474 (network 0); 447409… matches 44740 (network 1), longer than 4474.
    expect(price(records, '+447411123456')).toMatchObject({ range: '4474', networkIndex: 0 });
    expect(price(records, '+447409123456')).toMatchObject({ range: '44740', networkIndex: 1 });
  });

  it('matches ranges within the number’s own country only (+44 is shared by GB and GG)', () => {
    // libphonenumber puts +447911… in Guernsey: GB's 23430 lists the same range, GG's 23455 wins.
    expect(price(records, '+447911123456')).toMatchObject({
      match: PriceMatch.NETWORK,
      record: expect.objectContaining({ countryCode: 'GG' }),
      price: '0.09000000',
    });
  });

  it('falls back to the country’s lowest and highest price when no range matches', () => {
    expect(price(records, '+447800123456')).toMatchObject({
      match: PriceMatch.COUNTRY,
      range: null,
      networkIndex: null,
      price: null,
      minPrice: '0.01000000',
      maxPrice: '0.05000000',
    });
  });

  it('does not guess between two networks that list the same longest range', () => {
    const twice = catalogue({
      ...GB,
      networks: [
        network('23410', '0.03000000', [447400]),
        network('23415', '0.04000000', [447400]),
      ],
    });
    expect(price(twice, '+447400123456')).toMatchObject({ match: PriceMatch.COUNTRY });
  });

  it('says why a number has no price', () => {
    expect(price(records, '+33612345678')).toEqual({
      msisdn: '33612345678',
      unpriced: UnpricedReason.COUNTRY_NOT_PRICED,
    });
    expect(price(records, '+80012345678')).toEqual({
      msisdn: '80012345678',
      unpriced: UnpricedReason.NO_COUNTRY,
    });
  });
});

describe('parseMsisdn', () => {
  it.each([
    ['+44 7400 123456', '447400123456', 'GB'],
    ['447400123456', '447400123456', 'GB'],
    ['+1 (415) 555-2671', '14155552671', 'US'],
    ['+33.6.12.34.56.78', '33612345678', 'FR'],
  ])('reads %p as %s in %s', (text, msisdn, country) => {
    expect(parseMsisdn(text)).toEqual({ valid: true, msisdn, country });
  });

  it.each(['07400123456', '+44', '+44740012345678901', 'tel:+447400123456', '+44123456', ''])(
    'refuses %p',
    (text) => {
      expect(parseMsisdn(text)).toEqual({ valid: false });
    },
  );
});
