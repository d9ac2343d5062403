import { type Registry } from 'prom-client';
import { accountDomain } from './account';
import { type Config } from './config/config';
import { historyDomain } from './history';
import { type CallScope } from './base/call-scope';
import { type Context, type RequestInfo, createContext } from './kernel/context';
import { type Domain, type DomainDeps, type DomainError } from './kernel/domain';
import { type Freshness } from './kernel/freshness';
import { numbersDomain } from './numbers';
import { pricingDomain } from './pricing';

/**
 * Every domain of the gateway, by name: the one list that the schema, the context, the services,
 * the errors, the limits, the metrics and start/stop read. A domain comes after the domains whose
 * services it needs (its `Needs`, by these names). A new domain is its folder plus one line here.
 */
export const DOMAINS = {
  account: accountDomain,
  history: historyDomain,
  pricing: pricingDomain,
  numbers: numbersDomain,
} as const;

type Domains = typeof DOMAINS;
type ServiceOf<D> = D extends { createService(...args: never[]): infer S } ? S : never;
type LoadersOf<D> = D extends { createLoaders(...args: never[]): infer L } ? L : never;
type NeedsOf<D> = D extends { createService(deps: DomainDeps, needs: infer N): unknown }
  ? N
  : never;

/** Long-lived, shared by every request: one service per domain. */
export type Services = { [Name in keyof Domains]: ServiceOf<Domains[Name]> };

/** Each domain's per-request loaders. */
export type Loaders = { [Name in keyof Domains]: LoadersOf<Domains[Name]> };

/** The request context of this gateway: every domain's service and loaders. */
export type GatewayContext = Context<Services, Loaders>;

/** Fails to compile when a domain needs a service that no domain of the list makes. */
type NeedsMet = { [Name in keyof Domains]: Services extends NeedsOf<Domains[Name]> ? true : never };
const NEEDS_MET: NeedsMet = { account: true, history: true, pricing: true, numbers: true };
void NEEDS_MET;

/** What every domain has in common, as the shared layers see it. */
export type AnyDomain = Domain<unknown, unknown, unknown, GatewayContext>;

/** The domains with their names, in the list's order. */
export const DOMAIN_ENTRIES = Object.entries(DOMAINS) as [keyof Domains, AnyDomain][];

/** Each domain's service, in the list's order: a domain is given those made before it. */
export function createServices(deps: DomainDeps): Services {
  const made: Partial<Record<keyof Domains, unknown>> = {};
  for (const [name, domain] of DOMAIN_ENTRIES) made[name] = domain.createService(deps, made);
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
export function startDomains(services: Services, config: Config): void {
  for (const [name, domain] of DOMAIN_ENTRIES) domain.start?.(services[name], config);
}

/** Stops each domain, in the reverse order: a domain before those it builds on. */
export async function stopDomains(services: Services): Promise<void> {
  for (const [name, domain] of [...DOMAIN_ENTRIES].reverse()) await domain.stop?.(services[name]);
}

/** Adds each domain's metrics to the gateway's registry. */
export function bindDomainMetrics(registry: Registry, services: Services): void {
  for (const [name, domain] of DOMAIN_ENTRIES) domain.metrics?.(registry, services[name]);
}
