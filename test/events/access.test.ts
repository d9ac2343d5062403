import { ConfigError } from '../../src/config/settings';
import { type BusEvent, type EventBus } from '../../src/events';
import { EventsService } from '../../src/events/events.service';
import { eventsRoutes } from '../../src/events/events.routes';
import { loadGatewayConfig } from '../../src/domains';
import { silentLogger } from '../../src/base/logger';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tokenEntry } from '../helpers/auth';
import { startGateway } from '../helpers/gateway';
import { deliveryReceipt, inboundSms, sendWebhook, signed } from './webhook-client';

const SECRET = 'AnotherWebhookSecret-41d2';

describe('when signatures are required', () => {
  const production = {
    NODE_ENV: 'production',
    VONAGE_API_KEY: 'abcd1234',
    VONAGE_API_SECRET: 'NotTheWebhookSecret1',
    AUTH: 'none',
  };

  it('refuses to start under NODE_ENV=production with credentials without a secret, naming the variables', () => {
    expect(() => loadGatewayConfig(production)).toThrow(ConfigError);
    expect(() => loadGatewayConfig(production)).toThrow(
      /WEBHOOK_SIGNATURE_SECRET is not set.*WEBHOOK_SIGNATURES=off/,
    );
  });

  it('starts under NODE_ENV=production with a secret, or with WEBHOOK_SIGNATURES=off', () => {
    const signedConfig = loadGatewayConfig({ ...production, WEBHOOK_SIGNATURE_SECRET: SECRET });
    expect(signedConfig.events.signature).toEqual({ secret: SECRET, method: 'sha256' });
    const off = loadGatewayConfig({ ...production, WEBHOOK_SIGNATURES: 'off' });
    expect(off.events.signature).toBeUndefined();
  });

  it('starts the sandbox under NODE_ENV=production (as npm start runs it) without a secret', () => {
    const sandbox = loadGatewayConfig({ NODE_ENV: 'production', SANDBOX: 'true' });
    expect(sandbox.events.signature).toBeUndefined();
  });

  it('refuses contradictions and bad values without repeating the secret', () => {
    const refusals: [Record<string, string>, RegExp][] = [
      [{ WEBHOOK_SIGNATURES: 'off', WEBHOOK_SIGNATURE_SECRET: SECRET }, /both set/],
      [{ WEBHOOK_SIGNATURES: 'on' }, /WEBHOOK_SIGNATURES=on but WEBHOOK_SIGNATURE_SECRET/],
      [{ WEBHOOK_SIGNATURE_SECRET: SECRET, WEBHOOK_SIGNATURE_METHOD: 'sha3' }, /md5hash, md5/],
      [{ ...production, WEBHOOK_SIGNATURES: 'off', PUBLIC_BASE_URL: 'http://a.example' }, /https/],
      [{ WEBHOOK_MAX_AGE_SECONDS: '0' }, /WEBHOOK_MAX_AGE_SECONDS must be/],
    ];
    for (const [env, message] of refusals) {
      let error: unknown;
      try {
        loadGatewayConfig(env);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain(SECRET);
    }
  });
});

describe('without a secret (sandbox, not production)', () => {
  it('accepts unsigned webhooks, and needs no caller token where /graphql does', async () => {
    const gateway = await startGateway({
      API_TOKENS: tokenEntry('svc', 'a-caller-token-of-enough-length', ['account:read']),
    });
    try {
      expect((await gateway.graphql('{ account { balance { autoReload } } }')).status).toBe(401);
      const events: BusEvent[] = [];
      const controller = new AbortController();
      const reading = (async () => {
        const { bus } = gateway.app.runtime.services.events;
        for await (const { event } of bus.subscribe(() => true, { signal: controller.signal })) {
          events.push(event);
          if (events.length === 2) return;
        }
      })();
      const sms = inboundSms();
      expect((await sendWebhook(gateway.url, '/webhooks/inbound-sms', sms, 'get')).status).toBe(
        200,
      );
      const receipt = deliveryReceipt({ status: 'rejected', 'err-code': '6' });
      const answer = await sendWebhook(gateway.url, '/webhooks/delivery-receipt', receipt, 'json');
      expect(answer.status).toBe(200);
      await reading;
      expect(events.map((event) => event.messageId)).toEqual([sms.messageId, receipt.messageId]);
      expect(events[1]).toMatchObject({ status: 'REJECTED', errorCode: 6 });
    } finally {
      await gateway.close();
    }
  });
});

describe('each signature method, and the answer before publishing', () => {
  let server: Server;
  let url: string;
  let published: BusEvent[];
  /** A bus whose publish never settles: the webhook must be answered all the same. */
  const stuck: EventBus = {
    publish: (event) => {
      published.push(event);
      return new Promise(() => undefined);
    },
    subscribe: () => ({ [Symbol.asyncIterator]: () => ({ next: () => new Promise(() => {}) }) }),
    subscribers: 0,
  };

  async function serve(method: 'md5hash' | 'md5' | 'sha1' | 'sha256' | 'sha512'): Promise<void> {
    published = [];
    const settings = {
      signature: { secret: SECRET, method },
      maxAgeSeconds: 300,
      concatTimeoutMs: 50,
    };
    const routes = eventsRoutes(new EventsService(settings, silentLogger, stuck));
    server = createServer((req, res) => {
      const target = new URL(req.url ?? '/', 'http://local');
      void routes[target.pathname].handle(req, res, target);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  afterEach(() => new Promise((resolve) => server.close(resolve)));

  it.each(['md5hash', 'md5', 'sha1', 'sha256', 'sha512'] as const)(
    'accepts %s signatures made by its rule, refuses another method',
    async (method) => {
      await serve(method);
      const sms = inboundSms({ text: 'a=b&c=d' });
      const answer = await sendWebhook(url, '/webhooks/inbound-sms', signed(sms, SECRET, method));
      expect(answer.status).toBe(200);
      expect(published.map((event) => event.messageId)).toEqual([sms.messageId]);
      const other = method === 'sha256' ? 'sha512' : 'sha256';
      const wrong = signed(inboundSms(), SECRET, other);
      expect((await sendWebhook(url, '/webhooks/inbound-sms', wrong, 'form')).status).toBe(401);
      expect(published).toHaveLength(1);
    },
  );
});
