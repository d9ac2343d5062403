import { request } from 'undici';
import { startSimulator } from '../../src/simulator';
import { call } from './helpers';

describe('startSimulator', () => {
  it('listens on an ephemeral loopback port with key "sandbox" and a random 16-character secret', async () => {
    const first = await startSimulator();
    const second = await startSimulator();
    try {
      expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(first.url).not.toBe(second.url);
      expect(first.apiKey).toBe('sandbox');
      expect(first.apiSecret).toHaveLength(16);
      expect(first.apiSecret).not.toBe(second.apiSecret);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('refuses a balance that is not a decimal with at most 8 places', async () => {
    await expect(startSimulator({ account: { balance: '1.123456789' } })).rejects.toThrow(
      RangeError,
    );
  });

  it('closes even with keep-alive connections open, then refuses connections and closes again quietly', async () => {
    const sim = await startSimulator({ apiSecret: 's3cret' });
    expect((await call(sim, '/account/get-balance')).status).toBe(200);

    await sim.close();

    await expect(request(`${sim.url}/account/get-balance`)).rejects.toThrow();
    await expect(sim.close()).resolves.toBeUndefined();
  });

  it('closes while a delayed reply is pending, failing that request', async () => {
    const sim = await startSimulator();
    sim.faults.latency(10_000);
    const pending = call(sim, '/account/get-balance');
    await new Promise((resolve) => setTimeout(resolve, 100));

    await sim.close();

    await expect(pending).rejects.toThrow();
  });
});
