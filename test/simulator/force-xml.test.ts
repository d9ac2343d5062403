import { startSimulator, type Simulator } from '../../src/simulator';
import { call } from './helpers';

let sim: Simulator;

afterEach(() => sim.close());

const JSON_ACCEPT = { accept: 'application/json' };

describe('forcing XML answers', () => {
  it('answers XML to a client that asks for JSON once forceXml is set, and JSON again once cleared', async () => {
    sim = await startSimulator({ pricing: { rateLimitPerSecond: 0 } });
    expect(sim.forceXml).toBe(false);
    sim.forceXml = true;

    const balance = await call(sim, '/account/get-balance', { headers: JSON_ACCEPT });
    expect(balance.headers['content-type']).toBe('application/xml');
    expect(balance.text).toContain('<accountBalance>');
    // The cached, pre-serialized answers (pricing) follow the switch too.
    const pricing = await call(sim, '/account/get-pricing/outbound/sms', {
      query: { country: 'GB' },
      headers: JSON_ACCEPT,
    });
    expect(pricing.headers['content-type']).toBe('application/xml');
    expect(pricing.text).toContain('<pricing>');

    sim.forceXml = false;
    const again = await call(sim, '/account/get-balance', { headers: JSON_ACCEPT });
    expect(again.headers['content-type']).toBe('application/json');
  });

  it('keeps the answers Vonage only sends as JSON (BAD_REQUEST) in JSON', async () => {
    sim = await startSimulator({ xml: true });
    const answer = await call(sim, '/account/top-up', { form: {} });
    expect(answer.status).toBe(400);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(answer.json()).toMatchObject({ type: 'BAD_REQUEST' });
  });

  it('starts from the xml option, and reset puts the switch back to it', async () => {
    sim = await startSimulator({ xml: true });
    expect(sim.forceXml).toBe(true);
    const owned = await call(sim, '/account/numbers', { headers: JSON_ACCEPT });
    expect(owned.headers['content-type']).toBe('application/xml');
    expect(owned.text).toContain('<inbound-numbers>');

    sim.forceXml = false;
    sim.reset();
    expect(sim.forceXml).toBe(true);
  });
});
