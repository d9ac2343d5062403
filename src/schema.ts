import { buildSubgraphSchema } from '@apollo/subgraph';
import { type GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { type GraphQLSchema, lexicographicSortSchema, parse, printSchema } from 'graphql';
import { buildSchema, createResolversMap } from 'type-graphql';
import { accountDomain } from './account';
import { numbersDomain } from './numbers';
import { pricingDomain } from './pricing';
import { validateArgument } from './validation';

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])';

/** Every resolver class of the gateway, from each domain's entry point. */
const RESOLVERS = [
  ...accountDomain.resolvers,
  ...pricingDomain.resolvers,
  ...numbersDomain.resolvers,
] as [
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  Function,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  ...Function[],
];

export interface GatewaySchema {
  /** The executable Federation 2 subgraph schema the server runs. */
  schema: GraphQLSchema;
  /** Public SDL, as front-ends see it (schema/schema.graphql). */
  publicSdl: string;
}

/**
 * Builds the code-first schema with type-graphql, then turns it into an Apollo Federation 2
 * subgraph (the method of type-graphql's examples/apollo-federation-2).
 */
export async function buildGatewaySchema(): Promise<GatewaySchema> {
  const codeFirst = await buildSchema({
    resolvers: RESOLVERS,
    validateFn: validateArgument,
    skipCheck: true,
  });
  const subgraphSdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(lexicographicSortSchema(codeFirst))}`;
  const schema = buildSubgraphSchema({
    typeDefs: parse(subgraphSdl),
    resolvers: createResolversMap(codeFirst) as GraphQLResolverMap<unknown>,
  });
  return { schema, publicSdl: printSchema(lexicographicSortSchema(codeFirst)) };
}
