import { type UpstreamConfig } from '../config/config';
import { redactText } from '../base/redact';
import { inSpan } from '../base/tracing';
import { UpstreamError } from './errors';
import { type UpstreamRequest } from './request';

type Server = { 'server.address': string; 'server.port': number };

/** Where a base URL points, for spans (it carries no credentials nor query). */
function serverOf(baseUrl: string): Server {
  const base = new URL(baseUrl);
  const port = base.port ? Number(base.port) : base.protocol === 'https:' ? 443 : 80;
  return { 'server.address': base.hostname, 'server.port': port };
}

/**
 * The span of each upstream attempt: area, operation, attempt number, method, path (never the
 * query: with query auth it carries the secret), the host it went to, then the status or the
 * error's kind, and Vonage's trace id, redacted like every text it sends back.
 */
export class AttemptSpans {
  private readonly servers: Record<'rest' | 'api', Server>;

  constructor(
    config: Pick<UpstreamConfig, 'restUrl' | 'apiUrl'>,
    private readonly secrets: readonly string[],
  ) {
    this.servers = { rest: serverOf(config.restUrl), api: serverOf(config.apiUrl) };
  }

  /** Runs one attempt, `send`, in its span. */
  run<T extends { status: number; traceId?: string }>(
    req: UpstreamRequest,
    attempt: number,
    send: () => Promise<T>,
  ): Promise<T> {
    const attributes = {
      'upstream.area': req.area,
      'upstream.operation': req.operation,
      'upstream.attempt': attempt,
      'http.request.method': req.method,
      'url.path': req.path,
      ...this.servers[req.host ?? 'rest'],
      ...(attempt > 1 && { 'http.request.resend_count': attempt - 1 }),
    };
    return inSpan(`upstream ${req.operation}`, { kind: 'client', attributes }, async (span) => {
      const settle = (status: number | undefined, traceId: string | undefined) => {
        if (status !== undefined) span.setAttribute('http.response.status_code', status);
        if (traceId) span.setAttribute('upstream.trace_id', redactText(traceId, this.secrets));
      };
      try {
        const response = await send();
        settle(response.status, response.traceId);
        return response;
      } catch (error) {
        if (error instanceof UpstreamError) {
          span.setAttributes({ 'error.type': error.kind, 'upstream.outcome': error.outcome });
          settle(error.status, error.traceId);
        }
        throw error;
      }
    });
  }
}
