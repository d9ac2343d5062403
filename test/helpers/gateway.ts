import { type App, type AppOptions, createApp } from '../../src/server/app';
import { loadGatewayConfig } from '../../src/domains';
import { type Simulator } from '../../src/simulator';

export interface GraphQLResponse<T> {
  status: number;
  data?: T;
  errors?: {
    message: string;
    path?: (string | number)[];
    extensions?: Record<string, unknown> & { code?: string };
  }[];
}

export interface TestGateway {
  url: string;
  app: App;
  /** The simulator the gateway talks to in sandbox mode. */
  simulator?: Simulator;
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: object,
  ): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

/**
 * Starts the real gateway on an ephemeral port. Without VONAGE_* variables it runs in sandbox
 * mode against its embedded simulator, as `npm start` does.
 */
export async function startGateway(
  env: Record<string, string> = {},
  options: AppOptions = {},
): Promise<TestGateway> {
  const config = loadGatewayConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    // The embedded history database costs seconds of CPU and ~300 MB at start: only the tests
    // about price history (and the examples) turn it on.
    PRICE_HISTORY: 'off',
    ...env,
  });
  const app = await createApp(config, options);
  const url = await app.listen();
  return {
    url,
    app,
    simulator: app.simulator,
    async graphql<T>(query: string, variables?: object) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
      return { status: response.status, ...body };
    },
    close: () => app.close(),
  };
}

/** The environment that points a gateway at a simulator the test started itself. */
export function simulatorEnv(simulator: Simulator): Record<string, string> {
  return {
    VONAGE_API_KEY: simulator.apiKey,
    VONAGE_API_SECRET: simulator.apiSecret,
    VONAGE_REST_URL: simulator.url,
    VONAGE_API_URL: simulator.url,
    // Real credentials need an auth configuration; these tests are about other things.
    AUTH: 'none',
  };
}
