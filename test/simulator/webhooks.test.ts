import { startSimulator, type Simulator, WebhookRefusal } from '../../src/simulator';
import { call } from './helpers';
import { admin, type Receiver, startReceiver } from './webhooks-helpers';

let sim: Simulator;
let receiver: Receiver;
/** The first starting number (GB mobile) and the second, both the primary's. */
let first: string;
let second: string;

beforeAll(async () => {
  [sim, receiver] = await Promise.all([startSimulator(), startReceiver()]);
  [first = '', second = ''] = [...sim.state.numbers.owned.keys()];
});
afterAll(() => Promise.all([sim.close(), receiver.close()]));
beforeEach(() => {
  sim.reset();
  receiver.received.length = 0;
  // The seed points the first number at example.com: never let a test send there.
  for (const number of sim.state.numbers.owned.values()) delete number.moHttpUrl;
});

const MESSAGE_ID = /^[0-9A-F]{16}$/;
const VONAGE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** `YYYY-MM-DD HH:MM:SS` of a unix time, UTC. */
const asVonageTime = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

describe('POST /_simulator/inbound-sms', () => {
  it("delivers to the number's moHttpUrl (set by POST /number/update) with Vonage's fields", async () => {
    const country = sim.state.numbers.owned.get(first)?.country ?? '';
    const update = await call(sim, '/number/update', {
      form: { country, msisdn: first, moHttpUrl: `${receiver.url}/number-hook` },
    });
    expect(update.status).toBe(200);
    const before = Date.now();

    const answer = await admin(sim, 'inbound-sms', { to: first, text: 'hello there' });

    expect(answer.status).toBe(200);
    const [hook] = await receiver.waitFor(1);
    expect(hook?.method).toBe('POST');
    expect(hook?.path).toBe('/number-hook');
    expect(hook?.headers['content-type']).toBe('application/json');
    expect(hook?.fields).toEqual({
      'api-key': 'sandbox',
      msisdn: '447700900001',
      to: first,
      messageId: expect.stringMatching(MESSAGE_ID),
      text: 'hello there',
      type: 'text',
      keyword: 'HELLO',
      'message-timestamp': expect.stringMatching(VONAGE_TIME),
    });
    const stamp = hook?.fields['message-timestamp'] ?? '';
    expect(stamp >= asVonageTime(before - 1000) && stamp <= asVonageTime(Date.now())).toBe(true);
    expect(answer.json()).toMatchObject({
      url: `${receiver.url}/number-hook`,
      messages: [{ attempts: 1, delivered: true, status: 200, fields: hook?.fields }],
    });
  });

  it("falls back to the account's moCallbackUrl (set by POST /account/settings)", async () => {
    const settings = await call(sim, '/account/settings', {
      form: { moCallBackUrl: `${receiver.url}/account-hook` },
    });
    expect(settings.json()['mo-callback-url']).toBe(`${receiver.url}/account-hook`);

    const answer = await admin(sim, 'inbound-sms', { to: second, from: '14155550100', text: 'Hi' });

    expect(answer.status).toBe(200);
    const [hook] = await receiver.waitFor(1);
    expect(hook?.path).toBe('/account-hook');
    expect(hook?.fields).toMatchObject({ msisdn: '14155550100', to: second, keyword: 'HI' });
  });

  it('answers 409 and sends nothing when neither URL is set', async () => {
    const answer = await admin(sim, 'inbound-sms', { to: second, text: 'lost' });
    await sim.webhooksSettled();

    expect(answer.status).toBe(409);
    expect(answer.json()).toMatchObject({
      title: 'Conflict',
      detail: expect.stringContaining(second),
    });
    expect(receiver.received).toEqual([]);
    expect(sim.state.webhooks.sent).toEqual([]);
    expect(sim.counters.webhooks).toEqual({ attempts: 0, delivered: 0, failed: 0 });
  });

  it('answers 404 for a number no account owns, and 400 for a missing text', async () => {
    sim.state.account.moCallbackUrl = receiver.url;

    const unowned = await admin(sim, 'inbound-sms', { to: '447700900999', text: 'x' });
    const noText = await admin(sim, 'inbound-sms', { to: first });

    expect(unowned.status).toBe(404);
    expect(noText.status).toBe(400);
    expect(noText.json().detail).toContain('text');
    expect(receiver.received).toEqual([]);
  });

  it('sends a 3-part message as 3 webhooks sharing a concat-ref, out of order', async () => {
    sim.state.account.moCallbackUrl = receiver.url;
    const text = 'The quick brown fox jumps over the lazy dog, then naps in the sun.';

    await admin(sim, 'inbound-sms', { to: first, text, parts: 3 });

    const hooks = await receiver.waitFor(3);
    const fields = hooks.map((hook) => hook.fields);
    const refs = new Set(fields.map((part) => part['concat-ref']));
    expect(refs.size).toBe(1);
    expect(fields.every((part) => part.concat === 'true' && part['concat-total'] === '3')).toBe(
      true,
    );
    const order = fields.map((part) => Number(part['concat-part']));
    expect([...order].sort()).toEqual([1, 2, 3]);
    expect(order).not.toEqual([1, 2, 3]);
    expect(new Set(fields.map((part) => part.messageId)).size).toBe(3);
    const joined = [...fields]
      .sort((a, b) => Number(a['concat-part']) - Number(b['concat-part']))
      .map((part) => part.text)
      .join('');
    expect(joined).toBe(text);
  });

  it('cuts a long text into 153-character parts, and a long unicode one into 67', async () => {
    sim.state.account.moCallbackUrl = receiver.url;
    const long = 'a'.repeat(400);
    const emoji = '😀'.repeat(40);

    await admin(sim, 'inbound-sms', { to: first, text: long });
    await admin(sim, 'inbound-sms', { to: first, text: emoji });

    const hooks = (await receiver.waitFor(5)).map((hook) => hook.fields);
    const plain = hooks.filter((part) => part.type === 'text');
    const wide = hooks.filter((part) => part.type === 'unicode');
    const byPart = (parts: typeof hooks) =>
      parts.sort((a, b) => Number(a['concat-part']) - Number(b['concat-part']));
    expect(byPart(plain).map((part) => part.text?.length)).toEqual([153, 153, 94]);
    // 40 emoji are 80 UTF-16 units: one part of 33 pairs (66 units), the rest in the next.
    expect(byPart(wide).map((part) => [...(part.text ?? '')].length)).toEqual([33, 7]);
    expect(plain[0]?.['concat-ref']).not.toBe(wide[0]?.['concat-ref']);
  });

  it('sends nothing to a host other than this machine: a sandbox reaches no network', async () => {
    sim.state.account.moCallbackUrl = 'https://example.com/webhooks/inbound-sms';

    const sent = await sim.sendInboundSms({ to: first, text: 'ping' });

    expect(sent.messages[0]).toMatchObject({
      delivered: false,
      error: expect.stringMatching(/only calls this machine/),
    });
    expect(sim.state.webhooks.sent.every((attempt) => attempt.error !== undefined)).toBe(true);
  });

  it('is callable in-process, resolving with what was sent or rejecting with the reason', async () => {
    sim.state.account.moCallbackUrl = receiver.url;

    const sent = await sim.sendInboundSms({ to: first, text: 'ping' });
    sim.state.account.moCallbackUrl = '';
    const refused = sim.sendInboundSms({ to: first, text: 'ping' });

    expect(sent.url).toBe(receiver.url);
    expect(sent.messages.map((message) => message.fields)).toEqual(
      receiver.received.map((hook) => hook.fields),
    );
    await expect(refused).rejects.toBeInstanceOf(WebhookRefusal);
    await expect(refused).rejects.toMatchObject({ status: 409 });
  });
});

describe('POST /_simulator/send-sms', () => {
  it("answers like the SMS API, then sends a receipt to drCallbackUrl with Vonage's fields", async () => {
    sim.state.account.drCallbackUrl = `${receiver.url}/dlr`;

    const answer = await admin(sim, 'send-sms', { from: first, to: '14155550100', text: 'Hi' });

    expect(answer.status).toBe(200);
    const body = answer.json();
    const messageId = String(body.messageId);
    expect(messageId).toMatch(MESSAGE_ID);
    expect(body).toMatchObject({
      'message-count': '1',
      messages: [
        {
          to: '14155550100',
          'message-id': messageId,
          status: '0',
          'remaining-balance': '10.17127500',
          'message-price': expect.stringMatching(/^\d+\.\d{8}$/),
          network: expect.stringMatching(/^31[0-6]\d{3}$/),
        },
      ],
      receiptUrl: `${receiver.url}/dlr`,
    });
    const [receipt] = await receiver.waitFor(1);
    const message = (body.messages as Record<string, string>[])[0];
    expect(receipt?.path).toBe('/dlr');
    expect(receipt?.fields).toEqual({
      msisdn: '14155550100',
      to: first,
      'network-code': message?.network,
      messageId,
      price: message?.['message-price'],
      status: 'delivered',
      scts: expect.stringMatching(/^\d{10}$/),
      'err-code': '0',
      'api-key': 'sandbox',
      'message-timestamp': expect.stringMatching(VONAGE_TIME),
    });
    // scts is YYMMDDHHMM of the same moment as message-timestamp.
    const stamp = receipt?.fields['message-timestamp'] ?? '';
    expect(receipt?.fields.scts).toBe(stamp.replace(/\D/g, '').slice(2, 12));
  });

  it.each([
    ['expired', '2'],
    ['failed', '8'],
    ['rejected', '6'],
    ['unknown', '1'],
  ])('gives a %s receipt err-code %s', async (status, errCode) => {
    sim.state.account.drCallbackUrl = receiver.url;

    await admin(sim, 'send-sms', { from: 'AcmeInc', to: '447700900001', text: 'x', status });

    const [receipt] = await receiver.waitFor(1);
    expect(receipt?.fields).toMatchObject({ status, 'err-code': errCode, to: 'AcmeInc' });
  });

  it('sends no receipt without a drCallbackUrl, and refuses an unowned numeric sender', async () => {
    const quiet = await admin(sim, 'send-sms', { from: first, to: '447700900001', text: 'x' });
    const unowned = await admin(sim, 'send-sms', {
      from: '447700900999',
      to: '447700900001',
      text: 'x',
    });
    await sim.webhooksSettled();

    expect(quiet.json().receiptUrl).toBeNull();
    expect(unowned.status).toBe(404);
    expect(receiver.received).toEqual([]);
  });

  it('waits delayMs before the receipt', async () => {
    sim.state.account.drCallbackUrl = receiver.url;
    sim.state.webhooks.settings.delayMs = 300;

    sim.sendSms({ from: first, to: '447700900001', text: 'x' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(receiver.received).toEqual([]);

    await sim.webhooksSettled();
    expect(receiver.received).toHaveLength(1);
  });
});

describe('webhook state', () => {
  it('records every attempt, counts them apart from the API, and reset() clears them', async () => {
    sim.state.account.moCallbackUrl = receiver.url;
    sim.state.webhooks.settings.method = 'GET';

    await sim.sendInboundSms({ to: first, text: 'one' });

    expect(sim.state.webhooks.sent).toEqual([
      expect.objectContaining({
        kind: 'inbound-sms',
        url: receiver.url,
        method: 'GET',
        status: 200,
      }),
    ]);
    expect(sim.counters.webhooks).toEqual({ attempts: 1, delivered: 1, failed: 0 });
    expect(sim.counters.total).toBe(0);
    sim.reset();
    expect(sim.state.webhooks.sent).toEqual([]);
    expect(sim.state.webhooks.settings.method).toBe('POST');
    expect(sim.counters.webhooks).toEqual({ attempts: 0, delivered: 0, failed: 0 });
  });
});
