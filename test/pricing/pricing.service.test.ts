import { ReadThrough } from '../../src/cache/read-through';
import { SingleFlight } from '../../src/coordination/single-flight';
import { CacheStore } from '../../src/cache/store';
import { type PricingSettings } from '../../src/pricing/pricing.settings';
import { silentLogger } from '../../src/base/logger';
import { createPricingLoader } from '../../src/pricing/pricing.loader';
import { PricingService } from '../../src/pricing/pricing.service';
import { PricingType } from '../../src/pricing/pricing.type';
import { FakePricingClient } from './fake-pricing-client';
import { TWENTY_COUNTRIES } from '../helpers/countries';

const TWENTY = TWENTY_COUNTRIES;
const POLICY: PricingSettings = {
  ttlMs: 60_000,
  staleWhileRevalidateMs: 60_000,
  staleIfErrorMs: 600_000,
  batchThreshold: 2,
  preload: [],
};

let client: FakePricingClient;
let service: PricingService;

function setup(policy: Partial<PricingSettings> = {}) {
  client = new FakePricingClient();
  const cache = new CacheStore('test', undefined, 250);
  const { batchThreshold, preload: _preload, ...freshness } = { ...POLICY, ...policy };
  const readThrough = new ReadThrough(
    { cache, flights: new SingleFlight(), logger: silentLogger },
    freshness,
  );
  service = new PricingService(
    client.asClient(),
    readThrough,
    { batchThreshold, ttlMs: freshness.ttlMs },
    silentLogger,
  );
}

const keys = (countries: string[], types: PricingType[]) =>
  countries.flatMap((country) => types.map((type) => ({ country, type })));

beforeEach(() => setup());
afterEach(() => jest.useRealTimers());

describe('pricing loader and cache policy', () => {
  it('answers 20 countries × 2 types with one catalogue call per type, and none when warm', async () => {
    const loaded = await createPricingLoader(service).loadMany(
      keys(TWENTY, [PricingType.SMS, PricingType.VOICE]),
    );
    expect(loaded.every((entry) => entry && !(entry instanceof Error))).toBe(true);
    expect(client.calls.sort()).toEqual(['full:SMS', 'full:VOICE']);
    client.calls = [];
    await createPricingLoader(service).loadMany(keys(TWENTY, [PricingType.SMS, PricingType.VOICE]));
    expect(client.calls).toEqual([]);
  });

  it('batches separate load calls of one tick (aliased fields) into the same plan', async () => {
    const loader = createPricingLoader(service);
    await Promise.all(TWENTY.map((country) => loader.load({ country, type: PricingType.SMS })));
    expect(client.calls).toEqual(['full:SMS']);
  });

  it('uses the country endpoint for a single uncached country', async () => {
    const pricing = await createPricingLoader(service).load({
      country: 'GB',
      type: PricingType.SMS,
    });
    expect(pricing).toMatchObject({
      countryCode: 'GB',
      type: PricingType.SMS,
      stale: false,
    });
    expect(client.calls).toEqual(['country:SMS:GB']);
  });

  it('fills every country from one catalogue call, so a later single country is free', async () => {
    await createPricingLoader(service).loadMany(keys(['DE', 'FR'], [PricingType.SMS]));
    client.calls = [];
    await createPricingLoader(service).load({ country: 'JP', type: PricingType.SMS });
    expect(client.calls).toEqual([]);
  });

  it('returns null for a country the upstream does not price, and remembers it', async () => {
    expect(
      await createPricingLoader(service).load({ country: 'AQ', type: PricingType.SMS }),
    ).toBeNull();
    expect(
      await createPricingLoader(service).load({ country: 'AQ', type: PricingType.SMS }),
    ).toBeNull();
    expect(client.calls).toEqual(['country:SMS:AQ']);
  });

  it('shares one upstream call among 100 concurrent identical cold requests', async () => {
    client.hold();
    const pending = Array.from({ length: 100 }, () =>
      createPricingLoader(service).loadMany(keys(TWENTY, [PricingType.SMS])),
    );
    await new Promise((resolve) => setImmediate(resolve));
    client.release();
    await Promise.all(pending);
    expect(client.calls).toEqual(['full:SMS']);
  });

  it('serves old prices at once, marked stale, and refreshes them once in the background', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick'] });
    await createPricingLoader(service).load({ country: 'GB', type: PricingType.SMS });
    jest.advanceTimersByTime(POLICY.ttlMs + 1);
    client.hold();
    const first = await createPricingLoader(service).load({ country: 'GB', type: PricingType.SMS });
    const second = await createPricingLoader(service).load({
      country: 'GB',
      type: PricingType.SMS,
    });
    expect(first!.stale).toBe(true);
    expect(second!.stale).toBe(true);
    client.release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(client.calls).toEqual(['country:SMS:GB', 'country:SMS:GB']);
    const refreshed = await createPricingLoader(service).load({
      country: 'GB',
      type: PricingType.SMS,
    });
    expect(refreshed!.stale).toBe(false);
  });

  it('serves expired prices marked stale when the refresh fails (stale-if-error)', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick'] });
    await createPricingLoader(service).loadMany(keys(['DE', 'FR'], [PricingType.SMS]));
    jest.advanceTimersByTime(POLICY.ttlMs + POLICY.staleWhileRevalidateMs + 1);
    client.failing = true;
    const results = await createPricingLoader(service).loadMany(
      keys(['DE', 'FR'], [PricingType.SMS]),
    );
    expect(results).toEqual([
      expect.objectContaining({ countryCode: 'DE', stale: true }),
      expect.objectContaining({ countryCode: 'FR', stale: true }),
    ]);
  });

  it('fails only the keys it has nothing for when the upstream fails', async () => {
    await createPricingLoader(service).load({ country: 'GB', type: PricingType.SMS });
    client.failing = true;
    const [gb, de] = await createPricingLoader(service).loadMany([
      { country: 'GB', type: PricingType.SMS },
      { country: 'DE', type: PricingType.SMS },
    ]);
    expect(gb).toMatchObject({ countryCode: 'GB', stale: false });
    expect(de).toBeInstanceOf(Error);
  });

  it('answers a prefix from the cached catalogue without calling the upstream', async () => {
    await service.catalogue(PricingType.SMS);
    client.calls = [];
    const served = await service.prefix(PricingType.SMS, '1');
    expect(served.value.map((c) => c.countryCode).sort()).toEqual(['CA', 'US']);
    expect(client.calls).toEqual([]);
  });

  it('reads the catalogue once when none is cached, whatever the prefixes', async () => {
    const [one, forty] = await Promise.all([
      service.prefix(PricingType.VOICE, '1'),
      service.prefix(PricingType.VOICE, '44'),
      service.prefix(PricingType.VOICE, '49'),
    ]);
    await service.prefix(PricingType.VOICE, '1');
    expect(one.value.map((c) => c.countryCode).sort()).toEqual(['CA', 'US']);
    expect(forty.value.every((c) => c.dialingPrefix === '44')).toBe(true);
    expect(client.calls).toEqual(['full:VOICE']);
  });
});

describe('catalogues warm from start', () => {
  afterEach(() => service.stop());

  it('reads each preloaded catalogue at once and again ahead of its expiry, until stopped', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick'] });
    await service.preload([PricingType.SMS, PricingType.VOICE]);
    expect(client.calls.sort()).toEqual(['full:SMS', 'full:VOICE']);
    client.calls = [];
    // Before 90% of the lifetime nothing is read; at 90% each catalogue is read again.
    await jest.advanceTimersByTimeAsync(POLICY.ttlMs * 0.9 - 1_000);
    expect(client.calls).toEqual([]);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(client.calls.sort()).toEqual(['full:SMS', 'full:VOICE']);
    // The renewed catalogue is fresh, not stale, and no reader waits for it.
    const served = await service.catalogue(PricingType.SMS);
    expect(served.stale).toBe(false);
    expect(client.calls).toHaveLength(2);
    service.stop();
    client.calls = [];
    await jest.advanceTimersByTimeAsync(POLICY.ttlMs);
    expect(client.calls).toEqual([]);
  });
});
