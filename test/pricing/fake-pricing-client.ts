import { type CountryPricingRecord, type PricingClient } from '../../src/pricing/pricing.client';
import { type PricingType } from '../../src/pricing/pricing.type';
import { TWENTY_COUNTRIES } from '../helpers/countries';

export function country(code: string, price = '0.05000000'): CountryPricingRecord {
  return {
    countryCode: code,
    countryName: `Country ${code}`,
    countryDisplayName: `Country ${code}`,
    dialingPrefix: code === 'US' || code === 'CA' ? '1' : '99',
    currency: 'EUR',
    defaultPrice: '0.01000000',
    minPrice: '0.01000000',
    maxPrice: price,
    networks: [
      {
        type: 'mobile',
        networkCode: '99901',
        networkName: 'Mobile',
        mcc: '999',
        mnc: '01',
        price,
        currency: 'EUR',
        ranges: [],
      },
      {
        type: 'landline',
        networkCode: '99999',
        networkName: 'Land',
        mcc: '999',
        mnc: '99',
        price: '0.01000000',
        currency: 'EUR',
        ranges: [],
      },
    ],
  };
}

/**
 * Stands in for the upstream client in unit tests of the caching policy: it counts calls, and
 * can be told to fail or to wait until released.
 */
export class FakePricingClient {
  calls: string[] = [];
  failing = false;
  priced = new Set([...TWENTY_COUNTRIES, 'CZ', 'GR']);
  private gate?: Promise<void>;
  private open?: () => void;

  hold(): void {
    this.gate = new Promise((resolve) => (this.open = resolve));
  }

  release(): void {
    this.open?.();
    this.gate = undefined;
  }

  private async answer<T>(call: string, value: () => T): Promise<T> {
    this.calls.push(call);
    await this.gate;
    if (this.failing) throw new Error(`upstream down (${call})`);
    return value();
  }

  getCountryPricing(type: PricingType, code: string) {
    return this.answer(`country:${type}:${code}`, () =>
      this.priced.has(code) ? country(code) : null,
    );
  }

  getFullPricing(type: PricingType) {
    return this.answer(`full:${type}`, () => [...this.priced].map((code) => country(code)));
  }

  asClient(): PricingClient {
    return this as unknown as PricingClient;
  }
}
