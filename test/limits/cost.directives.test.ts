import {
  type FragmentDefinitionNode,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  buildSchema,
  parse,
} from 'graphql';
import { eitherOf, listOf } from '../../src/limits/advice';
import { estimateCost } from '../../src/limits/cost';
import { declareCosts, slicingArgumentsOf } from '../../src/limits/cost.directives';

/** A schema of no domain: what the estimate reads is only its directives and declarations. */
const SDL = `
  directive @cost(weight: Int!) on FIELD_DEFINITION
  directive @federation__cost(weight: Int!) on FIELD_DEFINITION
  directive @listSize(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!], requireOneSlicingArgument: Boolean = true) on FIELD_DEFINITION
  type Query {
    items(first: Int = 10, last: Int): ItemPage! @cost(weight: 200) @listSize(slicingArguments: ["first", "last"], sizedFields: ["nodes"])
    tags: [String!]! @listSize(assumedSize: 3)
    other: [String!]!
    item: Item
  }
  type ItemPage { nodes: [Item!]! total: Int }
  type Item { name: String detail: Detail @federation__cost(weight: 100) }
  type Detail { text: String }
`;

function estimate(schema: GraphQLSchema, query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION,
  )!;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  return estimateCost(schema, operation, fragments, variables);
}

describe("the cost estimate reads the schema's @cost and @listSize", () => {
  const schema = buildSchema(SDL);

  it('counts @cost(weight:) as calls of 100 each, once per occurrence, not per item', () => {
    expect(estimate(schema, '{ items(first: 3) { total } }')).toMatchObject({ calls: 2 });
    // `federation__cost` (not imported) is read the same; nested calls are batched per request.
    const nested = estimate(schema, '{ items(first: 3) { nodes { detail { text } } } }');
    expect(nested).toMatchObject({ calls: 3, values: 1 + 1 + 3 * (1 + 1) });
  });

  it("sizes a connection's sizedFields by its largest slicing argument, its default, or 10", () => {
    expect(estimate(schema, '{ items(first: 3) { nodes { name } } }').values).toBe(1 + 1 + 3);
    expect(estimate(schema, '{ items(first: 3, last: 7) { nodes { name } } }').values).toBe(9);
    expect(estimate(schema, '{ items { nodes { name } } }').values).toBe(1 + 1 + 10);
    // A variable that is missing leaves nothing to size by.
    const missing = estimate(schema, 'query($n: Int!) { items(first: $n) { nodes { name } } }');
    expect(missing.values).toBe(1 + 1 + 10);
  });

  it('sizes a list by its assumedSize, else 5', () => {
    expect(estimate(schema, '{ tags }').values).toBe(3);
    expect(estimate(schema, '{ other }').values).toBe(5);
  });
});

describe("a domain's declarations beside the directives", () => {
  it('sizes and prices a field by functions of its arguments, before its directives', () => {
    const schema = buildSchema(SDL);
    declareCosts(
      schema,
      {
        fields: {
          'Query.tags': { size: () => 7 },
          'Query.items': { size: (args) => (args.first === 1 ? undefined : 4), calls: () => 5 },
        },
        references: {},
      },
      [],
    );
    expect(estimate(schema, '{ tags }').values).toBe(7);
    expect(estimate(schema, '{ items(first: 2) { nodes { name } } }')).toMatchObject({
      calls: 5,
      values: 1 + 1 + 4,
    });
    // Undefined: the directives say.
    expect(estimate(schema, '{ items(first: 1) { nodes { name } } }').values).toBe(1 + 1 + 1);
  });

  it('counts the reference calls each entity declares, and a representation of no entity as null', () => {
    const schema = buildSchema(
      `${SDL} scalar _Any extend type Query { _entities(representations: [_Any!]!): [Item]! }`,
    );
    declareCosts(schema, { fields: {}, references: { Item: (refs) => refs.length * 2 } }, ['Item']);
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Item { name } } }';
    const r = [{ __typename: 'Item' }, { __typename: 'Item' }, { __typename: 'Detail' }];
    expect(estimate(schema, query, { r })).toEqual({ calls: 4, values: 1 + 2 + 1, cost: 404 });
  });

  it('refuses to build with a declaration that names no field', () => {
    expect(() =>
      declareCosts(buildSchema(SDL), { fields: { 'Query.nope': {} }, references: {} }, []),
    ).toThrow('No field Query.nope to declare a cost of');
  });

  it('refuses to build with an entity that declares no reference calls, or calls of no entity', () => {
    expect(() => declareCosts(buildSchema(SDL), { fields: {}, references: {} }, ['Item'])).toThrow(
      'Entity Item does not declare its reference calls',
    );
    expect(() =>
      declareCosts(buildSchema(SDL), { fields: {}, references: { Item: () => 1 } }, []),
    ).toThrow('No entity Item to declare the reference calls of');
  });

  it('lists the slicing arguments the schema declares, for the advice', () => {
    expect(slicingArgumentsOf(buildSchema(SDL))).toEqual(['first', 'last']);
  });

  it('joins advice as alternatives and things as a list', () => {
    expect(eitherOf(['split it'])).toBe('split it');
    expect(eitherOf(['split it', 'a', 'b'])).toBe('split it, a, or b');
    expect(listOf(['fields'])).toBe('fields');
    expect(listOf(['fields', 'a', 'b'])).toBe('fields, a or b');
  });
});
