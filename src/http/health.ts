import { type IncomingMessage, type ServerResponse } from 'node:http';
import { UpstreamError } from '../upstream/errors';

export interface ReadinessOptions {
  /** Anything that reads the balance: the probe's upstream call. */
  account: { getBalance(signal?: AbortSignal): Promise<unknown> };
  /** How long one probe's answer is reused, so probes do not spend the upstream's rate limit. */
  cacheMs?: number;
  timeoutMs?: number;
}

interface Probe {
  ready: boolean;
  checkedAt: number;
  detail: Record<string, unknown>;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** /healthz: the process is up. It checks nothing else, so a slow upstream never restarts it. */
export function healthz(_req: IncomingMessage, res: ServerResponse): void {
  json(res, 200, { status: 'ok' });
}

/**
 * /readyz: the upstream answers with these credentials (a balance read). Any answer other than
 * unavailable counts: a 401 means the credentials are wrong, which is reported as not ready too.
 */
export function createReadyz(options: ReadinessOptions) {
  const cacheMs = options.cacheMs ?? 5_000;
  const timeoutMs = options.timeoutMs ?? 3_000;
  let last: Probe | undefined;
  let pending: Promise<Probe> | undefined;

  async function probe(): Promise<Probe> {
    const started = Date.now();
    try {
      await options.account.getBalance(AbortSignal.timeout(timeoutMs));
      return {
        ready: true,
        checkedAt: Date.now(),
        detail: { upstream: 'ok', ms: Date.now() - started },
      };
    } catch (error) {
      const detail =
        error instanceof UpstreamError
          ? {
              upstream: error.kind,
              upstreamStatus: error.status ?? null,
              traceId: error.traceId ?? null,
            }
          : { upstream: 'error' };
      return { ready: false, checkedAt: Date.now(), detail };
    }
  }

  return async (_req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!last || Date.now() - last.checkedAt > cacheMs) {
      pending ??= probe().finally(() => (pending = undefined));
      last = await pending;
    }
    json(res, last.ready ? 200 : 503, {
      status: last.ready ? 'ready' : 'not ready',
      ...last.detail,
    });
  };
}
