import { type Registry } from 'prom-client';
import { accountDomain } from './account';
import { type ScopeDeclarations } from './auth/scopes';
import { type Config, loadConfig } from './config/config';
import { type Env, type SettingsDeclaration } from './config/settings';
import { eventsDomain } from './events';
import { historyDomain } from './history';
import { type CallScope } from './base/call-scope';
import { type Context, type RequestInfo, createContext } from './kernel/context';
import {
  type Domain,
  type DomainDeps,
  type DomainError,
  type HttpRoute,
  type ReadinessProbe,
} from './kernel/domain';
import { type Freshness } from './kernel/freshness';
import { numbersDomain } from './numbers';
import { pricingDomain } from './pricing';
import { subaccountsDomain } from './subaccounts';

/**
 * Every domain of the gateway, by name: the one list that the schema, the context, the services,
 * the settings, the scopes, the errors, the limits, the metrics, readiness and start/stop read. A
 * domain comes after the domains whose services it needs (its `Needs`, by these names). A new
 * domain is its folder plus one line here.
 */
export const DOMAINS = {
  account: accountDomain,
  history: historyDomain,
  pricing: pricingDomain,
  numbers: numbersDomain,
  subaccounts: subaccountsDomain,
  events: eventsDomain,
} as const;

type Domains = typeof DOMAINS;
type ServiceOf<D> = D extends { createService(...args: never[]): infer S } ? S : never;
type LoadersOf<D> = D extends { createLoaders(...args: never[]): infer L } ? L : never;
type NeedsOf<D> = D extends { createService(deps: never, needs: infer N): unknown } ? N : never;
type SettingsOf<D> = D extends { settings?: SettingsDeclaration<infer S> } ? S : undefined;

/** Long-lived, shared by every request: one service per domain. */
export type Services = { [Name in keyof Domains]: ServiceOf<Domains[Name]> };

/** Each domain's per-request loaders. */
export type Loaders = { [Name in keyof Domains]: LoadersOf<Domains[Name]> };

/** The request context of this gateway: every domain's service and loaders. */
export type GatewayContext = Context<Services, Loaders>;

/** The values of each domain's settings, under its name. */
export type DomainSettings = { [Name in keyof Domains]: SettingsOf<Domains[Name]> };

/** The whole configuration: the shared settings, and each domain's under its name. */
export type GatewayConfig = Config & DomainSettings;

/** Fails to compile, naming the domain, when it needs a service that no domain of the list makes. */
type NeedsUnmet = {
  [Name in keyof Domains]: Services extends NeedsOf<Domains[Name]> ? never : Name;
}[keyof Domains];
const NEEDS_MET: [NeedsUnmet] extends [never] ? true : NeedsUnmet = true;
void NEEDS_MET;

/** Fails to compile when a domain's name is a key of the shared configuration as well. */
const NAMES_FREE: [keyof Domains & keyof Config] extends [never] ? true : never = true;
void NAMES_FREE;

/** What every domain has in common, as the shared layers see it. */
export type AnyDomain = Domain<unknown, unknown, unknown, GatewayContext, unknown>;

/** The domains with their names, in the list's order. */
export const DOMAIN_ENTRIES = Object.entries(DOMAINS) as [keyof Domains, AnyDomain][];

type SettingsDeclarations = {
  [Name in keyof Domains]: SettingsDeclaration<SettingsOf<Domains[Name]>>;
};

/**
 * Each domain's settings declaration, by its name. A domain that declares none is absent: its
 * settings are undefined.
 */
export const DOMAIN_SETTINGS = Object.fromEntries(
  DOMAIN_ENTRIES.flatMap(([name, domain]) => (domain.settings ? [[name, domain.settings]] : [])),
) as SettingsDeclarations;

/** Reads the whole configuration: the shared settings and every domain's (src/config). */
export function loadGatewayConfig(
  env: Env = process.env,
  argv: readonly string[] = [],
): GatewayConfig {
  return loadConfig(env, argv, DOMAIN_SETTINGS);
}

/** Every scope a field may require, as the domains declare them. */
export const DOMAIN_SCOPES: ScopeDeclarations = Object.assign(
  {},
  ...DOMAIN_ENTRIES.map(([, domain]) => domain.scopes),
);

/**
 * Each domain's service, in the list's order: a domain is given those made before it, and the
 * values of its own settings.
 */
export function createServices(
  deps: Omit<DomainDeps, 'settings'>,
  settings: DomainSettings,
): Services {
  const made: Partial<Record<keyof Domains, unknown>> = {};
  for (const [name, domain] of DOMAIN_ENTRIES) {
    made[name] = domain.createService({ ...deps, settings: settings[name] }, made);
  }
  return made as Services;
}

function createLoaders(services: Services, freshness: Freshness, scope: CallScope): Loaders {
  const loaders: Partial<Record<keyof Domains, unknown>> = {};
  for (const [name, domain] of DOMAIN_ENTRIES) {
    loaders[name] = domain.createLoaders(services[name], freshness, scope);
  }
  return loaders as Loaders;
}

/** A request's context: every domain's loaders, made anew. */
export function createGatewayContext(services: Services, request?: RequestInfo): GatewayContext {
  return createContext(
    services,
    (freshness, scope) => createLoaders(services, freshness, scope),
    request,
  );
}

/** Every domain's public refusals (src/server/errors.ts gives each its code). */
export const DOMAIN_ERRORS: readonly DomainError[] = DOMAIN_ENTRIES.flatMap(
  ([, domain]) => domain.errors ?? [],
);

/** Begins each domain's background work, in the list's order. */
export function startDomains(services: Services, settings: DomainSettings): void {
  for (const [name, domain] of DOMAIN_ENTRIES) domain.start?.(services[name], settings[name]);
}

/** Tells each domain where the server listens, once it does. */
export function domainsListening(services: Services, url: string): void {
  for (const [name, domain] of DOMAIN_ENTRIES) domain.listening?.(services[name], url);
}

/** Stops each domain, in the reverse order: a domain before those it builds on. */
export async function stopDomains(services: Services): Promise<void> {
  for (const [name, domain] of [...DOMAIN_ENTRIES].reverse()) await domain.stop?.(services[name]);
}

/**
 * What /readyz asks: the readiness probe of every domain that declares one, together; it fails
 * when any fails (with the first failure).
 */
export function readinessProbe(services: Services): ReadinessProbe {
  const probes = DOMAIN_ENTRIES.flatMap(([name, domain]) =>
    domain.readiness ? [domain.readiness(services[name])] : [],
  );
  return async (scope) => Promise.all(probes.map((probe) => probe(scope)));
}

/** Adds each domain's metrics to the gateway's registry. */
export function bindDomainMetrics(registry: Registry, services: Services): void {
  for (const [name, domain] of DOMAIN_ENTRIES) domain.metrics?.(registry, services[name]);
}

/**
 * Every domain's HTTP endpoints, by path. Two domains may not claim one path, nor a path the
 * server serves itself (`reserved`): the start stops, naming it.
 */
export function domainRoutes(
  services: Services,
  reserved: readonly string[],
): ReadonlyMap<string, HttpRoute> {
  const routes = new Map<string, HttpRoute>();
  for (const [name, domain] of DOMAIN_ENTRIES) {
    for (const [path, route] of Object.entries(domain.routes?.(services[name]) ?? {})) {
      if (routes.has(path) || reserved.some((own) => path === own || path.startsWith(`${own}/`))) {
        throw new Error(`The ${name} domain's route ${path} is already served`);
      }
      routes.set(path, route);
    }
  }
  return routes;
}

/** The values of every domain's settings that the logger must mask. */
export function domainSecrets(settings: DomainSettings): string[] {
  return DOMAIN_ENTRIES.flatMap(([name, domain]) => [...(domain.secrets?.(settings[name]) ?? [])]);
}
