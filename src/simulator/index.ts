import { randomBytes } from 'node:crypto';
import { type AddressInfo } from 'node:net';
import { type Area } from './area';
import { type PricingType } from './areas/pricing.data';
import { type AccountOptions, type AccountState, createAccountArea } from './areas/account';
import { createAccounts, type SubaccountsState } from './areas/accounts';
import { createNumbersArea, type NumbersOptions, type NumbersState } from './areas/numbers';
import {
  createPricingArea,
  type PriceMove,
  type PricingOptions,
  type PricingState,
} from './areas/pricing';
import { createSecretsArea } from './areas/secrets';
import { createSubaccountsArea } from './areas/subaccounts';
import { type CannedReply, Counters, type DropWhen, Faults, type WebhookCounts } from './faults';
import { createSimulatorServer } from './server';
import { type Payload } from './render';
import { createWebhooks, type WebhookOptions, type WebhooksState } from './webhooks';
import { type SignatureMethod } from './webhooks.sign';
import { type InboundSmsInput, type SendSmsInput } from './webhooks.input';
import { createSmsWebhooks, type InboundSmsResult, type SentSms } from './webhooks.sms';

export interface SimulatorOptions {
  /** Default `127.0.0.1`. */
  host?: string;
  /** Default 0: an ephemeral port. */
  port?: number;
  /** Default `sandbox`. */
  apiKey?: string;
  /** Default: 16 random characters. */
  apiSecret?: string;
  account?: AccountOptions;
  pricing?: PricingOptions;
  numbers?: NumbersOptions;
  /**
   * Answer XML whenever the reply has an XML form, whatever the Accept header says (replies that
   * Vonage only sends as JSON stay JSON). Default false; `Simulator.forceXml` changes it live.
   */
  xml?: boolean;
  /**
   * Signs every webhook (`timestamp`, `nonce`, `sig`) as Vonage's signed SMS webhooks are.
   * Default: unsigned. `POST /_simulator/webhooks` changes it live.
   */
  signatureSecret?: string;
  /** `md5hash` (legacy), or HMAC with `md5`, `sha1`, `sha256` (the default), `sha512`. */
  signatureMethod?: SignatureMethod;
  /** How webhooks leave: method, body format, receipt delay, retries, timeout. */
  webhooks?: Omit<WebhookOptions, 'signatureSecret' | 'signatureMethod'>;
  /** One line per request and per webhook attempt; secrets and query strings stay out. */
  log?: (line: string) => void;
}

export interface Simulator {
  /** `http://host:port`, no trailing slash. */
  url: string;
  apiKey: string;
  apiSecret: string;
  /**
   * Every request that reached routing, 401s, 429s and injected faults included; admin calls
   * excluded. `rateLimited` counts the requests a rate limiter refused with 429.
   */
  counters: {
    total: number;
    byRoute: Record<string, number>;
    rateLimited: number;
    /** Webhooks sent, never part of `total`: attempts, and outcomes after the last attempt. */
    webhooks: WebhookCounts;
    reset(): void;
  };
  faults: {
    /** Added before every reply that is sent; 0 clears. */
    latency(ms: number): void;
    /** The next n requests get this reply without touching state. */
    failNext(n: number, reply: CannedReply): void;
    /** Destroy the socket with no reply; `after` applies the operation first. */
    dropNext(n: number, when?: DropWhen): void;
    clear(): void;
  };
  state: {
    account: AccountState;
    pricing: PricingState;
    numbers: NumbersState;
    /**
     * Sub-accounts, every account's secrets, transfers and the `provisioned` flag (also
     * `POST /_simulator/subaccounts {"provisioned": false}`). The primary's balance stays in
     * `account.balance`.
     */
    subaccounts: SubaccountsState;
    /** Live webhook settings and every delivery attempt (url, method, fields, status or error). */
    webhooks: WebhooksState;
  };
  /**
   * An SMS to an owned number (also `POST /_simulator/inbound-sms`): to the number's `moHttpUrl`,
   * else the account's `moCallbackUrl`; a long text as parts sharing a `concat-ref`, sent in a
   * seeded shuffled order. Resolves once each webhook is delivered or given up; rejects with a
   * `WebhookRefusal` (`status` 404: no account owns `to`; 409: no URL; 400: bad input).
   */
  sendInboundSms(input: InboundSmsInput): Promise<InboundSmsResult>;
  /**
   * An SMS from the account (also `POST /_simulator/send-sms`): answers as the SMS API does, then
   * sends a delivery receipt to the account's `drCallbackUrl` after the webhooks' `delayMs`.
   */
  sendSms(input: SendSmsInput): SentSms;
  /** Resolves once no webhook waits or is in flight (a pending receipt included). */
  webhooksSettled(): Promise<void>;
  /**
   * Moves `n` network prices of `type` (default sms), as Vonage changing prices between two
   * catalogue reads would (also `POST /_simulator/prices {"move": n, "type": "sms"}`).
   * Deterministic; reset puts every price back.
   */
  movePrices(n: number, type?: 'sms' | 'sms-transit' | 'voice'): PriceMove[];
  /** Live form of `SimulatorOptions.xml`: true answers XML whatever the Accept header says. */
  forceXml: boolean;
  /** State back to the options, counters, faults and rate-limit history cleared. */
  reset(): void;
  /** Closes the server and every open socket. */
  close(): Promise<void>;
}

export { type AccountOptions, type AccountState } from './areas/account';
export { type PriceMove, type PricingOptions, type PricingState } from './areas/pricing';
export { type NumbersOptions, type NumbersState } from './areas/numbers';
export { type SubaccountsState } from './areas/accounts';
export { type CannedReply, type DropWhen } from './faults';
export { type WebhookOptions } from './webhooks';
export { type SignatureMethod } from './webhooks.sign';
export { type InboundSmsInput, type SendSmsInput, WebhookRefusal } from './webhooks.input';
export { type InboundSmsResult, type SentSms } from './webhooks.sms';

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const host = options.host ?? '127.0.0.1';
  const apiKey = options.apiKey ?? 'sandbox';
  const apiSecret = options.apiSecret ?? randomBytes(12).toString('base64url');
  // get-balance asks, per request, for a sub-account's own balance: `accounts` is made next.
  const account = createAccountArea(options.account, (key) => accounts.ownBalance(key));
  const accounts = createAccounts({ apiKey, apiSecret }, account.state);
  const pricing = createPricingArea(options.pricing);
  // Buying a number charges its monthly cost to the paying account's balance.
  const numbers = createNumbersArea(options.numbers, accounts);
  const subaccounts = createSubaccountsArea(accounts, numbers.owners);
  const areas: readonly Area[] = [
    account,
    pricing,
    numbers,
    subaccounts,
    createSecretsArea(accounts),
  ];
  const counters = new Counters();
  const faults = new Faults();
  const webhooks = createWebhooks(
    {
      ...options.webhooks,
      signatureSecret: options.signatureSecret,
      signatureMethod: options.signatureMethod,
    },
    counters,
    options.log,
  );
  const sms = createSmsWebhooks(webhooks, accounts, numbers.state);
  let forceXml = options.xml ?? false;
  const reset = (): void => {
    for (const area of areas) area.reset();
    webhooks.reset();
    sms.reset();
    forceXml = options.xml ?? false;
    counters.reset();
    faults.clear();
  };
  const { server, close } = createSimulatorServer({
    keyring: accounts.keyring,
    routes: areas.flatMap((area) => area.routes),
    limiters: Object.fromEntries(areas.flatMap((area) => Object.entries(area.limiters ?? {}))),
    counters,
    faults,
    reset,
    movePrices: (n, type) => pricing.movePrices(n, type as PricingType | undefined),
    configureSubaccounts: (input) => configureSubaccounts(accounts.state, input),
    sendInboundSms: async (input) =>
      (await sms.sendInboundSms(input as InboundSmsInput)) as unknown as Payload,
    sendSms: (input) => sms.sendSms(input as SendSmsInput) as unknown as Payload,
    configureWebhooks: (input) => webhooks.configure(input) as Payload,
    forceXml: () => forceXml,
    log: options.log,
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    apiKey,
    apiSecret,
    counters,
    faults,
    state: {
      account: account.state,
      pricing: pricing.state,
      numbers: numbers.state,
      subaccounts: accounts.state,
      webhooks: webhooks.state,
    },
    sendInboundSms: (input) => sms.sendInboundSms(input),
    sendSms: (input) => sms.sendSms(input),
    webhooksSettled: () => webhooks.settled(),
    movePrices: (n, type) => pricing.movePrices(n, type),
    get forceXml() {
      return forceXml;
    },
    set forceXml(value: boolean) {
      forceXml = value;
    },
    reset,
    close: () => {
      webhooks.close();
      return close();
    },
  };
}

function configureSubaccounts(state: SubaccountsState, input: unknown): { provisioned: boolean } {
  const { provisioned } = (input ?? {}) as { provisioned?: unknown };
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new TypeError('Send a JSON object like {"provisioned": false}');
  }
  if (provisioned !== undefined && typeof provisioned !== 'boolean') {
    throw new TypeError('provisioned must be true or false');
  }
  if (provisioned !== undefined) state.provisioned = provisioned;
  return { provisioned: state.provisioned };
}
