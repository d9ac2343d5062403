import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type Registry } from 'prom-client';
import { type CallScope } from '../base/call-scope';
import { type Context } from './context';
import { type Freshness } from './freshness';
import { type IdempotencyStore } from '../coordination/idempotency';
import { type RedisConnection } from '../coordination/redis';
import { type FreshnessPolicy, ReadThrough, type ReadThroughDeps } from '../cache/read-through';
import { type Config } from '../config/config';
import { type SettingsDeclaration } from '../config/settings';
import { type ScopeDeclarations } from '../auth/scopes';
import { type LimitAdvice } from '../limits/advice';
import { type ArgumentCost, type ReferenceCalls } from '../limits/cost.directives';
import { type Logger } from '../base/logger';
import { type UpstreamTransport } from '../upstream/transport';

/**
 * What the runtime hands every domain's service factory: the shared, domain-free parts, and the
 * values of the settings the domain declares.
 */
export interface DomainDeps<Settings = unknown> {
  config: Config;
  settings: Settings;
  logger: Logger;
  transport: UpstreamTransport;
  /** The shared cache stack (cache, single-flight, flight lock) under a domain's own policy. */
  readThrough(policy: FreshnessPolicy): ReadThrough;
  idempotency: IdempotencyStore;
  /**
   * Redis, when REDIS_URL is set (the replicas share it). `shared` is the connection every part
   * uses, for commands Redis answers at once; `dedicated()` opens one of the caller's own (which
   * it closes) for what would hold the shared one up, such as a blocking read. Keys go under
   * `namespace` (CACHE_NAMESPACE); `timeoutMs` is REDIS_TIMEOUT_MS.
   */
  redis?: {
    shared: RedisConnection;
    dedicated(): RedisConnection;
    namespace: string;
    timeoutMs: number;
  };
}

export function readThroughFactory(deps: ReadThroughDeps) {
  return (policy: FreshnessPolicy) => new ReadThrough(deps, policy);
}

/**
 * One domain folder's entry point: the upstream areas it calls (with their default rate limit in
 * requests per second, which `<AREA>_RATE_PER_SECOND` overrides), its resolver classes, its
 * long-lived service (given the services it builds on), its per-request loaders (which record
 * how fresh the data they serve is) and the reference resolvers of its Federation entities.
 *
 * `Needs`: the services of other domains it builds on, by their name in src/domains.ts (made
 * before it). `Ctx`: the part of the request context its resolvers read (src/kernel/context.ts).
 * `Settings`: the values of the environment variables it declares.
 */
export interface Domain<Service, Loaders, Needs = object, Ctx = Context, Settings = undefined> {
  areas: Readonly<Record<string, number>>;
  /**
   * The environment variables it reads (names, defaults, bounds, --help lines): the
   * configuration reads them under the domain's name, and its service gets their values.
   */
  settings?: SettingsDeclaration<Settings>;
  /** The scopes its fields require (`@requiresScopes`), each with what it lets a caller do. */
  scopes?: ScopeDeclarations;
  // type-graphql takes resolver classes.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: readonly Function[];
  createService(deps: DomainDeps<Settings>, needs: Needs): Service;
  /** `scope`: whom the request's upstream calls are for, and when they are no longer wanted. */
  createLoaders(service: Service, freshness: Freshness, scope: CallScope): Loaders;
  /**
   * `__resolveReference` of each entity this domain owns, by typename: a representation from a
   * router (its key fields) to the object, through the request's loaders; null when unknown.
   */
  references?: Readonly<Record<string, ReferenceResolver<Ctx>>>;
  /**
   * Upstream calls, cold, of N representations of each entity of `references`, by typename, as
   * its resolver's loader batches them: the cost estimate of `_entities`. Every entity declares
   * them.
   */
  referenceCalls?: Readonly<Record<string, ReferenceCalls>>;
  /**
   * What the cost estimate cannot read from the `@cost`/`@listSize` its fields carry, by
   * coordinate ("Query.field"): a size or calls that are functions of the field's arguments.
   */
  costs?: Readonly<Record<string, ArgumentCost>>;
  /** What a refused operation can do instead, in this domain's terms (added to the limits'). */
  advice?: LimitAdvice;
  /**
   * Root query fields whose answer depends only on data with a known freshness that no mutation
   * changes: a whole answer made of them may be sent again while that data is fresh
   * (RESPONSE_CACHE_MB).
   */
  reusableQueries?: readonly string[];
  /**
   * Plain graphql-js resolvers of hot fields, by typename then field name, in place of the
   * resolver class's method (which still declares the field). type-graphql sorts, converts and
   * validates a method's parameters asynchronously on every call: for a field resolved once per
   * list item (a price per number) that is most of a page's cost. Only for fields whose arguments
   * graphql-js has already coerced fully (enums, scalars); access rules still apply.
   */
  fieldResolvers?: Readonly<Record<string, Readonly<Record<string, FieldResolver<Ctx>>>>>;
  /** Its own refusals, made public with a stable `extensions.code` and the error's message. */
  errors?: readonly DomainError[];
  /** Background work begun once the server is up (opening a database, warming caches). */
  start?(service: Service, settings: Settings): void;
  /** Told where the server listens, once it does (a sandbox's own URLs, for its simulator). */
  listening?(service: Service, url: string): void;
  /** Stops what `start` began and releases what the service holds, at shutdown. */
  stop?(service: Service): Promise<void> | void;
  /** Its Prometheus metrics, in the gateway's registry, read from its service at each scrape. */
  metrics?(registry: Registry, service: Service): void;
  /**
   * What /readyz asks (and the start-up credential check): one cheap upstream call with the
   * gateway's credentials, straight to the upstream (not through a cache). It fails when the
   * upstream is unavailable or refuses the credentials.
   */
  readiness?(service: Service): ReadinessProbe;
  /**
   * HTTP endpoints of its own beside /graphql, by path (`/webhooks/…`): what calls the gateway
   * without being a GraphQL request, such as Vonage's webhooks. The server answers a method not
   * listed 405; no caller authentication applies (a route checks its own proof).
   */
  routes?(service: Service): Readonly<Record<string, HttpRoute>>;
  /**
   * The values of its settings that must never be printed (a signing secret): the logger masks
   * them wherever they appear.
   */
  secrets?(settings: Settings): readonly string[];
}

/** HTTP methods a domain's route may serve. */
export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One endpoint of a domain. `handle` must answer every request itself, a bad one included (a
 * throw is logged and answered 500 by the server, as a bug).
 */
export interface HttpRoute {
  methods: readonly HttpMethod[];
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> | void;
}

/** One readiness check: settles when the upstream answered; `scope.signal` is its deadline. */
export type ReadinessProbe = (scope: CallScope) => Promise<unknown>;

/** An error class of a domain and the public `extensions.code` it gets (src/server/errors.ts). */
export interface DomainError {
  type: abstract new (...args: never[]) => Error;
  code: string;
}

/** A representation from a router (its key fields) to the object, or null. */
export type ReferenceResolver<Ctx = Context> = (
  reference: Readonly<Record<string, unknown>>,
  ctx: Ctx,
) => unknown;

/**
 * A graphql-js resolver: its parent and arguments are what the field's declaration says, which
 * graphql-js has checked, so any typed resolver fits here.
 */
export type FieldResolver<Ctx = Context> = (root: never, args: never, ctx: Ctx) => unknown;
