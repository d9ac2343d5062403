import { type Simulator } from '../../src/simulator';

/** Upstream pricing calls the simulator received, whatever the endpoint. */
export function pricingCalls(simulator: Simulator): number {
  return Object.entries(simulator.counters.byRoute)
    .filter(([route]) => route.includes('pricing'))
    .reduce((sum, [, count]) => sum + count, 0);
}

/** Upstream Numbers API calls the simulator received on one route, e.g. 'POST /number/buy'. */
export function routeCalls(simulator: Simulator, route: string): number {
  return simulator.counters.byRoute[route] ?? 0;
}
