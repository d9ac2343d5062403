import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { entityRules } from '../../src/auth/entities';
import { readRequirements } from '../../src/auth/scopes';

const LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@authenticated", "@requiresScopes"])';

function rulesOf(sdl: string) {
  const schema = buildSubgraphSchema({ typeDefs: parse(`${LINK}\n${sdl}`) });
  const rules = entityRules(schema, readRequirements(schema));
  return Object.fromEntries(
    [...rules].map(([type, rule]) => [type, rule.map((r) => ({ ...r, scopes: [...r.scopes] }))]),
  );
}

describe('what a representation of each entity requires, derived from the query fields', () => {
  it('takes the least demanding path, named after its shortest root field', () => {
    const rules = rulesOf(`
      type Item @key(fields: "id") { id: ID! }
      type Page { items: [Item!]! }
      type Query {
        items: Page! @requiresScopes(scopes: [["items:read"]])
        item(id: ID!): Item @requiresScopes(scopes: [["items:read"]])
        admin: Page! @requiresScopes(scopes: [["admin"]])
      }`);
    expect(rules.Item).toEqual([
      { authenticated: true, scopes: ['items:read'], via: 'Query.item' },
      { authenticated: true, scopes: ['admin'], via: 'Query.admin' },
    ]);
  });

  it('adds up the scopes along a path, and a public path makes the entity public', () => {
    const rules = rulesOf(`
      type Price @key(fields: "code") { code: ID! }
      type Number @key(fields: "msisdn") { msisdn: ID! price: Price @requiresScopes(scopes: [["prices"]]) }
      type Tag @key(fields: "name") { name: ID! }
      type Query {
        number(msisdn: ID!): Number @requiresScopes(scopes: [["numbers"]])
        tags: [Tag!]!
      }`);
    expect(rules.Price).toEqual([
      { authenticated: true, scopes: ['numbers', 'prices'], via: 'Query.number' },
    ]);
    expect(rules.Tag).toEqual([{ authenticated: false, scopes: [], via: 'Query.tags' }]);
  });

  it('does not count mutation results as reading, and refuses to build an entity no query reads', () => {
    expect(() =>
      rulesOf(`
        type Order @key(fields: "id") { id: ID! }
        type Query { ping: Int }
        type Mutation { order: Order @requiresScopes(scopes: [["orders:write"]]) }`),
    ).toThrow('Entity Order is read by no query field');
  });
});
