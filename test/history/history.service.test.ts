import { ReadThrough } from '../../src/cache/read-through';
import { SingleFlight } from '../../src/coordination/single-flight';
import { CacheStore } from '../../src/cache/store';
import { type HistoryDatabase } from '../../src/history/history.db';
import { HistoryService, snapshotPrices } from '../../src/history/history.service';
import { silentLogger } from '../../src/base/logger';
import { type CatalogueListener, PricingService } from '../../src/pricing/pricing.service';
import { PricingType } from '../../src/pricing/pricing.type';
import { FakePricingClient, country } from '../pricing/fake-pricing-client';

function pricing(onCatalogue: CatalogueListener) {
  const client = new FakePricingClient();
  const readThrough = new ReadThrough(
    {
      cache: new CacheStore('test', undefined, 250),
      flights: new SingleFlight(),
      logger: silentLogger,
    },
    { ttlMs: 60_000, staleWhileRevalidateMs: 0, staleIfErrorMs: 0 },
  );
  const service = new PricingService(
    client.asClient(),
    readThrough,
    { batchThreshold: 2, ttlMs: 60_000 },
    silentLogger,
    onCatalogue,
  );
  return { client, service };
}

describe('the pricing service telling price history of catalogues', () => {
  it('tells of each catalogue read from the upstream, never of a cache hit', async () => {
    const told: [PricingType, number][] = [];
    const { service } = pricing((type, records) => told.push([type, records.length]));
    const first = await service.catalogue(PricingType.SMS);
    await service.catalogue(PricingType.SMS);
    expect(told).toEqual([[PricingType.SMS, first.value.length]]);
  });

  it('answers the read when the listener throws', async () => {
    const { service } = pricing(() => {
      throw new Error('listener broke');
    });
    await expect(service.catalogue(PricingType.VOICE)).resolves.toMatchObject({ stale: false });
  });
});

describe('HistoryService recording', () => {
  const failing = (): Promise<HistoryDatabase> =>
    Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:1'));

  it('counts a recording it could not write and never throws to the caller', async () => {
    const history = new HistoryService({ enabled: true, open: failing }, silentLogger);
    expect(() => history.onCatalogue(PricingType.SMS, [country('GB')], Date.now())).not.toThrow();
    await history.idle();
    expect(history.stats).toMatchObject({ failed: 1, recorded: 0 });
    await expect(
      history.changes({ type: PricingType.SMS, since: new Date(0), countries: null, pageSize: 1 }),
    ).rejects.toThrow(/cannot be reached/);
    await history.close();
  });

  it('returns before writing: the write waits for a later turn of the event loop', async () => {
    let opened = 0;
    const history = new HistoryService(
      {
        enabled: true,
        open: () => {
          opened += 1;
          return failing();
        },
      },
      silentLogger,
    );
    history.onCatalogue(PricingType.SMS, [country('GB')], Date.now());
    // A second catalogue of the type replaces the first while it waits.
    history.onCatalogue(PricingType.SMS, [country('GB')], Date.now());
    expect(opened).toBe(0);
    await history.idle();
    expect(history.stats).toMatchObject({ superseded: 1, failed: 1 });
    await history.close();
  });

  it('keeps one price per network, and leaves out networks without a code', () => {
    const gb = country('GB');
    const prices = snapshotPrices([
      { ...gb, networks: [...gb.networks, { ...gb.networks[0], networkCode: null }] },
      gb,
    ]);
    expect(prices.map((price) => price.networkCode)).toEqual(
      gb.networks.map((network) => network.networkCode),
    );
  });
});
