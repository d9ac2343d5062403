import { type CallScope } from '../base/call-scope';
import { parseDecimal } from '../base/decimal';
import {
  type Body,
  FieldError,
  asRecord,
  optionalString,
  requiredBoolean,
} from '../upstream/fields';
import { type UpstreamRequest } from '../upstream/request';
import { type UpstreamTransport } from '../upstream/transport';

const AREA = 'subaccounts';

/** An account as the Subaccounts API describes it: the primary, or one of its sub-accounts. */
export interface SubaccountRecord {
  apiKey: string;
  name: string;
  primaryApiKey: string;
  /** True when it spends the primary's balance: then balance and creditLimit are null. */
  usesPrimaryBalance: boolean;
  suspended: boolean;
  createdAt: string;
  /** Exact decimals; null when the balance is the primary's. */
  balance: string | null;
  creditLimit: string | null;
}

export interface SubaccountList {
  primary: SubaccountRecord;
  subaccounts: SubaccountRecord[];
}

/** A balance or credit transfer, as Vonage records it. */
export interface TransferRecord {
  id: string;
  amount: string;
  from: string;
  to: string;
  reference: string | null;
  createdAt: string;
}

export type TransferKind = 'balance' | 'credit';

export interface TransferRequest {
  from: string;
  to: string;
  /** An exact decimal, sent as a JSON number (the API refuses a string). */
  amount: string;
  reference: string;
}

export interface NewSubaccount {
  name: string;
  /** Vonage generates one when absent. */
  secret?: string;
  usesPrimaryBalance: boolean;
}

export interface SubaccountChange {
  name?: string;
  suspended?: boolean;
  usesPrimaryBalance?: boolean;
}

export interface NumberMove {
  from: string;
  to: string;
  msisdn: string;
  country: string;
}

export interface TransferQuery {
  /** ISO 8601. */
  start: string;
  end?: string;
  subaccounts?: readonly string[];
}

function requiredString(body: Body, field: string): string {
  const value = optionalString(body, field);
  if (value === undefined || value === '') throw new FieldError(`field "${field}" is missing`);
  return value;
}

function decimalOrNull(body: Body, field: string): string | null {
  const value = optionalString(body, field);
  if (value === undefined) return null;
  const decimal = parseDecimal(value);
  if (decimal === null) throw new FieldError(`field "${field}" is not a decimal number`);
  return decimal;
}

function readAccount(body: Body): SubaccountRecord {
  const usesPrimaryBalance = requiredBoolean(body, 'use_primary_account_balance');
  return {
    apiKey: requiredString(body, 'api_key'),
    name: optionalString(body, 'name') ?? '',
    primaryApiKey: requiredString(body, 'primary_account_api_key'),
    usesPrimaryBalance,
    suspended: requiredBoolean(body, 'suspended'),
    createdAt: requiredString(body, 'created_at'),
    balance: usesPrimaryBalance ? null : decimalOrNull(body, 'balance'),
    creditLimit: usesPrimaryBalance ? null : decimalOrNull(body, 'credit_limit'),
  };
}

function readList(body: Body): SubaccountList {
  const embedded = asRecord(body._embedded);
  const subaccounts = embedded.subaccounts;
  if (!Array.isArray(subaccounts)) throw new FieldError('field "subaccounts" is not a list');
  return {
    primary: readAccount(asRecord(embedded.primary_account)),
    subaccounts: subaccounts.map((item) => readAccount(asRecord(item))),
  };
}

function readTransfer(kind: TransferKind) {
  return (body: Body): TransferRecord => ({
    id: requiredString(body, `${kind}_transfer_id`),
    amount: decimalOrNull(body, 'amount') ?? '0',
    from: requiredString(body, 'from'),
    to: requiredString(body, 'to'),
    reference: optionalString(body, 'reference') || null,
    createdAt: requiredString(body, 'created_at'),
  });
}

/**
 * The list's key: the spec writes `credit-transfers`, Vonage (and its SDKs' fixtures) answers
 * `credit_transfers`; either is read.
 */
function readTransfers(kind: TransferKind) {
  return (body: Body): TransferRecord[] => {
    const embedded = asRecord(body._embedded);
    const list = embedded[`${kind}_transfers`] ?? embedded[`${kind}-transfers`] ?? [];
    if (!Array.isArray(list)) throw new FieldError(`field "${kind}_transfers" is not a list`);
    return list.map((item) => readTransfer(kind)(asRecord(item)));
  };
}

/**
 * Vonage's Subaccounts API, on the api host (Basic credentials, JSON). A 403 there is a refusal
 * (not provisioned, an invalid transfer), not a credentials failure; the service tells them apart
 * by the problem's `type`.
 */
export class SubaccountsClient {
  constructor(
    private readonly transport: UpstreamTransport,
    /** The primary account: the gateway's own API key. */
    private readonly apiKey: string,
  ) {}

  private request(
    req: Pick<UpstreamRequest, 'method' | 'path' | 'operation'> & Partial<UpstreamRequest>,
  ): UpstreamRequest {
    return {
      area: AREA,
      host: 'api',
      ...req,
      path: `/accounts/${encodeURIComponent(this.apiKey)}${req.path}`,
      statusKinds: { 403: 'rejected', 404: 'rejected', 409: 'rejected', 422: 'rejected' },
      errorCodeFields: ['type'],
    };
  }

  list(scope: CallScope = {}): Promise<SubaccountList> {
    const req = this.request({ method: 'GET', path: '/subaccounts', operation: 'listSubaccounts' });
    return this.transport.call({ ...req, ...scope }, readList);
  }

  transfers(kind: TransferKind, query: TransferQuery, scope: CallScope = {}) {
    const req = this.request({
      method: 'GET',
      path: `/${kind}-transfers`,
      operation: kind === 'balance' ? 'listBalanceTransfers' : 'listCreditTransfers',
    });
    const params = {
      start_date: query.start,
      end_date: query.end,
      subaccount: query.subaccounts,
    };
    return this.transport.call({ ...req, ...scope, query: params }, readTransfers(kind));
  }

  /** Creates a sub-account; its secret (given or generated) is in this answer only. */
  create(account: NewSubaccount): Promise<{ record: SubaccountRecord; secret: string | null }> {
    const req = this.request({
      method: 'POST',
      path: '/subaccounts',
      operation: 'createSubaccount',
      json: {
        name: account.name,
        secret: account.secret,
        use_primary_account_balance: account.usesPrimaryBalance,
      },
      secrets: account.secret ? [account.secret] : undefined,
    });
    return this.transport.call(req, (body) => ({
      record: readAccount(body),
      secret: optionalString(body, 'secret') ?? null,
    }));
  }

  modify(apiKey: string, change: SubaccountChange): Promise<SubaccountRecord> {
    const req = this.request({
      method: 'PATCH',
      path: `/subaccounts/${encodeURIComponent(apiKey)}`,
      operation: 'modifySubaccount',
      json: {
        name: change.name,
        suspended: change.suspended,
        use_primary_account_balance: change.usesPrimaryBalance,
      },
    });
    return this.transport.call(req, readAccount);
  }

  /** Moves a number to another account once; never retried. */
  transferNumber(move: NumberMove): Promise<NumberMove> {
    const req = this.request({
      method: 'POST',
      path: '/transfer-number',
      operation: 'transferNumber',
      json: { from: move.from, to: move.to, number: move.msisdn, country: move.country },
    });
    return this.transport.call(req, (body) => ({
      from: requiredString(body, 'from'),
      to: requiredString(body, 'to'),
      msisdn: requiredString(body, 'number'),
      country: requiredString(body, 'country'),
    }));
  }

  /** Moves balance or credit once. Never retried: a second send could move it twice. */
  transfer(kind: TransferKind, transfer: TransferRequest): Promise<TransferRecord> {
    const req = this.request({
      method: 'POST',
      path: `/${kind}-transfers`,
      operation: kind === 'balance' ? 'transferBalance' : 'transferCredit',
      json: { ...transfer, amount: Number(transfer.amount) },
    });
    return this.transport.call(req, readTransfer(kind));
  }
}
