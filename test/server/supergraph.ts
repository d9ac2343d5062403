import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type GatewayRuntime, createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import httpTransport from '@graphql-mesh/transport-http';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { type Simulator, startSimulator } from '../../src/simulator';
import { type TestGateway, simulatorEnv, startGateway } from '../helpers/gateway';
import {
  CUSTOMERS_SDL,
  type CustomersSubgraph,
  startCustomersSubgraph,
} from './customers.subgraph';

/** This subgraph's SDL, as `_service { sdl }` answers it. */
export const SUBGRAPH_SDL = readFileSync(
  join(__dirname, '..', '..', 'schema', 'subgraph.graphql'),
  'utf8',
);

/** The supergraph of this subgraph and the customers subgraph, as Hive's composition writes it. */
export function compose(
  vonageUrl = 'http://vonage.invalid/graphql',
  customersUrl = 'http://customers.invalid/',
  subgraphSdl = SUBGRAPH_SDL,
) {
  return composeServices([
    { name: 'vonage', typeDefs: parse(subgraphSdl), url: vonageUrl },
    { name: 'customers', typeDefs: parse(CUSTOMERS_SDL), url: customersUrl },
  ]);
}

export interface RouterAnswer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> & { code?: string } }[];
  extensions?: Record<string, unknown>;
}

export interface RouterOptions {
  /** Hive Gateway's demand control (`@cost`/`@listSize` read from the supergraph). */
  demandControl?: Parameters<typeof createGatewayRuntime>[0]['demandControl'];
  /** The SDL this subgraph is composed from (default: schema/subgraph.graphql). */
  subgraphSdl?: string;
}

export interface Supergraph {
  simulator: Simulator;
  /** This gateway, serving as the `vonage` subgraph. */
  vonage: TestGateway;
  customers: CustomersSubgraph;
  /** The msisdns the simulator's account owns, one customer each. */
  msisdns: string[];
  /** A router (the Hive Gateway runtime, in-process) over the running subgraphs. */
  router(options?: RouterOptions): GatewayRuntime;
  /** POSTs an operation to a router, as a client would. */
  query<T>(router: GatewayRuntime, text: string, variables?: object): Promise<RouterAnswer<T>>;
  /** A clean simulator and an empty cache, for the next test. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts a simulator owning `owned` numbers, this gateway against it, and a customers subgraph
 * with one customer per owned number; routers are composed over them on demand.
 */
export async function startSupergraph(owned: number): Promise<Supergraph> {
  const simulator = await startSimulator({
    numbers: { owned },
    pricing: { rateLimitPerSecond: 0 },
  });
  const vonage = await startGateway({
    ...simulatorEnv(simulator),
    NUMBERS_RATE_PER_SECOND: '200',
    PRICING_RATE_PER_SECOND: '200',
  });
  const msisdns = [...simulator.state.numbers.owned.keys()];
  const customers = await startCustomersSubgraph(msisdns);
  const routers: GatewayRuntime[] = [];
  return {
    simulator,
    vonage,
    customers,
    msisdns,
    router(options = {}) {
      const composed = compose(`${vonage.url}/graphql`, customers.url, options.subgraphSdl);
      if (composed.errors) {
        throw new Error(composed.errors.map((error) => error.message).join('\n'));
      }
      const router = createGatewayRuntime({
        supergraph: composed.supergraphSdl,
        // Given, not imported at run time: jest's CommonJS sandbox has no dynamic import().
        transports: { http: httpTransport },
        logging: false,
        maskedErrors: false,
        ...(options.demandControl ? { demandControl: options.demandControl } : {}),
      });
      routers.push(router);
      return router;
    },
    async query<T>(router: GatewayRuntime, text: string, variables?: object) {
      const response = await router.fetch('http://router.local/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query: text, variables }),
      });
      return (await response.json()) as RouterAnswer<T>;
    },
    reset() {
      simulator.reset();
      simulator.state.pricing.rateLimitPerSecond = 0;
      return vonage.app.runtime.cache.clear();
    },
    async close() {
      for (const router of routers) await router.dispose();
      await customers.close();
      await vonage.close();
      await simulator.close();
    },
  };
}
