import {
  type GraphQLFieldConfig,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isAbstractType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
} from 'graphql';
import { ANONYMOUS, type Access, forbidden, unauthenticated } from './caller';
import { type Requirement } from './scopes';

/** One way of reading a type through queries: the scopes the fields on that path require. */
interface Reach {
  /** Some field on the path requires an authenticated caller. */
  authenticated: boolean;
  scopes: ReadonlySet<string>;
  /** The root query field the path starts with, e.g. "Query.ownedNumber". */
  via: string;
}

/**
 * What a representation of one entity type requires: any one of these ways of reading it.
 * Never empty (a type no query reaches cannot be an entity, see `entityRules`).
 */
export type EntityRule = readonly Reach[];

const CLOSED: Access = { caller: ANONYMOUS, enforced: true };

/** a needs no more than b: whoever may take path b may take path a. */
function covers(a: Reach, b: Reach): boolean {
  return (!a.authenticated || b.authenticated) && [...a.scopes].every((s) => b.scopes.has(s));
}

/** The ways of going on from `reach` through a field with this requirement. */
function through(reach: Reach, requirement: Requirement | undefined): Reach[] {
  if (!requirement) return [reach];
  if (requirement.anyOf.length === 0) return [{ ...reach, authenticated: true }];
  return requirement.anyOf.map((set) => ({
    authenticated: true,
    scopes: new Set([...reach.scopes, ...set]),
    via: reach.via,
  }));
}

/** Fields returning one object come before lists: "Query.item" names a rule, not "Query.items". */
function fieldsInOrder(type: GraphQLNamedType) {
  if (!isObjectType(type)) return [];
  const fields = Object.values(type.getFields());
  const isList = (field: (typeof fields)[number]) =>
    isListType(isNonNullType(field.type) ? field.type.ofType : field.type);
  return [...fields.filter((f) => !isList(f)), ...fields.filter(isList)];
}

/**
 * What a representation of each entity type requires, derived from the schema's own
 * `@authenticated`/`@requiresScopes`: the least any query path from `Query` to that type asks
 * (the scopes of every field on the path together; of several paths, any one will do). So a
 * representation answers exactly what the caller could read through the query fields: an entity
 * that `Query.item` returns needs what `Query.item` needs, one nested in it (`item { part }`) what
 * that path does. The domains declare nothing more: their fields' scopes and their entities
 * (`@key`) are the rules. Mutations' results are not read paths: a token with a write scope only
 * does not read an entity that a mutation returns. The entity's own fields keep their own rules
 * on top (a field with a scope of its own).
 */
export function entityRules(
  schema: GraphQLSchema,
  requirements: ReadonlyMap<string, Requirement>,
): Map<string, EntityRule> {
  const reached = new Map<string, Reach[]>();
  const query = schema.getQueryType();
  if (!query) return new Map();
  // Breadth first, so that of equal ways the shortest (the one a rule is named after) is kept.
  const queue: [GraphQLNamedType, Reach][] = [
    [query, { authenticated: false, scopes: new Set(), via: '' }],
  ];
  for (let next = queue.shift(); next; next = queue.shift()) {
    const [type, reach] = next;
    for (const field of fieldsInOrder(type)) {
      // _entities and _service are federation's own entry points, not ways of reading a type.
      if (type === query && field.name.startsWith('_')) continue;
      const start = type === query ? { ...reach, via: `Query.${field.name}` } : reach;
      const named = getNamedType(field.type);
      const targets = isAbstractType(named) ? schema.getPossibleTypes(named) : [named];
      for (const way of through(start, requirements.get(`${type.name}.${field.name}`))) {
        for (const target of targets) {
          if (!isObjectType(target)) continue;
          const known = reached.get(target.name) ?? [];
          if (known.some((k) => covers(k, way))) continue;
          reached.set(target.name, [...known.filter((k) => !covers(way, k)), way]);
          queue.push([target, way]);
        }
      }
    }
  }
  const rules = new Map<string, EntityRule>();
  const entity = schema.getType('_Entity');
  for (const type of entity && isUnionType(entity) ? entity.getTypes() : []) {
    const rule = reached.get(type.name);
    if (!rule) throw new Error(`Entity ${type.name} is read by no query field: no rule to apply`);
    rules.set(type.name, rule);
  }
  return rules;
}

/** Undefined when the caller may have a representation of `typename`, else the refusal. */
export function checkEntity(access: Access, typename: string, rule: EntityRule) {
  if (!access.enforced || rule.some((r) => !r.authenticated)) return undefined;
  const { caller } = access;
  const vias = [...new Set(rule.map((r) => r.via))].join(' or ');
  const subject = `A representation of ${typename} in _entities, read as ${vias},`;
  const extensions = { entity: typename };
  if (caller.kind === 'anonymous') return unauthenticated(rule[0].via, subject, extensions);
  if (rule.some((r) => [...r.scopes].every((s) => caller.scopes.has(s)))) return undefined;
  const anyOf = rule.map((r) => [...r.scopes]);
  return forbidden(rule[0].via, anyOf, caller, subject, extensions);
}

/**
 * Wraps `Query._entities`, so that each representation is answered at most as the caller's
 * rights allow, before any reference resolver runs (hence before any upstream call): one whose
 * `__typename` is not an entity of this subgraph (`Query`, `Balance`, `__proto__`, not a string)
 * is null, as an unknown reference is; one the caller may not read is that entry's
 * UNAUTHENTICATED or FORBIDDEN error; the others resolve as before, in their places.
 */
export function guardEntities(
  schema: GraphQLSchema,
  requirements: ReadonlyMap<string, Requirement>,
): void {
  const rules = entityRules(schema, requirements);
  const field = schema.getQueryType()?.getFields()._entities as
    GraphQLFieldConfig<unknown, unknown, { representations: unknown[] }> | undefined;
  const resolve = field?.resolve;
  if (!field || !resolve) return;
  field.resolve = (source, args, context, info) => {
    const access = (context as { access?: Access }).access ?? CLOSED;
    const answers: unknown[] = args.representations.map(() => null);
    const passed: unknown[] = [];
    const places: number[] = [];
    args.representations.forEach((representation, place) => {
      const typename =
        typeof representation === 'object' && representation !== null
          ? (representation as { __typename?: unknown }).__typename
          : undefined;
      const rule = typeof typename === 'string' ? rules.get(typename) : undefined;
      if (!rule) return;
      const refusal = checkEntity(access, typename as string, rule);
      if (refusal) answers[place] = refusal;
      else {
        passed.push(representation);
        places.push(place);
      }
    });
    if (passed.length === 0) return answers;
    const resolved = resolve(source, { ...args, representations: passed }, context, info);
    (resolved as unknown[]).forEach((answer, k) => (answers[places[k]] = answer));
    return answers;
  };
}
