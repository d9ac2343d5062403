import { type Counters, type CountersSnapshot, type Faults } from './faults';
import { problem, type Reply } from './area';

export const ADMIN_PREFIX = '/_simulator/';

export interface AdminControls {
  counters: Counters;
  faults: Faults;
  reset(): void;
}

type AdminHandler = (body: string, controls: AdminControls, traceId: string) => Reply;

const ADMIN_ROUTES: Readonly<Record<string, { method: string; handle: AdminHandler }>> = {
  counters: { method: 'GET', handle: (_body, { counters }) => ok(counters.snapshot()) },
  reset: {
    method: 'POST',
    handle: (_body, controls) => {
      controls.reset();
      return { status: 204 };
    },
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
 * Lets another process drive the sandbox (`GET counters`, `POST reset`, `POST faults`). These
 * endpoints need no credentials, are never counted and never hit by faults.
 */
export function adminReply(
  method: string,
  path: string,
  body: string,
  controls: AdminControls,
  traceId: string,
): Reply {
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

function ok(snapshot: CountersSnapshot): Reply {
  return { status: 200, body: { ...snapshot } };
}
