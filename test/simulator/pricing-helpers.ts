import { type Simulator } from '../../src/simulator';
import { call } from './helpers';

/** The Pricing API's JSON as the tests read it; every field optional that may be left out. */
export interface Network {
  type: string;
  price: string;
  currency: string;
  mcc?: string;
  mnc?: string;
  networkCode: string;
  networkName: string;
  ranges?: number[];
}

export interface Country {
  countryCode?: string;
  countryName: string;
  countryDisplayName?: string;
  currency: string;
  defaultPrice?: string;
  dialingPrefix?: string;
  networks?: Network[];
}

export interface CountryList {
  count: string | number;
  countries: Country[];
}

export const EIGHT_PLACES = /^\d+\.\d{8}$/;
export const XML = { accept: 'application/xml' };

export const pricingCalls = (sim: Simulator) => {
  const country = (type: string, code: string, headers?: Record<string, string>) =>
    call(sim, `/account/get-pricing/outbound/${type}`, { query: { country: code }, headers });
  return {
    country,
    countryJson: async (type: string, code: string) =>
      (await country(type, code)).json() as unknown as Country,
    fullJson: async (type: string) =>
      (
        await call(sim, `/account/get-full-pricing/outbound/${type}`)
      ).json() as unknown as CountryList,
    prefixJson: async (type: string, prefix: string) =>
      (
        await call(sim, `/account/get-prefix-pricing/outbound/${type}`, { query: { prefix } })
      ).json() as unknown as CountryList,
  };
};

/** A price as an integer count of 10^-8, for exact comparisons. */
export const units = (price: string) => BigInt(price.replace('.', ''));
