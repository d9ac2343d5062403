import { startSimulator, type Simulator } from '../../src/simulator';
import { signFields } from '../../src/simulator/webhooks.sign';
import { admin, type Receiver, startReceiver, vonageSignature } from './webhooks-helpers';

const SECRET = 'Sig-Secret&With=Marks';

let sim: Simulator;
let receiver: Receiver;
let number: string;

beforeAll(async () => {
  [sim, receiver] = await Promise.all([
    startSimulator({ signatureSecret: SECRET }),
    startReceiver(),
  ]);
  number = [...sim.state.numbers.owned.keys()][1] ?? '';
});
afterAll(() => Promise.all([sim.close(), receiver.close()]));
beforeEach(() => {
  sim.reset();
  receiver.received.length = 0;
  sim.state.account.moCallbackUrl = `${receiver.url}/inbound`;
  sim.state.account.drCallbackUrl = `${receiver.url}/dlr`;
});

describe('signed webhooks', () => {
  it('sign with HMAC-SHA256 by default: timestamp, nonce and an upper-case sig that recomputes', async () => {
    const before = Math.floor(Date.now() / 1000);

    await sim.sendInboundSms({ to: number, text: 'a=b & c=d' });

    const [hook] = await receiver.waitFor(1);
    const fields = hook?.fields ?? {};
    const timestamp = Number(fields.timestamp);
    expect(timestamp).toBeGreaterThanOrEqual(before);
    expect(timestamp).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    // The unix form of message-timestamp, as the spec has it.
    const stamp = new Date(timestamp * 1000).toISOString().slice(0, 19).replace('T', ' ');
    expect(fields['message-timestamp']).toBe(stamp);
    expect(fields.nonce).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(fields.sig).toMatch(/^[0-9A-F]{64}$/);
    expect(fields.sig).toBe(vonageSignature(fields, SECRET, 'sha256').toUpperCase());
  });

  it('sign with the legacy md5hash (lower-case) once the admin endpoint says so', async () => {
    const answer = await admin(sim, 'webhooks', { signatureMethod: 'md5hash' });

    await sim.sendInboundSms({ to: number, text: 'legacy' });

    expect(answer.status).toBe(200);
    expect(answer.json()).toMatchObject({ signed: true, signatureMethod: 'md5hash' });
    expect(JSON.stringify(answer.json())).not.toContain(SECRET);
    const [hook] = await receiver.waitFor(1);
    expect(hook?.fields.sig).toMatch(/^[0-9a-f]{32}$/);
    expect(hook?.fields.sig).toBe(vonageSignature(hook?.fields ?? {}, SECRET, 'md5hash'));
  });

  it('sign delivery receipts too, and a changed field no longer matches', async () => {
    sim.sendSms({ from: 'AcmeInc', to: '447700900001', text: 'x', status: 'failed' });

    const [receipt] = await receiver.waitFor(1);
    const fields = receipt?.fields ?? {};
    expect(Object.keys(fields)).toEqual(expect.arrayContaining(['timestamp', 'nonce', 'sig']));
    expect(fields.sig).toBe(vonageSignature(fields, SECRET, 'sha256').toUpperCase());
    const forged = { ...fields, status: 'delivered' };
    expect(vonageSignature(forged, SECRET, 'sha256').toUpperCase()).not.toBe(fields.sig);
  });

  it("match the Python SDK's signatures for a fixed set of fields", () => {
    // Computed with vonage-python-sdk's `signature()` (sorted, `&`/`=` to `_`, hexdigest).
    const fields = {
      msisdn: '447700900001',
      to: '447700900000',
      messageId: '0A0000000123ABCD1',
      text: 'Hi & bye = ok',
      type: 'text',
      keyword: 'HI',
      'api-key': 'abcd1234',
      'message-timestamp': '2020-01-01 12:00:00',
      timestamp: '1577880000',
      nonce: 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab',
    };
    const secret = 's3cr3t-signature';

    expect(signFields(fields, secret, 'md5hash')).toBe('34f46fe5d506f0ec525e15468567872e');
    expect(signFields(fields, secret, 'md5')).toBe('A08E79A0F6272265E6DBE807E377814A');
    expect(signFields(fields, secret, 'sha1')).toBe('1ECCBE3342123E440D06A8E913D785CC821D6EAC');
    expect(signFields(fields, secret, 'sha256')).toBe(
      'EC22921AB3CF96884F9883D5D95BC9D83B3B14E24B9A00BB12DCEABDF44F3E50',
    );
    expect(signFields({ ...fields, sig: 'ignored' }, secret, 'sha256')).toBe(
      signFields(fields, secret, 'sha256'),
    );
  });

  it('send nothing signed once the secret is cleared', async () => {
    await admin(sim, 'webhooks', { signatureSecret: '' });

    await sim.sendInboundSms({ to: number, text: 'plain' });

    const [hook] = await receiver.waitFor(1);
    for (const name of ['timestamp', 'nonce', 'sig']) expect(hook?.fields).not.toHaveProperty(name);
  });
});

describe('delivery', () => {
  it('puts the fields in the query string for GET, keeping the URL own query', async () => {
    sim.state.account.moCallbackUrl = `${receiver.url}/inbound?source=vonage`;
    await admin(sim, 'webhooks', { method: 'GET' });

    await sim.sendInboundSms({ to: number, text: 'by get' });

    const [hook] = await receiver.waitFor(1);
    expect(hook?.method).toBe('GET');
    expect(hook?.body).toBe('');
    const { source, ...fields } = hook?.fields ?? {};
    expect(source).toBe('vonage');
    expect(fields).toMatchObject({ to: number, text: 'by get', type: 'text' });
    expect(fields.sig).toBe(vonageSignature(fields, SECRET, 'sha256').toUpperCase());
  });

  it('sends a urlencoded body with format form', async () => {
    await admin(sim, 'webhooks', { format: 'form' });

    await sim.sendInboundSms({ to: number, text: 'by form' });

    const [hook] = await receiver.waitFor(1);
    expect(hook?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(hook?.fields.text).toBe('by form');
  });

  it('retries after a 500 with the same fields, and records both attempts', async () => {
    receiver.answerNext(500);

    const sent = await sim.sendInboundSms({ to: number, text: 'again' });

    const hooks = await receiver.waitFor(2);
    expect(hooks[1]?.fields).toEqual(hooks[0]?.fields);
    expect(sent.messages).toEqual([expect.objectContaining({ attempts: 2, delivered: true })]);
    expect(sim.state.webhooks.sent.map(({ attempt, status }) => [attempt, status])).toEqual([
      [1, 500],
      [2, 200],
    ]);
    expect(sim.counters.webhooks).toEqual({ attempts: 2, delivered: 1, failed: 0 });
  });

  it('gives up after the last attempt, and records an unreachable receiver as an error', async () => {
    receiver.answerNext(500, 503, 500);
    await admin(sim, 'webhooks', { retryDelaysMs: [0, 0, 0] });

    const refused = await admin(sim, 'inbound-sms', { to: number, text: 'never' });
    sim.state.account.moCallbackUrl = 'http://127.0.0.1:1/closed';
    const unreachable = await sim.sendInboundSms({ to: number, text: 'nobody' });

    expect(refused.json()).toMatchObject({
      messages: [{ attempts: 3, delivered: false, status: 500 }],
    });
    expect(unreachable.messages[0]).toMatchObject({ attempts: 3, delivered: false });
    expect(unreachable.messages[0]?.error).toEqual(expect.any(String));
    expect(sim.counters.webhooks).toEqual({ attempts: 6, delivered: 0, failed: 2 });
  });

  it('sends the very same webhook twice with duplicate: true', async () => {
    const answer = await admin(sim, 'inbound-sms', { to: number, text: 'twice', duplicate: true });

    const hooks = await receiver.waitFor(2);
    expect(answer.status).toBe(200);
    expect(hooks[1]?.fields).toEqual(hooks[0]?.fields);
    expect(hooks[0]?.fields.messageId).toEqual(expect.any(String));
    expect(sim.counters.webhooks).toEqual({ attempts: 2, delivered: 2, failed: 0 });
  });

  it('refuses an invalid setting with 400 and changes nothing', async () => {
    const answer = await admin(sim, 'webhooks', { method: 'PUT', delayMs: 5 });

    expect(answer.status).toBe(400);
    expect(sim.state.webhooks.settings).toMatchObject({ method: 'POST', delayMs: 10 });
    expect((await admin(sim, 'webhooks', { signatureMethod: 'sha3' })).status).toBe(400);
  });
});
