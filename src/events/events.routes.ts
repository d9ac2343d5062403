import { type IncomingMessage, type ServerResponse } from 'node:http';
import { BodyTooLarge, readBody } from '../http/request-body';
import { type HttpRoute } from '../kernel/domain';
import { BadPayload, parseInbound, parseReceipt } from './events.parse';
import { type EventsService, WEBHOOKS, type Webhook } from './events.service';
import { type Refusal } from './events.signature';

/** A webhook is a few hundred bytes; this leaves room and no more. */
const MAX_WEBHOOK_BYTES = 64 * 1024;

const REFUSALS: Record<Refusal, string> = {
  missing_signature: 'Webhook refused: it is not signed (sig).',
  wrong_signature: 'Webhook refused: its signature (sig) does not match.',
  missing_timestamp: 'Webhook refused: it has no timestamp.',
  stale: 'Webhook refused: its timestamp is too far from now (a replay?).',
};

function answer(res: ServerResponse, status: number, text?: string): void {
  const body = text === undefined ? '' : `${text}\n`;
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(body);
}

/** One value per name: a repeated one could be read one way and signed another. */
function single(entries: Iterable<[string, string]>): Record<string, string> {
  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of entries) {
    if (Object.hasOwn(params, name)) throw new BadPayload(`${name} is sent more than once`);
    params[name] = value;
  }
  return params;
}

/** A JSON body: one object of strings (Vonage sends every field as a string). */
function fromJson(text: string): Record<string, string> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new BadPayload('the body is not JSON');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new BadPayload('the body is not a JSON object');
  }
  const entries: [string, string][] = [];
  for (const [name, value] of Object.entries(body)) {
    if (value === null) continue;
    if (!['string', 'number', 'boolean'].includes(typeof value)) {
      throw new BadPayload(`${name} is not a string`);
    }
    entries.push([name, String(value)]);
  }
  return single(entries);
}

/**
 * The webhook's parameters, as Vonage sends them: a GET's query, or a POST's body, form-encoded
 * or JSON (the dashboard's "HTTP method": GET, POST, POST-JSON).
 */
async function readParams(req: IncomingMessage, url: URL): Promise<Record<string, string>> {
  if (req.method === 'GET') return single(url.searchParams);
  const text = await readBody(req, MAX_WEBHOOK_BYTES);
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/json') return fromJson(text);
  if (type === 'application/x-www-form-urlencoded') return single(new URLSearchParams(text));
  throw new BadPayload('the body is neither application/json nor form-encoded');
}

function webhookRoute(service: EventsService, webhook: Webhook): HttpRoute {
  return {
    methods: ['GET', 'POST'],
    handle: async (req, res, url) => {
      let params: Record<string, string>;
      try {
        params = await readParams(req, url);
      } catch (error) {
        if (error instanceof BodyTooLarge) {
          service.refused(webhook, 'too_large');
          return answer(res, 413, `A webhook body is at most ${MAX_WEBHOOK_BYTES} bytes.`);
        }
        if (!(error instanceof BadPayload)) throw error;
        service.refused(webhook, 'invalid_payload', error.message);
        return answer(res, 400, `Bad webhook: ${error.message}.`);
      }
      const refusal = service.verify(params);
      if (refusal) {
        service.refused(webhook, refusal);
        return answer(res, 401, REFUSALS[refusal]);
      }
      let accept: () => void;
      try {
        if (webhook === 'inbound-sms') {
          const part = parseInbound(params);
          accept = () => service.acceptInbound(part);
        } else {
          const receipt = parseReceipt(params);
          accept = () => service.acceptReceipt(receipt);
        }
      } catch (error) {
        if (!(error instanceof BadPayload)) throw error;
        service.refused(webhook, 'invalid_payload', error.message);
        return answer(res, 400, `Bad webhook: ${error.message}.`);
      }
      // Answered first: Vonage resends a webhook whose answer is slow.
      answer(res, 200);
      accept();
    },
  };
}

/** The domain's HTTP endpoints: the two webhooks, each with its own signature, no caller auth. */
export function eventsRoutes(service: EventsService): Record<string, HttpRoute> {
  return {
    [WEBHOOKS['inbound-sms']]: webhookRoute(service, 'inbound-sms'),
    [WEBHOOKS['delivery-receipt']]: webhookRoute(service, 'delivery-receipt'),
  };
}
