import { type Simulator, startSimulator } from '../../src/simulator';
import { routeCalls } from '../helpers/counters';
import { simulatorEnv } from '../helpers/gateway';
import { type Replica, spawnReplicas } from '../helpers/process';
import { SHARED_REDIS_URL, uniqueNamespace } from '../helpers/redis';

const TRANSFER = `mutation($input: TransferInput!, $key: String) {
  transferBalance(input: $input, idempotencyKey: $key) {
    __typename ... on TransferCompleted { reconciled transfer { id amount } }
  } }`;

async function post(url: string, variables: object) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: TRANSFER, variables }),
  });
  return (await response.json()) as { data?: unknown; errors?: unknown[] };
}

describe('transferBalance across two gateway processes sharing Redis', () => {
  let simulator: Simulator;
  let replicas: Replica[];

  beforeAll(async () => {
    simulator = await startSimulator({ apiKey: 'primary9', apiSecret: 'replica-secret' });
    const env = {
      ...simulatorEnv(simulator),
      REDIS_URL: SHARED_REDIS_URL,
      CACHE_NAMESPACE: uniqueNamespace('transfers'),
      LOG_LEVEL: 'info',
    };
    replicas = await spawnReplicas(env, 2);
  }, 60_000);

  afterAll(async () => {
    for (const { child } of replicas ?? []) child.kill('SIGTERM');
    await simulator?.close();
  });

  it('moves money once for 50 concurrent calls with one key spread over both', async () => {
    const input = { from: 'primary9', to: 'cce7333a', amount: '1.25' };
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        post(replicas[index % 2].url, { input, key: 'transfer-shared' }),
      ),
    );
    expect(routeCalls(simulator, 'POST /accounts/:api_key/balance-transfers')).toBe(1);
    expect(simulator.state.subaccounts.balanceTransfers).toHaveLength(1);
    for (const result of results) expect(result.data).toEqual(results[0].data);
    expect(results[0].data).toMatchObject({
      transferBalance: { __typename: 'TransferCompleted', transfer: { amount: '1.25' } },
    });
  });
});
