import { type Counters, type CountersSnapshot, type Faults } from './faults';
import { problem, type Reply } from './area';
import { type Payload } from './render';

export const ADMIN_PREFIX = '/_simulator/';

export interface AdminControls {
  counters: Counters;
  faults: Faults;
  reset(): void;
  /** `POST prices {"move": n, "type": "sms"}`: moves n network prices; answers what moved. */
  movePrices(n: number, type?: string): unknown;
  /** `POST subaccounts {"provisioned": false}`: sets the flags given; answers them all. */
  configureSubaccounts(input: unknown): Payload;
  /** `POST inbound-sms`: answers once every webhook is delivered or given up. */
  sendInboundSms(input: unknown): Promise<Payload>;
  /** `POST send-sms`: answers at once; the delivery receipt follows. */
  sendSms(input: unknown): Payload;
  /** `POST webhooks`: signature, method, format and timing of every webhook. */
  configureWebhooks(input: unknown): Payload;
}

type AdminHandler = (
  body: string,
  controls: AdminControls,
  traceId: string,
) => Reply | Promise<Reply>;

const ADMIN_ROUTES: Readonly<Record<string, { method: string; handle: AdminHandler }>> = {
  counters: { method: 'GET', handle: (_body, { counters }) => ok(counters.snapshot()) },
  reset: {
    method: 'POST',
    handle: (_body, controls) => {
      controls.reset();
      return { status: 204 };
    },
  },
  prices: {
    method: 'POST',
    handle: (body, { movePrices }, traceId) => {
      try {
        const input: unknown = JSON.parse(body || '{}');
        if (typeof input !== 'object' || input === null || Array.isArray(input)) {
          throw new TypeError('Send a JSON object like {"move": 3, "type": "sms"}');
        }
        const { move, type } = input as { move?: unknown; type?: unknown };
        if (typeof move !== 'number') throw new TypeError('move must be an integer >= 1');
        if (type !== undefined && typeof type !== 'string') {
          throw new TypeError('type must be sms, sms-transit or voice');
        }
        return { status: 200, body: { moved: movePrices(move, type) as Payload } };
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        return problem(400, 'bad-request', 'Bad Request', detail, traceId);
      }
    },
  },
  subaccounts: {
    method: 'POST',
    handle: (body, { configureSubaccounts }, traceId) => {
      try {
        return { status: 200, body: configureSubaccounts(JSON.parse(body || '{}')) };
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        return problem(400, 'bad-request', 'Bad Request', detail, traceId);
      }
    },
  },
  'inbound-sms': {
    method: 'POST',
    handle: (body, { sendInboundSms }, traceId) =>
      guarded(traceId, async () => ({ status: 200, body: await sendInboundSms(parse(body)) })),
  },
  'send-sms': {
    method: 'POST',
    handle: (body, { sendSms }, traceId) =>
      guarded(traceId, () => ({ status: 200, body: sendSms(parse(body)) })),
  },
  webhooks: {
    method: 'POST',
    handle: (body, { configureWebhooks }, traceId) =>
      guarded(traceId, () => ({ status: 200, body: configureWebhooks(parse(body)) })),
  },
  faults: {
    method: 'POST',
    handle: (body, { faults }, traceId) => {
      try {
        faults.configure(JSON.parse(body || '{}'));
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        return problem(400, 'bad-request', 'Bad Request', detail, traceId);
      }
      return { status: 204 };
    },
  },
};

/**
 * Lets another process drive the sandbox (`GET counters`, `POST reset`, `POST faults`,
 * `POST prices`, `POST subaccounts`, `POST webhooks`, `POST inbound-sms`, `POST send-sms`). These
 * endpoints need no credentials, are never counted and never hit by faults.
 */
export function adminReply(
  method: string,
  path: string,
  body: string,
  controls: AdminControls,
  traceId: string,
): Reply | Promise<Reply> {
  const name = path.slice(ADMIN_PREFIX.length);
  const route = Object.hasOwn(ADMIN_ROUTES, name) ? ADMIN_ROUTES[name] : undefined;
  if (!route) return problem(404, 'not-found', 'Not Found', `No admin endpoint ${path}`, traceId);
  if (route.method !== method) {
    const detail = `${path} only accepts ${route.method}`;
    const reply = problem(405, 'method-not-allowed', 'Method Not Allowed', detail, traceId);
    return { ...reply, headers: { allow: route.method } };
  }
  return route.handle(body, controls, traceId);
}

function parse(body: string): unknown {
  try {
    return JSON.parse(body || '{}') as unknown;
  } catch {
    throw new TypeError('Send a JSON body');
  }
}

/**
 * A refusal that carries its own status (`WebhookRefusal`: 404 not owned, 409 no callback URL)
 * answers that status; any other error is the caller's bad input, a 400.
 */
async function guarded(traceId: string, run: () => Reply | Promise<Reply>): Promise<Reply> {
  try {
    return await run();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status !== 400) {
      const [slug, title] = status === 404 ? ['not-found', 'Not Found'] : ['conflict', 'Conflict'];
      return problem(status, slug, title, detail, traceId);
    }
    return problem(400, 'bad-request', 'Bad Request', detail, traceId);
  }
}

function ok(snapshot: CountersSnapshot): Reply {
  return { status: 200, body: { ...snapshot } };
}
