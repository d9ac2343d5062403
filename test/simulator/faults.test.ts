import { request } from 'undici';
import { startSimulator, type Simulator } from '../../src/simulator';
import { call } from './helpers';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const topUp = () => call(sim, '/account/top-up', { form: { trx: sim.state.account.reloadTrx } });

const timed = async <T>(run: () => Promise<T>): Promise<number> => {
  const started = performance.now();
  await run();
  return performance.now() - started;
};

describe('faults', () => {
  it('delays every reply by the latency until it is cleared', async () => {
    sim.faults.latency(300);
    const slow = await timed(() => call(sim, '/account/get-balance'));
    sim.faults.latency(0);
    const fast = await timed(() => call(sim, '/account/get-balance'));

    expect(slow).toBeGreaterThanOrEqual(280);
    expect(fast).toBeLessThan(300);
  });

  it('answers the next n requests with the canned reply without touching state, then normally', async () => {
    sim.faults.failNext(2, { status: 503, body: 'try later', headers: { 'retry-after': '1' } });

    const first = await topUp();
    const second = await call(sim, '/account/get-balance');
    const third = await call(sim, '/account/get-balance');

    expect([first.status, first.text, first.headers['retry-after']]).toEqual([
      503,
      'try later',
      '1',
    ]);
    expect(first.headers['x-nexmo-trace-id']).toMatch(/^[0-9a-f]{32}$/);
    expect(second.status).toBe(503);
    expect(third.status).toBe(200);
    expect(sim.state.account.balance).toBe('10.17127500');
  });

  it('drops the connection before the operation, leaving state unchanged', async () => {
    sim.faults.dropNext(1);

    await expect(topUp()).rejects.toThrow();

    expect(sim.state.account.balance).toBe('10.17127500');
    expect((await call(sim, '/account/get-balance')).status).toBe(200);
  });

  it('drops the connection after the operation, leaving state changed', async () => {
    sim.faults.dropNext(1, 'after');

    await expect(topUp()).rejects.toThrow();

    expect(sim.state.account.balance).toBe('60.17127500');
  });

  it('drops before handling ahead of a canned reply armed at the same time', async () => {
    sim.faults.failNext(1, { status: 503 });
    sim.faults.dropNext(1, 'before');

    await expect(call(sim, '/account/get-balance')).rejects.toThrow();
    expect((await call(sim, '/account/get-balance')).status).toBe(503);
    expect((await call(sim, '/account/get-balance')).status).toBe(200);
  });

  it('clears every armed fault', async () => {
    sim.faults.failNext(5, { status: 500 });
    sim.faults.dropNext(5);
    sim.faults.clear();

    expect((await call(sim, '/account/get-balance')).status).toBe(200);
  });

  it('rejects nonsense settings', () => {
    expect(() => sim.faults.failNext(1, { status: 42 })).toThrow(RangeError);
    expect(() => sim.faults.dropNext(-1)).toThrow(RangeError);
    expect(() => sim.faults.latency(Number.NaN)).toThrow(RangeError);
  });
});

describe('counters', () => {
  it('count every routed request by route, 401s, 404s and faults included', async () => {
    await call(sim, '/account/get-balance');
    await call(sim, '/account/get-balance', { auth: 'none' });
    sim.faults.failNext(1, { status: 500 });
    await topUp();
    await call(sim, '/nowhere');

    expect(sim.counters.total).toBe(4);
    expect(sim.counters.byRoute).toEqual({
      'GET /account/get-balance': 2,
      'POST /account/top-up': 1,
      'GET /nowhere': 1,
    });
  });

  it('start again from zero after counters.reset()', async () => {
    await call(sim, '/account/get-balance');
    sim.counters.reset();

    expect(sim.counters.total).toBe(0);
    expect(sim.counters.byRoute).toEqual({});
  });
});

describe('admin endpoints', () => {
  const admin = async (path: string, body?: unknown) => {
    const response = await request(`${sim.url}/_simulator/${path}`, {
      method: body === undefined && path === 'counters' ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.body.text();
    return { status: response.statusCode, text };
  };

  it('report counters without counting themselves or needing credentials', async () => {
    await call(sim, '/account/get-balance');

    const answer = await admin('counters');

    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({
      total: 1,
      byRoute: { 'GET /account/get-balance': 1 },
      rateLimited: 0,
      webhooks: { attempts: 0, delivered: 0, failed: 0 },
    });
    expect(sim.counters.total).toBe(1);
  });

  it('arm faults from another process', async () => {
    const answer = await admin('faults', {
      failNext: { n: 1, status: 429 },
      dropNext: { n: 1, when: 'after' },
    });

    expect(answer.status).toBe(204);
    expect((await topUp()).status).toBe(429);
    await expect(topUp()).rejects.toThrow();
    expect(sim.state.account.balance).toBe('60.17127500');
  });

  it('refuse an invalid fault setting with 400 and arm nothing', async () => {
    const answer = await admin('faults', { latencyMs: 5000, failNext: { n: 1, status: 'boom' } });

    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toMatchObject({ title: 'Bad Request' });
    expect((await call(sim, '/account/get-balance')).status).toBe(200);
  });

  it('reset state, counters and faults', async () => {
    await topUp();
    sim.faults.failNext(3, { status: 500 });

    const answer = await admin('reset');

    expect(answer.status).toBe(204);
    expect(sim.state.account.balance).toBe('10.17127500');
    expect(sim.counters.total).toBe(0);
    expect((await call(sim, '/account/get-balance')).status).toBe(200);
  });
});

describe('reset()', () => {
  it('restores the start options in the same live state object', async () => {
    const account = sim.state.account;
    account.autoReload = false;
    account.moCallbackUrl = 'https://example.com/mo';
    await call(sim, '/account/get-balance');

    sim.reset();

    expect(sim.state.account).toBe(account);
    expect(account).toEqual({
      balance: '10.17127500',
      autoReload: true,
      reloadTrx: '8ef2447e69604f642ae59363aa5f781b',
      reloadAmount: '50.00000000',
      moCallbackUrl: '',
      drCallbackUrl: '',
    });
    expect(sim.counters.total).toBe(0);
  });
});
