import { type IncomingMessage, type ServerResponse } from 'node:http';
import { UpstreamError } from '../upstream/errors';

export interface ReadinessOptions {
  /** The probe's upstream call: settles when the upstream answered; the signal is its deadline. */
  probe(scope: { signal?: AbortSignal }): Promise<unknown>;
  /** How long one probe's answer is reused, so probes do not spend the upstream's rate limit. */
  cacheMs?: number;
  timeoutMs?: number;
  /** Said in every answer, so a sandbox is never mistaken for the real upstream. */
  sandbox?: boolean;
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
 * /readyz: the upstream answers with these credentials (the probe given). Any answer other than
 * unavailable counts: a 401 means the credentials are wrong, which is reported as not ready too.
 */
export interface Readyz {
  (req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Probes now (the start-up credential check) and keeps the result for the next answers. */
  check(): Promise<{ ready: boolean } & Record<string, unknown>>;
}

export function createReadyz(options: ReadinessOptions): Readyz {
  const cacheMs = options.cacheMs ?? 5_000;
  const timeoutMs = options.timeoutMs ?? 3_000;
  let last: Probe | undefined;
  let pending: Promise<Probe> | undefined;

  async function probe(): Promise<Probe> {
    const started = Date.now();
    try {
      await options.probe({ signal: AbortSignal.timeout(timeoutMs) });
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

  const sandbox = options.sandbox ? { sandbox: true } : {};
  const run = async (): Promise<Probe> => {
    pending ??= probe().finally(() => (pending = undefined));
    return (last = await pending);
  };
  const handler = async (_req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const current = last && Date.now() - last.checkedAt <= cacheMs ? last : await run();
    json(res, current.ready ? 200 : 503, {
      status: current.ready ? 'ready' : 'not ready',
      ...sandbox,
      ...current.detail,
    });
  };
  return Object.assign(handler, {
    check: async () => {
      const result = await run();
      return { ready: result.ready, ...sandbox, ...result.detail };
    },
  });
}
