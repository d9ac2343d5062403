import {
  type GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  parse,
} from 'graphql';
import { limitsPlugin, operationCheck } from '../../src/limits/plugin';
import { boundedStringify } from '../../src/limits/response';
import { LIMIT_ADVICE, buildGatewaySchema } from '../../src/server/schema';

const LIMITS = {
  maxTokens: 2_000,
  maxAliases: 100,
  maxDepth: 10,
  maxDirectives: 50,
  maxCost: 100_000,
  maxResponseBytes: 1_000_000,
  subscriptionsPerCaller: 20,
  subscriptionsTotal: 5_000,
};

let schema: GraphQLSchema;
beforeAll(async () => {
  ({ schema } = await buildGatewaySchema());
});

/** What the limits plugin refuses the operation with, before it runs. */
async function refusal(query: string): Promise<GraphQLError | undefined> {
  const check = operationCheck(schema, LIMITS, LIMIT_ADVICE);
  const hooks = await limitsPlugin(check).requestDidStart!({} as never);
  const document = parse(query);
  const operation = document.definitions[0] as OperationDefinitionNode;
  try {
    await hooks!.didResolveOperation!({ document, operation, request: {} } as never);
  } catch (error) {
    return error as GraphQLError;
  }
  return undefined;
}

const aliased = (n: number, field: string) =>
  Array.from({ length: n }, (_, index) => `a${index}: ${field}`).join('\n');

describe("the limits' advice, with the domains' words", () => {
  it('TOO_MANY_ALIASES', async () => {
    const error = await refusal(`{ ${aliased(101, '__typename')} }`);
    expect(error?.message).toBe(
      'Aliases limit of 100 exceeded, found 101: use fewer aliases, or list the countries in one pricings field.',
    );
  });

  it('OPERATION_TOO_COSTLY', async () => {
    const error = await refusal(
      `{ ${aliased(5, 'pricings(types: [SMS, VOICE]) { countryCode networks { price ranges } }')} }`,
    );
    expect(error?.extensions.code).toBe('OPERATION_TOO_COSTLY');
    expect(error?.message).toMatch(
      /, above the limit of 100000: split it, select fewer countries, types or recipients, leave out networks, or use a smaller pageSize\.$/,
    );
  });

  it('RESPONSE_TOO_LARGE', () => {
    const answer = boundedStringify(
      10,
      undefined,
      LIMIT_ADVICE.fewer,
    )({ data: { a: 'x'.repeat(20) } });
    expect(JSON.parse(answer).errors[0].message).toBe(
      "The answer is larger than the gateway's limit of 10 bytes: select fewer fields, countries or types, or split the operation.",
    );
  });
});
