import { type Simulator } from '../../src/simulator';
import { type SimulatorCounters } from './process';

/**
 * Upstream pricing calls the simulator received, whatever the endpoint: the simulator's own
 * counters, or a snapshot of them (`byRoute`) from a sandbox in another process.
 */
export function pricingCalls(
  simulator: Pick<Simulator, 'counters'> | { byRoute: Record<string, number> },
): number {
  const byRoute = 'counters' in simulator ? simulator.counters.byRoute : simulator.byRoute;
  return Object.entries(byRoute)
    .filter(([route]) => route.includes('pricing'))
    .reduce((sum, [, count]) => sum + count, 0);
}

/** Upstream Numbers API calls the simulator received on one route, e.g. 'POST /number/buy'. */
export function routeCalls(simulator: Simulator, route: string): number {
  return simulator.counters.byRoute[route] ?? 0;
}

/** Waits until the simulator has seen a request on a route (faults armed then hit what follows). */
export async function waitForRoute(simulator: Simulator, route: string): Promise<void> {
  for (let i = 0; i < 5_000 && !routeCalls(simulator, route); i++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** What a sandbox counted between two snapshots of its counters: per route, and its 429s. */
export function countersSince(
  before: SimulatorCounters,
  after: SimulatorCounters,
): SimulatorCounters {
  const byRoute: Record<string, number> = {};
  for (const [route, count] of Object.entries(after.byRoute)) {
    const added = count - (before.byRoute[route] ?? 0);
    if (added > 0) byRoute[route] = added;
  }
  return {
    total: after.total - before.total,
    byRoute,
    rateLimited: after.rateLimited - before.rateLimited,
  };
}
