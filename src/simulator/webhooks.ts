import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Counters } from './faults';
import { signFields } from './webhooks.sign';
import {
  applySettings,
  initialSettings,
  publicSettings,
  type WebhookOptions,
  type WebhookSettings,
} from './webhooks.settings';

export { type WebhookOptions, type WebhookSettings } from './webhooks.settings';

export type WebhookKind = 'inbound-sms' | 'delivery-receipt';

/** One HTTP attempt: a webhook that was retried appears once per attempt, same fields each time. */
export interface WebhookAttempt {
  kind: WebhookKind;
  url: string;
  method: 'POST' | 'GET';
  fields: Record<string, string>;
  /** 1-based. */
  attempt: number;
  /** The receiver's HTTP status; absent when the attempt failed without one. */
  status?: number;
  /** Why no status came back (refused connection, timeout). */
  error?: string;
}

export interface WebhooksState {
  /** Live: tests may change it between calls, as `POST /_simulator/webhooks` does. */
  settings: WebhookSettings;
  /** Every attempt since the start or the last reset, oldest first; the last 1000 at most. */
  sent: WebhookAttempt[];
}

/** A webhook's outcome once its last attempt is over. */
export interface Delivery {
  fields: Record<string, string>;
  attempts: number;
  delivered: boolean;
  /** The last attempt's status, or its error. */
  status?: number;
  error?: string;
}

export interface Webhooks {
  state: WebhooksState;
  /**
   * With a secret set, `fields` plus `timestamp` (`at` in unix seconds), a fresh `nonce` and `sig`;
   * without one, `fields` as they are.
   */
  sign(fields: Record<string, string>, at: Date): Record<string, string>;
  /**
   * Sends `fields` as they are until the receiver answers 2xx or the attempts run out. Never
   * rejects: every attempt is recorded, and the outcome counted.
   */
  deliver(kind: WebhookKind, url: string, fields: Record<string, string>): Promise<Delivery>;
  /** Runs `task` after the settings' `delayMs`, tracked so `settled()` waits for it. */
  later(task: () => Promise<unknown>): void;
  /** Validates every part of an admin body before applying any; answers the settings. */
  configure(input: unknown): Record<string, unknown>;
  /** Resolves once nothing waits or is in flight. */
  settled(): Promise<void>;
  /** Settings back to the options, attempts forgotten, anything pending abandoned unrecorded. */
  reset(): void;
  close(): void;
}

/** A long-running sandbox showing live events keeps the recent ones, not all of them. */
const MAX_SENT = 1000;

export function createWebhooks(
  options: WebhookOptions,
  counters: Counters,
  log?: (line: string) => void,
): Webhooks {
  const initial = (): WebhookSettings => initialSettings(options);
  const state: WebhooksState = { settings: initial(), sent: [] };
  const pending = new Set<Promise<unknown>>();
  let generation = new AbortController();

  const track = <T>(promise: Promise<T>): Promise<T> => {
    pending.add(promise);
    void promise.finally(() => pending.delete(promise)).catch(() => undefined);
    return promise;
  };

  const attempt = async (
    url: string,
    settings: WebhookSettings,
    fields: Record<string, string>,
    signal: AbortSignal,
  ) => {
    // A sandbox reaches no network: webhooks go to this machine only (the gateway beside it, a
    // test's receiver); any other host is recorded as not sent.
    if (!isLoopback(url)) return { error: 'not sent: the sandbox only calls this machine' };
    const timeout = AbortSignal.timeout(settings.timeoutMs);
    const both = AbortSignal.any([signal, timeout]);
    const { method, format } = settings;
    try {
      const response =
        method === 'GET'
          ? await fetch(withQuery(url, fields), { method, signal: both })
          : await fetch(url, { method, signal: both, ...body(format, fields) });
      await response.arrayBuffer().catch(() => undefined);
      return { status: response.status };
    } catch (error) {
      if (timeout.aborted) return { error: `timed out after ${settings.timeoutMs} ms` };
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
      return { error: cause instanceof Error ? cause.message : String(cause) };
    }
  };

  const send = async (
    kind: WebhookKind,
    url: string,
    fields: Record<string, string>,
  ): Promise<Delivery> => {
    const signal = generation.signal;
    // A snapshot: a reconfiguration while this webhook is retried does not change it half-way.
    const settings = { ...state.settings, retryDelaysMs: [...state.settings.retryDelaysMs] };
    let outcome: { status?: number; error?: string } = { error: 'not sent' };
    let attempts = 0;
    for (const wait of settings.retryDelaysMs) {
      if (wait > 0) await sleep(wait, undefined, { signal }).catch(() => undefined);
      if (signal.aborted) break;
      outcome = await attempt(url, settings, fields, signal);
      if (signal.aborted) break;
      attempts += 1;
      counters.webhookAttempt();
      state.sent.push({
        kind,
        url,
        method: settings.method,
        fields,
        attempt: attempts,
        ...outcome,
      });
      if (state.sent.length > MAX_SENT) state.sent.splice(0, state.sent.length - MAX_SENT);
      log?.(
        `webhook ${kind} ${settings.method} ${urlPath(url)} ${outcome.status ?? outcome.error} attempt=${attempts}`,
      );
      if (isSuccess(outcome.status)) break;
    }
    const delivered = isSuccess(outcome.status);
    if (!signal.aborted) counters.webhookOutcome(delivered);
    return { fields, attempts, delivered, ...outcome };
  };

  return {
    state,
    sign: (fields, at) => sign(fields, state.settings, at),
    deliver: (kind, url, fields) => track(send(kind, url, fields)),
    later: (task) => {
      const signal = generation.signal;
      const { delayMs } = state.settings;
      const run = async () => {
        if (delayMs > 0) await sleep(delayMs, undefined, { signal }).catch(() => undefined);
        if (!signal.aborted) await task();
      };
      track(run().catch(() => undefined));
    },
    configure: (input) => {
      Object.assign(state.settings, applySettings(state.settings, input));
      return publicSettings(state.settings);
    },
    settled: async () => {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    reset: () => {
      generation.abort();
      generation = new AbortController();
      Object.assign(state.settings, initial());
      state.sent.length = 0;
    },
    close: () => generation.abort(),
  };
}

/** Unsigned fields pass as they are; signed ones gain `timestamp` and `nonce`, then `sig`. */
function sign(
  fields: Record<string, string>,
  settings: WebhookSettings,
  at: Date,
): Record<string, string> {
  if (settings.signatureSecret === '') return { ...fields };
  const signed = {
    ...fields,
    timestamp: String(Math.floor(at.getTime() / 1000)),
    nonce: randomUUID(),
  };
  return { ...signed, sig: signFields(signed, settings.signatureSecret, settings.signatureMethod) };
}

/** Vonage's inbound SMS spec: "If you do not send a 2xx response Nexmo will resend". */
const isSuccess = (status: number | undefined) =>
  status !== undefined && status >= 200 && status < 300;

function body(format: 'json' | 'form', fields: Record<string, string>) {
  if (format === 'json') {
    return { headers: { 'content-type': 'application/json' }, body: JSON.stringify(fields) };
  }
  const type = 'application/x-www-form-urlencoded';
  return { headers: { 'content-type': type }, body: new URLSearchParams(fields).toString() };
}

/** The callback URL keeps its own query (`?x=1`); the fields follow it. */
function withQuery(url: string, fields: Record<string, string>): string {
  const target = new URL(url);
  for (const [name, value] of Object.entries(fields)) target.searchParams.append(name, value);
  return target.toString();
}

/** For the log: no query string, which for GET holds the fields and their signature. */
function urlPath(url: string): string {
  try {
    const { origin, pathname } = new URL(url);
    return `${origin}${pathname}`;
  } catch {
    return '(invalid url)';
  }
}

/** localhost, 127.0.0.0/8 or ::1: where a sandbox may send. */
function isLoopback(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return false;
  }
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}
