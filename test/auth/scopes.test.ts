import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { enforceScopes } from '../../src/auth/scopes';
import { DOMAIN_SCOPES } from '../../src/domains';

const LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@requiresScopes"])';

const schemaOf = (sdl: string) => buildSubgraphSchema({ typeDefs: parse(`${LINK}\n${sdl}`) });

describe('the scopes the domains declare', () => {
  it('are the scopes the fields require, each with what it lets a caller do', () => {
    expect(Object.keys(DOMAIN_SCOPES).sort()).toEqual([
      'account:read',
      'admin',
      'billing:write',
      'messages:read',
      'numbers:read',
      'numbers:write',
      'pricing:read',
      'settings:write',
      'subaccounts:read',
      'subaccounts:transfer',
      'subaccounts:write',
    ]);
    for (const description of Object.values(DOMAIN_SCOPES)) expect(description).not.toBe('');
  });

  it('refuses a schema whose field requires a scope no domain declares', () => {
    const sdl = 'type Query { item: Int @requiresScopes(scopes: [["items:read", "audit"]]) }';
    expect(() => enforceScopes(schemaOf(sdl), { 'items:read': 'reads items' })).toThrow(
      'Query.item requires the scope "audit", which no domain declares',
    );
    const requirements = enforceScopes(schemaOf(sdl), { 'items:read': 'reads', audit: 'audits' });
    expect(requirements.get('Query.item')).toEqual({ anyOf: [['items:read', 'audit']] });
  });
});
