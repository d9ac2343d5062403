import {
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { seeded } from '../helpers/seeded';

/**
 * Varied query operations drawn from the schema itself: random root fields, fields, aliases,
 * arguments (literal or as variables, valid or not), inline and named fragments on abstract
 * types, @include/@skip. Seeded: the same list every run.
 */
export interface Generated {
  query: string;
  variables: Record<string, unknown>;
}

/** Values by argument or input field name: what front-ends send. */
const VALID: Record<string, unknown[]> = {
  country: ['GB', 'US', 'DE', 'gb', 'FR', 'JP', 'XK'],
  countries: [['GB', 'US'], ['DE', 'fr', 'JP', 'AU'], ['GB'], ['XK', 'IT']],
  msisdn: ['+447400123456', '+4915870000001', '+33612345678'],
  to: [['+4915870000001', '+447400123456'], ['+33612345678']],
  prefix: ['1', '44', '49'],
  mcc: ['234', '262'],
  mnc: ['15', '01'],
  page: [1, 2],
  pageSize: [1, 5, 10, 100],
  text: ['Hello', 'Your code is 123456 – valid 10 min €'],
  since: ['2020-01-01T00:00:00Z'],
  pattern: ['44', '7400'],
  networkCode: ['23415', 'GB-FIXED'],
  // The simulator's sub-accounts (src/simulator/areas/accounts.ts) and the sandbox's own key.
  apiKey: ['bbe6222f', 'cce7333a', 'sandbox'],
  subaccounts: [['cce7333a'], ['bbe6222f', 'dde8444b']],
  until: ['2030-01-01T00:00:00Z'],
};
/** And some that are refused, sent one time in ten. */
const INVALID: Record<string, unknown[]> = {
  country: ['ZZ', 'GBR', ''],
  countries: [[], ['ZZ', 'GB']],
  msisdn: ['12', '+80012345678', 'nope'],
  to: [[], ['nope']],
  prefix: ['999', 'x'],
  mcc: ['999'],
  page: [0, -1],
  pageSize: [0, 101],
  text: [''],
  since: ['yesterday'],
  apiKey: ['no!'],
};

/** Root fields left out: mutations are compared apart, in order, on two gateways. */
const SKIPPED_ROOTS = new Set(['_service']);

const typeString = (type: GraphQLInputType): string => type.toString();

export function generateOperations(schema: GraphQLSchema, count: number, seed = 20): Generated[] {
  const random = seeded(seed);
  const chance = (p: number) => random() < p;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const out: Generated[] = [];
  for (let n = 0; n < count; n++) {
    const variables: Record<string, unknown> = {};
    const declarations: string[] = [];
    const fragments: string[] = [];
    let nextVariable = 0;

    const inputValue = (type: GraphQLInputType, name: string, depth: number): unknown => {
      if (isNonNullType(type)) return inputValue(type.ofType, name, depth);
      if (VALID[name] && !isInputObjectType(getNamedType(type)))
        return INVALID[name] && chance(0.1) ? pick(INVALID[name]) : pick(VALID[name]);
      if (isListType(type)) {
        return Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
          inputValue(type.ofType, name, depth),
        );
      }
      if (isEnumType(type)) return pick(type.getValues()).name;
      if (isInputObjectType(type)) {
        const object: Record<string, unknown> = {};
        for (const field of Object.values(type.getFields())) {
          if (isNonNullType(field.type) || (depth < 2 && chance(0.5)))
            object[field.name] = inputValue(field.type, field.name, depth + 1);
        }
        return object;
      }
      if (isScalarType(type)) {
        if (type.name === 'Int') return pick([1, 2, 10]);
        if (type.name === 'Float') return 1.5;
        if (type.name === 'Boolean') return chance(0.5);
        return pick(['GB', 'abc', '1']);
      }
      return null;
    };

    /** A value as GraphQL literal text (enums bare). */
    const literal = (type: GraphQLInputType, value: unknown): string => {
      const named = getNamedType(type);
      if (value === null || value === undefined) return 'null';
      if (Array.isArray(value)) {
        const inner = isListType(isNonNullType(type) ? type.ofType : type)
          ? ((isNonNullType(type) ? type.ofType : type) as { ofType: GraphQLInputType }).ofType
          : type;
        return `[${value.map((item) => literal(inner, item)).join(', ')}]`;
      }
      if (isEnumType(named) && typeof value === 'string') return value;
      if (isInputObjectType(named) && typeof value === 'object') {
        const fields = named.getFields();
        return `{ ${Object.entries(value as object)
          .map(([key, item]) => `${key}: ${literal(fields[key].type, item)}`)
          .join(', ')} }`;
      }
      return JSON.stringify(value);
    };

    const argumentsOf = (field: GraphQLField<unknown, unknown>): string => {
      const parts: string[] = [];
      for (const arg of field.args) {
        if (!isNonNullType(arg.type) && !chance(0.5)) continue;
        const value = inputValue(arg.type, arg.name, 0);
        if (chance(0.35)) {
          const name = `v${nextVariable++}`;
          declarations.push(`$${name}: ${typeString(arg.type)}`);
          variables[name] = value;
          parts.push(`${arg.name}: $${name}`);
        } else {
          parts.push(`${arg.name}: ${literal(arg.type, value)}`);
        }
      }
      return parts.length ? `(${parts.join(', ')})` : '';
    };

    const directive = (): string => {
      if (!chance(0.12)) return '';
      const which = pick(['include', 'skip']);
      if (chance(0.5)) return ` @${which}(if: ${chance(0.5)})`;
      const name = `v${nextVariable++}`;
      declarations.push(`$${name}: Boolean!`);
      variables[name] = chance(0.5);
      return ` @${which}(if: $${name})`;
    };

    const selection = (type: GraphQLNamedType, depth: number): string => {
      if (isAbstractType(type)) {
        const possible = schema.getPossibleTypes(type);
        const parts = ['__typename'];
        for (const object of possible) {
          if (!chance(0.6)) continue;
          const inner = selection(object, depth + 1);
          if (chance(0.3)) {
            const name = `F${n}_${fragments.length}`;
            fragments.push(`fragment ${name} on ${object.name} ${inner}`);
            parts.push(`...${name}`);
          } else {
            parts.push(`... on ${object.name} ${inner}`);
          }
        }
        return `{ ${parts.join(' ')} }`;
      }
      if (!isObjectType(type)) return '';
      const fields = Object.values(type.getFields());
      const chosen = fields.filter(() => chance(depth === 0 ? 0.5 : 0.4));
      if (chosen.length === 0) chosen.push(pick(fields));
      const parts: string[] = chance(0.2) ? ['__typename'] : [];
      for (const field of chosen) {
        const named = getNamedType(field.type);
        const leaf = !isObjectType(named) && !isAbstractType(named);
        if (!leaf && depth >= 3) continue;
        const times = chance(0.15) ? 2 : 1;
        for (let i = 0; i < times; i++) {
          const alias = times > 1 || chance(0.15) ? `a${i}_${field.name}: ` : '';
          const args = argumentsOf(field);
          parts.push(
            `${alias}${field.name}${args}${directive()}${leaf ? '' : ` ${selection(named, depth + 1)}`}`,
          );
        }
      }
      if (parts.length === 0) parts.push('__typename');
      return `{ ${parts.join(' ')} }`;
    };

    const query = schema.getQueryType()!;
    const roots = Object.values(query.getFields()).filter(
      (field) => !SKIPPED_ROOTS.has(field.name) && field.name !== '_entities',
    );
    const parts: string[] = [];
    const rootCount = 1 + Math.floor(random() * 3);
    for (let i = 0; i < rootCount; i++) {
      const field = pick(roots);
      const named = getNamedType(field.type);
      const leaf = !isObjectType(named) && !isAbstractType(named);
      const alias = chance(0.3) ? `r${i}: ` : '';
      parts.push(
        `${alias}${field.name}${argumentsOf(field)}${directive()}${leaf ? '' : ` ${selection(named, 1)}`}`,
      );
    }
    const header = declarations.length ? `(${declarations.join(', ')})` : '';
    const text = `query Generated${n}${header} { ${parts.join(' ')} }`;
    out.push({ query: [text, ...fragments].join('\n'), variables });
  }
  return out;
}
