import { SingleFlight } from '../../src/coordination/single-flight';
import { type CallScope } from '../../src/base/call-scope';

/** A call that stays under way until the test settles it, and shows the scope it ran for. */
function pendingCall() {
  let resolve!: (value: string) => void;
  let scope: CallScope | undefined;
  const call = (given: CallScope) => {
    scope = given;
    return new Promise<string>((done) => (resolve = done));
  };
  return { call, scope: () => scope!, resolve: (value: string) => resolve(value) };
}

describe('a call shared by several callers', () => {
  it('is abandoned only when every caller has given up', async () => {
    const flights = new SingleFlight();
    const pending = pendingCall();
    const [a, b] = [new AbortController(), new AbortController()];
    const first = flights.run('k', pending.call, { signal: a.signal });
    const second = flights.run('k', pending.call, { signal: b.signal });
    a.abort();
    expect(pending.scope().signal!.aborted).toBe(false);
    b.abort();
    expect(pending.scope().signal!.aborted).toBe(true);
    pending.resolve('answer');
    await expect(Promise.all([first, second])).resolves.toEqual(['answer', 'answer']);
  });

  it('is never abandoned while a caller without a signal (a background refresh) shares it', async () => {
    const flights = new SingleFlight();
    const pending = pendingCall();
    const a = new AbortController();
    const first = flights.run('k', pending.call, { signal: a.signal });
    const background = flights.run('k', pending.call);
    a.abort();
    expect(pending.scope().signal!.aborted).toBe(false);
    pending.resolve('answer');
    await Promise.all([first, background]);
  });

  it('runs for the caller that started it, and starts abandoned when that caller already gave up', async () => {
    const flights = new SingleFlight();
    const pending = pendingCall();
    const gone = AbortSignal.abort();
    const run = flights.run('k', pending.call, { signal: gone, caller: 'token:reader' });
    expect(pending.scope()).toEqual({ signal: expect.any(AbortSignal), caller: 'token:reader' });
    expect(pending.scope().signal!.aborted).toBe(true);
    pending.resolve('answer');
    await run;
  });
});

describe('the callers of many calls in turn', () => {
  it('keep no listener on their signal once each call settled', async () => {
    const flights = new SingleFlight();
    const request = new AbortController();
    const added = jest.spyOn(request.signal, 'addEventListener');
    const removed = jest.spyOn(request.signal, 'removeEventListener');
    // A walk of 15 pages, one shared call each, for one request.
    for (let page = 1; page <= 15; page++) {
      await flights.run(`page:${page}`, async () => page, { signal: request.signal });
    }
    expect(added).toHaveBeenCalledTimes(15);
    expect(removed).toHaveBeenCalledTimes(15);
  });
});

describe('one request asking for the same call many times (aliased fields)', () => {
  it('listens to its signal once, and still abandons the call when it gives up', async () => {
    const flights = new SingleFlight();
    const pending = pendingCall();
    const request = new AbortController();
    const added = jest.spyOn(request.signal, 'addEventListener');
    const runs = Array.from({ length: 20 }, () =>
      flights.run('catalogue', pending.call, { signal: request.signal }),
    );
    expect(added).toHaveBeenCalledTimes(1);
    request.abort();
    expect(pending.scope().signal!.aborted).toBe(true);
    pending.resolve('answer');
    await Promise.all(runs);
  });
});
