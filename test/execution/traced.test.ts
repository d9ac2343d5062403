import { HeaderMap } from '@apollo/server';
import { Trace } from '@apollo/usage-reporting-protobuf';
import { type GraphQLSchema, isObjectType } from 'graphql';
import { OPEN_ACCESS } from '../../src/auth/caller';
import { DOMAIN_ERRORS, createGatewayContext } from '../../src/domains';
import { createGatewayMetrics } from '../../src/metrics/registry';
import { createApollo } from '../../src/server/apollo';
import { buildGatewaySchema } from '../../src/server/schema';
import { type TestGateway, startGateway } from '../helpers/gateway';

/** Every field's resolver, by type and field: what graphql-jit compiles calls to. */
function resolversOf(schema: GraphQLSchema): Map<string, unknown> {
  const resolvers = new Map<string, unknown>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      resolvers.set(`${type.name}.${field.name}`, field.resolve);
    }
  }
  return resolvers;
}

const QUERY = '{ pricing(country: "GB") { countryCode networks { networkCode } } }';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startGateway({ ROUTER_TOKEN: 'router-token-0123456789abcdef-0123456789' });
});
afterAll(() => gateway?.close());

describe('a traced request (a router asked for ftv1)', () => {
  it('runs on graphql-js over a copy of the schema: the compiled engine keeps its resolvers', async () => {
    const { schema } = await buildGatewaySchema();
    const before = resolversOf(schema);
    const { config, logger } = gateway.app;
    const apollo = createApollo({
      schema,
      config,
      logger,
      metrics: createGatewayMetrics(),
      errors: DOMAIN_ERRORS,
    });
    await apollo.start();
    try {
      const run = async (headers: [string, string][]) => {
        const response = await apollo.executeOperation(
          {
            query: QUERY,
            http: { method: 'POST', headers: new HeaderMap(headers), search: '', body: {} },
          },
          {
            contextValue: createGatewayContext(gateway.app.runtime.services, {
              access: OPEN_ACCESS,
            }),
          },
        );
        if (response.body.kind !== 'single') throw new Error('incremental');
        return response.body.singleResult;
      };
      const plain = await run([]);
      const traced = await run([['apollo-federation-include-trace', 'ftv1']]);
      expect(plain.extensions).toBeUndefined();
      expect(traced.data).toEqual(plain.data);
      const trace = Trace.decode(Buffer.from(traced.extensions!.ftv1 as string, 'base64'));
      const names = (trace.root?.child ?? []).map((node) => node.responseName);
      expect(names).toEqual(['pricing']);
      expect(trace.root!.child![0].child!.map((node) => node.responseName)).toEqual(
        expect.arrayContaining(['countryCode', 'networks']),
      );
      // Apollo wrapped the copy it was handed, not the schema the compiled engine runs.
      expect(resolversOf(schema)).toEqual(before);
      // And the next untraced request runs compiled, as before, with the same answer.
      expect((await run([])).data).toEqual(plain.data);
    } finally {
      await apollo.stop();
    }
  });
});
