import { type BusEvent } from '../../src/events';
import { type TestGateway, startGateway } from '../helpers/gateway';
import { metricValue, parsePrometheus } from '../helpers/prometheus';
import { deliveryReceipt, inboundSms, sendWebhook, signed } from './webhook-client';

const SECRET = 'WebhookSigningSecret-9f3a2b7c';
const INBOUND = '/webhooks/inbound-sms';
const RECEIPTS = '/webhooks/delivery-receipt';

let gateway: TestGateway;
/** Every line the gateway logs, at debug level, for the whole file. */
const lines: string[] = [];
/** Every event published, in order. */
const events: BusEvent[] = [];
const subscription = new AbortController();
let reading: Promise<void>;

beforeAll(async () => {
  gateway = await startGateway(
    {
      LOG_LEVEL: 'debug',
      WEBHOOK_SIGNATURE_SECRET: SECRET,
      WEBHOOK_SIGNATURE_METHOD: 'sha256',
      WEBHOOK_CONCAT_TIMEOUT_MS: '300',
      PUBLIC_BASE_URL: 'https://gateway.example.com/',
    },
    { logDestination: { write: (line: string) => void lines.push(line) } },
  );
  const { bus } = gateway.app.runtime.services.events;
  reading = (async () => {
    for await (const { event } of bus.subscribe(() => true, { signal: subscription.signal })) {
      events.push(event);
    }
  })();
});

afterAll(async () => {
  subscription.abort();
  await reading;
  await gateway.close();
});

/** The events published from now on, once `count` have been (or fails after 3 s). */
async function published(from: number, count: number): Promise<BusEvent[]> {
  const deadline = Date.now() + 3_000;
  while (events.length < from + count) {
    if (Date.now() > deadline) throw new Error(`${events.length - from} of ${count} published`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return events.slice(from);
}

async function metric(name: string, labels: Record<string, string>): Promise<number | undefined> {
  const text = await (await fetch(`${gateway.url}/metrics`)).text();
  return metricValue(parsePrometheus(text), name, labels);
}

describe('signed webhooks, the three ways Vonage sends them', () => {
  it('takes a signed inbound SMS as JSON, answers 200 at once and publishes it', async () => {
    const from = events.length;
    const sms = inboundSms();
    expect(await sendWebhook(gateway.url, INBOUND, signed(sms, SECRET), 'json')).toEqual({
      status: 200,
      text: '',
    });
    expect(await published(from, 1)).toEqual([
      {
        kind: 'InboundSms',
        messageId: sms.messageId,
        messageIds: [sms.messageId],
        from: '447700900001',
        to: '447700900999',
        text: 'Hello & welcome = yes',
        type: 'text',
        keyword: 'HELLO',
        receivedAt: '2024-05-01T10:20:30.000Z',
        complete: true,
        missingParts: [],
      },
    ]);
  });

  it('takes a signed delivery receipt as a form, with its price exact and scts as a date', async () => {
    const from = events.length;
    const receipt = deliveryReceipt();
    const answer = await sendWebhook(gateway.url, RECEIPTS, signed(receipt, SECRET), 'form');
    expect(answer.status).toBe(200);
    expect(await published(from, 1)).toEqual([
      {
        kind: 'DeliveryReceipt',
        messageId: receipt.messageId,
        to: '447700900002',
        from: 'AcmeInc',
        status: 'DELIVERED',
        errorCode: 0,
        price: '0.03330000',
        networkCode: '23410',
        deliveredAt: '2024-05-01T10:21:00.000Z',
        receivedAt: '2024-05-01T10:21:05.000Z',
      },
    ]);
  });

  it('takes a signed inbound SMS as a GET query', async () => {
    const from = events.length;
    const sms = inboundSms({ text: 'a+b c%20d', keyword: 'A+B' });
    expect((await sendWebhook(gateway.url, INBOUND, signed(sms, SECRET), 'get')).status).toBe(200);
    const [event] = await published(from, 1);
    expect(event).toMatchObject({ messageId: sms.messageId, text: 'a+b c%20d', keyword: 'A+B' });
  });
});

describe('refused webhooks', () => {
  it.each([
    [
      'a wrong signature',
      'wrong_signature',
      () => ({ ...signed(inboundSms(), SECRET), sig: 'ab'.repeat(32) }),
    ],
    ['another secret', 'wrong_signature', () => signed(inboundSms(), 'AnotherSecret')],
    [
      'a changed text',
      'wrong_signature',
      () => ({ ...signed(inboundSms(), SECRET), text: 'Changed' }),
    ],
    ['no signature', 'missing_signature', () => inboundSms()],
    [
      'a timestamp 10 minutes old',
      'stale',
      () => signed(inboundSms(), SECRET, 'sha256', Math.floor(Date.now() / 1000) - 600),
    ],
    [
      'a timestamp 10 minutes ahead',
      'stale',
      () => signed(inboundSms(), SECRET, 'sha256', Math.floor(Date.now() / 1000) + 600),
    ],
  ])('refuses %s with 401, counts it, publishes nothing', async (_name, reason, params) => {
    const labels = { webhook: 'inbound-sms', reason };
    const before = (await metric('gateway_webhooks_refused_total', labels)) ?? 0;
    const from = events.length;
    const answer = await sendWebhook(gateway.url, INBOUND, params(), 'json');
    expect(answer.status).toBe(401);
    expect(answer.text).toMatch(/^Webhook refused: /);
    expect(await metric('gateway_webhooks_refused_total', labels)).toBe(before + 1);
    // A good one sent after is the next event published: the refused one never was.
    const good = inboundSms();
    await sendWebhook(gateway.url, INBOUND, signed(good, SECRET), 'form');
    expect((await published(from, 1)).map((event) => event.messageId)).toEqual([good.messageId]);
  });

  it('accepts the signature in capitals (hex compared in any case)', async () => {
    const params = signed(inboundSms(), SECRET);
    const answer = await sendWebhook(gateway.url, INBOUND, {
      ...params,
      sig: params.sig.toUpperCase(),
    });
    expect(answer.status).toBe(200);
  });

  it.each([
    ['no messageId', { messageId: '' }, 'messageId is missing'],
    ['no msisdn', { msisdn: '' }, 'msisdn is missing'],
    ['a type Vonage never sends', { type: 'emoji' }, 'type is not one of text, unicode, binary'],
    [
      'a malformed message-timestamp',
      { 'message-timestamp': 'yesterday' },
      'message-timestamp is not YYYY-MM-DD HH:MM:SS',
    ],
  ])('answers a signed inbound SMS with %s 400 with the reason', async (_name, change, reason) => {
    const params = Object.fromEntries(
      Object.entries({ ...inboundSms(), ...change }).filter(([, value]) => value !== ''),
    );
    const answer = await sendWebhook(gateway.url, INBOUND, signed(params, SECRET), 'json');
    expect(answer).toEqual({ status: 400, text: `Bad webhook: ${reason}.\n` });
  });

  it('answers a receipt with an unknown status, a bad price or a bad scts 400, counted', async () => {
    const labels = { webhook: 'delivery-receipt', reason: 'invalid_payload' };
    const before = (await metric('gateway_webhooks_refused_total', labels)) ?? 0;
    const changes: Record<string, string>[] = [
      { status: 'lost' },
      { price: '1e3' },
      { scts: '2413011021' },
    ];
    for (const change of changes) {
      const params = signed(deliveryReceipt(change), SECRET);
      expect((await sendWebhook(gateway.url, RECEIPTS, params, 'form')).status).toBe(400);
    }
    expect(await metric('gateway_webhooks_refused_total', labels)).toBe(before + 3);
  });

  it('answers a body that is not JSON 400, another method 405, an oversized body 413', async () => {
    const post = (body: string, type = 'application/json') =>
      fetch(gateway.url + INBOUND, { method: 'POST', headers: { 'content-type': type }, body });
    expect((await post('{not json')).status).toBe(400);
    expect((await post('[]')).status).toBe(400);
    expect((await post('x', 'text/plain')).status).toBe(400);
    expect((await post(JSON.stringify({ text: 'x'.repeat(70_000) }))).status).toBe(413);
    const put = await fetch(`${gateway.url}${INBOUND}`, { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, POST');
  });
});

describe('retries and concatenated SMS', () => {
  it('publishes a webhook sent three times (Vonage retries) once, counting the duplicates', async () => {
    const labels = { webhook: 'delivery-receipt' };
    const before = (await metric('gateway_webhooks_duplicates_total', labels)) ?? 0;
    const from = events.length;
    const receipt = deliveryReceipt();
    for (let i = 0; i < 3; i++) {
      expect((await sendWebhook(gateway.url, RECEIPTS, signed(receipt, SECRET))).status).toBe(200);
    }
    // The next receipt of the same message (another status) is an event of its own.
    await sendWebhook(gateway.url, RECEIPTS, signed({ ...receipt, status: 'expired' }, SECRET));
    const sent = await published(from, 2);
    expect(sent.map((event) => 'status' in event && event.status)).toEqual([
      'DELIVERED',
      'EXPIRED',
    ]);
    expect(await metric('gateway_webhooks_duplicates_total', labels)).toBe(before + 2);
  });

  it('joins a message in 3 parts sent out of order, publishing it once, in part order', async () => {
    const from = events.length;
    const part = (number: number, text: string) =>
      inboundSms({
        concat: 'true',
        'concat-ref': '77',
        'concat-total': '3',
        'concat-part': String(number),
        text,
      });
    const parts = [part(2, 'second '), part(3, 'third.'), part(1, 'First, ')];
    // A retry of part 2 among them changes nothing.
    for (const params of [parts[0], parts[1], parts[0], parts[2]]) {
      expect((await sendWebhook(gateway.url, INBOUND, signed(params, SECRET), 'form')).status).toBe(
        200,
      );
    }
    const [joined, ...more] = await published(from, 1);
    expect(more).toEqual([]);
    expect(joined).toMatchObject({
      messageId: parts[2].messageId,
      messageIds: [parts[2].messageId, parts[0].messageId, parts[1].messageId],
      text: 'First, second third.',
      complete: true,
      missingParts: [],
    });
  });

  it('publishes what came of a message in parts after WEBHOOK_CONCAT_TIMEOUT_MS, marked incomplete', async () => {
    const from = events.length;
    const part = (number: number) =>
      inboundSms({
        concat: 'true',
        'concat-ref': '12',
        'concat-total': '3',
        'concat-part': String(number),
        text: `p${number}`,
      });
    const started = Date.now();
    for (const number of [3, 1])
      await sendWebhook(gateway.url, INBOUND, signed(part(number), SECRET));
    const [event] = await published(from, 1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(event).toMatchObject({
      text: 'p1p3',
      complete: false,
      missingParts: [2],
      keyword: 'HELLO',
    });
    const complete = { kind: 'InboundSms', complete: 'false' };
    expect(await metric('gateway_events_published_total', complete)).toBeGreaterThanOrEqual(1);
  });
});

describe('what the gateway says', () => {
  it('logs the webhook URLs under PUBLIC_BASE_URL at start', () => {
    const ready = lines
      .map((line) => JSON.parse(line))
      .find((line) => line.msg.startsWith('webhooks ready'));
    expect(ready.webhooks).toEqual({
      'inbound-sms': 'https://gateway.example.com/webhooks/inbound-sms',
      'delivery-receipt': 'https://gateway.example.com/webhooks/delivery-receipt',
    });
    expect(ready.signatures).toBe('sha256');
  });

  it('writes the signature secret in no log line (debug included) and no metric', async () => {
    const text = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.filter((line) => line.includes('webhook refused')).length).toBeGreaterThan(5);
    for (const output of [...lines, text]) expect(output).not.toContain(SECRET);
    // A refusal's log line has nothing of what the webhook carried.
    expect(lines.join('\n')).not.toContain('Hello & welcome');
  });
});
