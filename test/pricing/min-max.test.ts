import { readCountry } from '../../src/pricing/pricing.client';

function country(prices: string[], defaultPrice?: string) {
  return {
    countryCode: 'GB',
    currency: 'EUR',
    ...(defaultPrice === undefined ? {} : { defaultPrice }),
    networks: prices.map((price, index) => ({
      networkCode: `2341${index}`,
      networkName: `Net ${index}`,
      price,
    })),
  };
}

describe('readCountry: minPrice and maxPrice over the networks', () => {
  it.each([
    // A lexicographic sort would put "10.00000000" first, and "9.50000000" last.
    [['9.50000000', '10.00000000', '0.50000000'], '0.50000000', '10.00000000'],
    // Beyond a double's precision: as floats these three are equal.
    [['0.10000000000000000001', '0.1', '0.10000000000000000002'], '0.1', '0.10000000000000000002'],
    // Different scales compare by value, not by length.
    [['0.0450', '0.04', '0.04500001'], '0.04', '0.04500001'],
  ])('over %p are %s and %s, exactly as Vonage wrote them', (prices, min, max) => {
    const record = readCountry(country(prices, '1.00000000'));
    expect(record).toMatchObject({ minPrice: min, maxPrice: max, defaultPrice: '1.00000000' });
  });

  it('are the default price when no network is priced', () => {
    expect(readCountry(country([], '0.03330000'))).toMatchObject({
      minPrice: '0.03330000',
      maxPrice: '0.03330000',
    });
  });
});
