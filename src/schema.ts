import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { type GraphQLSchema, lexicographicSortSchema, parse, printSchema } from 'graphql';
import { buildSchema, createResolversMap } from 'type-graphql';
import { accountDomain } from './account';
import { numbersDomain } from './numbers';
import { pricingDomain } from './pricing';
import { type ReferenceResolver } from './domain';
import { validateArgument } from './validation';

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';

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

/** Every domain's entity reference resolvers, by typename. */
const REFERENCES = {
  ...accountDomain.references,
  ...pricingDomain.references,
  ...numbersDomain.references,
};

/** What buildSubgraphSchema takes as resolvers (not exported by @apollo/subgraph itself). */
type SubgraphResolvers = NonNullable<
  Extract<Parameters<typeof buildSubgraphSchema>[0], { typeDefs: unknown }>['resolvers']
>;

/**
 * The one place a code-first schema becomes a Federation 2 subgraph (as type-graphql's
 * examples/apollo-federation-2 does): its SDL with the federation link, its resolvers, and each
 * entity's `__resolveReference`.
 */
export function buildFederatedSchema(
  codeFirst: GraphQLSchema,
  references: Readonly<Record<string, ReferenceResolver>>,
): GraphQLSchema {
  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(lexicographicSortSchema(codeFirst))}`;
  const resolvers = createResolversMap(codeFirst) as Record<string, object>;
  for (const [typename, resolveReference] of Object.entries(references)) {
    if (!codeFirst.getType(typename))
      throw new Error(`No type ${typename} to resolve references of`);
    resolvers[typename] = { ...resolvers[typename], __resolveReference: resolveReference };
  }
  return buildSubgraphSchema({ typeDefs: parse(sdl), resolvers: resolvers as SubgraphResolvers });
}

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
  return {
    schema: buildFederatedSchema(codeFirst, REFERENCES),
    publicSdl: printSchema(lexicographicSortSchema(codeFirst)),
  };
}
