import { type CallScope } from '../base/call-scope';
import { UpstreamError } from '../upstream/errors';
import {
  type Body,
  optionalInt,
  optionalString,
  requiredBoolean,
  requiredDecimal,
} from '../upstream/fields';
import { type UpstreamRequest } from '../upstream/request';
import { type UpstreamTransport } from '../upstream/transport';

export interface AccountBalance {
  /** Remaining balance in the account's billing currency, as an exact decimal. */
  value: string;
  /** Whether auto-reload is enabled on the account. */
  autoReload: boolean;
}

export interface AccountSettingsRecord {
  /** Default webhook for inbound SMS; null when unset. */
  moCallbackUrl: string | null;
  /** Webhook for delivery receipts; null when unset. */
  drCallbackUrl: string | null;
  /** Maximum outbound messages per second. */
  maxOutboundRequestsPerSecond: number | null;
  /** Maximum inbound messages per second. */
  maxInboundRequestsPerSecond: number | null;
  /** Maximum API calls per second. */
  maxCallsPerSecond: number | null;
}

export interface SettingsChange {
  /** Absent: unchanged. Empty string: unset. */
  moCallbackUrl?: string;
  drCallbackUrl?: string;
}

/** Refusals a user can act on; anything else is an UpstreamError. */
export type TopUpOutcome =
  | { kind: 'succeeded' }
  | { kind: 'autoReloadNotEnabled'; label: string; traceId?: string }
  | { kind: 'failed'; label: string; traceId?: string };

/**
 * Top-up's HTTP 401 "not auto-reload enabled" is a refusal about the account, not bad
 * credentials: the transport calls any 401 unauthorized, and this area tells them apart.
 */
function isAutoReloadRefusal(error: UpstreamError): boolean {
  return (
    (error.kind === 'unauthorized' || error.kind === 'rejected') &&
    error.label !== undefined &&
    /auto.?reload/i.test(error.label)
  );
}

const AREA = 'account';

function readBalance(body: Body): AccountBalance {
  return { value: requiredDecimal(body, 'value'), autoReload: requiredBoolean(body, 'autoReload') };
}

function url(body: Body, field: string): string | null {
  const value = optionalString(body, field);
  return value ? value : null;
}

function readSettings(body: Body): AccountSettingsRecord {
  return {
    moCallbackUrl: url(body, 'mo-callback-url'),
    drCallbackUrl: url(body, 'dr-callback-url'),
    maxOutboundRequestsPerSecond: optionalInt(body, 'max-outbound-request') ?? null,
    maxInboundRequestsPerSecond: optionalInt(body, 'max-inbound-request') ?? null,
    maxCallsPerSecond: optionalInt(body, 'max-calls-per-second') ?? null,
  };
}

/** Vonage's Account API: balance, settings and top-up. */
export class AccountClient {
  constructor(private readonly transport: UpstreamTransport) {}

  getBalance(scope: CallScope = {}): Promise<AccountBalance> {
    return this.transport.call(
      {
        ...scope,
        area: AREA,
        method: 'GET',
        path: '/account/get-balance',
        operation: 'getBalance',
      },
      readBalance,
    );
  }

  /** An empty settings POST changes nothing and returns the current settings. */
  getSettings(scope: CallScope = {}): Promise<AccountSettingsRecord> {
    // It only reads, so it may be retried like a GET.
    return this.postSettings({ ...scope, operation: 'getSettings', idempotent: true });
  }

  updateSettings(change: SettingsChange): Promise<AccountSettingsRecord> {
    return this.postSettings({
      operation: 'updateSettings',
      form: { moCallBackUrl: change.moCallbackUrl, drCallBackUrl: change.drCallbackUrl },
    });
  }

  private postSettings(
    req: Pick<UpstreamRequest, 'operation' | 'form' | 'idempotent' | 'signal' | 'caller'>,
  ): Promise<AccountSettingsRecord> {
    return this.transport.call(
      { area: AREA, method: 'POST', path: '/account/settings', ...req },
      readSettings,
    );
  }

  /**
   * Tops up by the amount of the original auto-reload payment `trx`. Never retried: a second send
   * after a lost answer could charge twice.
   */
  async topUp(trx: string): Promise<TopUpOutcome> {
    try {
      await this.transport.request({
        area: AREA,
        method: 'POST',
        path: '/account/top-up',
        operation: 'topUp',
        form: { trx },
      });
      return { kind: 'succeeded' };
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      if (isAutoReloadRefusal(error)) {
        return { kind: 'autoReloadNotEnabled', label: error.label!, traceId: error.traceId };
      }
      if (error.kind !== 'rejected') throw error;
      return { kind: 'failed', label: error.label ?? 'top-up refused', traceId: error.traceId };
    }
  }
}
