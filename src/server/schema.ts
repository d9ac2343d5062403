import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import {
  type FieldDefinitionNode,
  type GraphQLSchema,
  isInterfaceType,
  isObjectType,
  lexicographicSortSchema,
  parse,
  printSchema,
} from 'graphql';
import { buildSchema, createResolversMap } from 'type-graphql';
import { guardEntities } from '../auth/entities';
import { enforceScopes } from '../auth/scopes';
import { DOMAIN_ENTRIES, DOMAIN_SCOPES, type GatewayContext } from '../domains';
import { type FieldResolver, type ReferenceResolver } from '../kernel/domain';
import { mergeAdvice } from '../limits/advice';
import { type ArgumentCost, type ReferenceCalls, declareCosts } from '../limits/cost.directives';
import { declareWrites, writeDeclarations } from '../limits/writes';
import { validateArgument } from '../kernel/validation';

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@authenticated", "@requiresScopes", "@cost", "@listSize"])';

const DOMAINS = DOMAIN_ENTRIES.map(([, domain]) => domain);

/** Every resolver class of the gateway, from each domain's entry point. */
const RESOLVERS = DOMAINS.flatMap((domain) => domain.resolvers) as [
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  Function,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  ...Function[],
];

/** Every domain's entity reference resolvers, by typename. */
const REFERENCES: Record<string, ReferenceResolver<GatewayContext>> = Object.assign(
  {},
  ...DOMAINS.map((domain) => domain.references),
);

/** Every domain's plain resolvers of hot fields, by typename and field (several may add to one type). */
const FIELD_RESOLVERS: Record<string, Record<string, FieldResolver<GatewayContext>>> = {};
for (const domain of DOMAINS) {
  for (const [typename, fields] of Object.entries(domain.fieldResolvers ?? {})) {
    FIELD_RESOLVERS[typename] = { ...FIELD_RESOLVERS[typename], ...fields };
  }
}

/** Root query fields whose whole answers may be sent again while fresh, from every domain. */
export const REUSABLE_QUERIES: ReadonlySet<string> = new Set(
  DOMAINS.flatMap((domain) => domain.reusableQueries ?? []),
);

/** Every domain's declarations for the cost estimate beside its fields' @cost/@listSize. */
const COSTS: Record<string, ArgumentCost> = Object.assign(
  {},
  ...DOMAINS.map((domain) => domain.costs),
);
const REFERENCE_CALLS: Record<string, ReferenceCalls> = Object.assign(
  {},
  ...DOMAINS.map((domain) => domain.referenceCalls),
);

/** What every domain advises a refused operation to do instead, in the domains' order. */
export const LIMIT_ADVICE = mergeAdvice(DOMAINS.map((domain) => domain.advice));

/** What buildSubgraphSchema takes as resolvers (not exported by @apollo/subgraph itself). */
type SubgraphResolvers = NonNullable<
  Extract<Parameters<typeof buildSubgraphSchema>[0], { typeDefs: unknown }>['resolvers']
>;

/**
 * The one place a code-first schema becomes a Federation 2 subgraph (as type-graphql's
 * examples/apollo-federation-2 does): its SDL with the federation link, its resolvers (the
 * domains' plain resolvers of hot fields in place of type-graphql's), and each entity's
 * `__resolveReference`.
 */
export function buildFederatedSchema<Ctx>(
  codeFirst: GraphQLSchema,
  references: Readonly<Record<string, ReferenceResolver<Ctx>>>,
  fieldResolvers: Readonly<Record<string, Readonly<Record<string, FieldResolver<Ctx>>>>> = {},
): GraphQLSchema {
  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(lexicographicSortSchema(codeFirst))}`;
  const resolvers = createResolversMap(codeFirst) as Record<string, object>;
  for (const [typename, fields] of Object.entries(fieldResolvers)) {
    const type = codeFirst.getType(typename);
    for (const name of Object.keys(fields)) {
      if (!type || !isObjectType(type) || !type.getFields()[name])
        throw new Error(`No field ${typename}.${name} to resolve`);
    }
    resolvers[typename] = { ...resolvers[typename], ...fields };
  }
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

const OBJECT_FIELD_DIRECTIVES = new Set(['authenticated', 'requiresScopes', 'cost']);

/**
 * Federation allows @authenticated/@requiresScopes/@cost on object fields only: an interface
 * field's declaration (a field resolver on the interface) moves to each implementing type's field.
 */
function moveObjectFieldDirectivesOffInterfaces(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isInterfaceType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const node = field.astNode;
      const moved =
        node?.directives?.filter((d) => OBJECT_FIELD_DIRECTIVES.has(d.name.value)) ?? [];
      if (!node || moved.length === 0) continue;
      for (const object of schema.getImplementations(type).objects) {
        const target = object.getFields()[field.name];
        const targetNode = target?.astNode;
        if (!targetNode) continue;
        const present = new Set(targetNode.directives?.map((d) => d.name.value));
        const added = moved.filter((d) => !present.has(d.name.value));
        (target as { astNode: FieldDefinitionNode }).astNode = {
          ...targetNode,
          directives: [...(targetNode.directives ?? []), ...added],
        };
      }
      (field as { astNode: FieldDefinitionNode }).astNode = {
        ...node,
        directives: node.directives?.filter((d) => !OBJECT_FIELD_DIRECTIVES.has(d.name.value)),
      };
    }
  }
}

/**
 * type-graphql asks for a PubSub once a schema has subscriptions, for those declared with topics.
 * Every subscription here brings its own stream (`subscribe`, reading a domain's event bus), so
 * none is used: one that is asked for is a bug.
 */
const NO_TOPICS = {
  publish(): never {
    throw new Error('subscriptions here have no topics: publish on the domain’s event bus');
  },
  subscribe(): never {
    throw new Error(
      'subscriptions here have no topics: give the subscription a subscribe function',
    );
  },
};

/**
 * Builds the code-first schema with type-graphql, then turns it into an Apollo Federation 2
 * subgraph (the method of type-graphql's examples/apollo-federation-2).
 */
export async function buildGatewaySchema(): Promise<GatewaySchema> {
  const codeFirst = await buildSchema({
    resolvers: RESOLVERS,
    validateFn: validateArgument,
    skipCheck: true,
    pubSub: NO_TOPICS,
  });
  moveObjectFieldDirectivesOffInterfaces(codeFirst);
  const schema = buildFederatedSchema(codeFirst, REFERENCES, FIELD_RESOLVERS);
  // The SDL's @authenticated/@requiresScopes, enforced here too (a router enforces them as well),
  // and on entity representations as on the query fields that read those types.
  guardEntities(schema, enforceScopes(schema, DOMAIN_SCOPES));
  // Each mutation's @WriteMutation declaration, read by the limits and the cost estimate.
  declareWrites(schema, writeDeclarations(codeFirst));
  declareCosts(schema, { fields: COSTS, references: REFERENCE_CALLS }, Object.keys(REFERENCES));
  return { schema, publicSdl: printSchema(lexicographicSortSchema(codeFirst)) };
}
