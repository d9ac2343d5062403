import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  getNamedType,
  getNullableType,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values';
import { MAX_RECIPIENTS } from '../pricing/intel.args';
import { COST_MODEL, NESTED_CALLS, REFERENCE_CALLS, ROOT_CALLS } from './cost.model';
import { introspectionItems, introspectionWeight } from './introspection';
import { upstreamWriteOf } from './writes';

/**
 * What an operation may cost, estimated before execution from the document alone. Two things
 * matter to this gateway: upstream calls (Vonage allows about one pricing call per second), and
 * the size of the answer (a full price catalogue with networks is a few hundred kilobytes per
 * type; one country is a few hundred bytes). `values` counts the JSON values the answer can
 * hold; `calls` the upstream calls a cold cache would need.
 */
export interface CostEstimate {
  calls: number;
  values: number;
  /** values + callWeight × calls: what the limit is compared with. */
  cost: number;
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  /** Fragments being expanded, against cycles (validation refuses them anyway). */
  visiting: Set<string>;
  /** The type a `__type(name:)` being walked names (its lists are counted exactly). */
  focus?: GraphQLNamedType;
}

function args(
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  walk: Walk,
): Record<string, unknown> {
  try {
    return getArgumentValues(field, node, walk.variables);
  } catch {
    // Invalid variables are refused at execution; estimate with the defaults.
    return {};
  }
}

/** How many items a list field returns, by what its arguments ask for. */
function itemsOf(
  schema: GraphQLSchema,
  parent: string,
  field: GraphQLField<unknown, unknown>,
  values: Record<string, unknown>,
  /** Items the enclosing field announced: a connection's page size, an estimate's recipients. */
  enclosing: number,
  focus: GraphQLNamedType | undefined,
): number {
  const key = `${parent}.${field.name}`;
  switch (key) {
    case 'Query.pricings': {
      const types = new Set(Array.isArray(values.types) ? values.types : ['SMS']).size;
      const countries = Array.isArray(values.countries)
        ? new Set(values.countries).size
        : COST_MODEL.catalogueCountries;
      return Math.max(1, types) * countries;
    }
    case 'Query.prefixPricing':
      return COST_MODEL.prefixCountries;
    case 'CountryPricing.networks':
      return COST_MODEL.networksPerCountry;
    // Every recipient is in one of the two lists: each is counted at the full list, a bound.
    case 'SmsCostEstimate.recipients':
    case 'SmsCostEstimate.unpriced':
      return enclosing;
  }
  const introspected = introspectionItems(schema, key, focus);
  if (introspected !== undefined) return introspected;
  if (field.name === 'nodes') return 1; // counted on the connection, below
  return typeof values.pageSize === 'number' ? values.pageSize : COST_MODEL.scalarListItems;
}

function callsOf(
  parent: string,
  field: GraphQLField<unknown, unknown>,
  values: Record<string, unknown>,
): number {
  if (parent === 'Mutation') return upstreamWriteOf(field)?.calls ?? 0;
  if (parent === 'Query') {
    if (field.name === 'pricings') {
      const types = Array.isArray(values.types) ? new Set(values.types).size : 1;
      // Several countries cost one catalogue call per type; one country one call.
      return Math.max(1, types);
    }
    return ROOT_CALLS[field.name] ?? 0;
  }
  return NESTED_CALLS[`${parent}.${field.name}`] ?? 0;
}

/**
 * Items a field announces to the lists below it: a connection's `pageSize` (10 by default), or
 * an SMS estimate's recipients. Past MAX_RECIPIENTS, argument validation refuses the list by
 * name (`to`), so the estimate stops counting there.
 */
function enclosed(values: Record<string, unknown>): number {
  if (Array.isArray(values.to)) return Math.min(values.to.length, MAX_RECIPIENTS);
  return typeof values.pageSize === 'number' ? values.pageSize : 10;
}

/** A field of `type`, introspection's `__schema` and `__type` included. */
function fieldOf(
  schema: GraphQLSchema,
  type: GraphQLCompositeType,
  name: string,
): GraphQLField<unknown, unknown> | undefined {
  if (type === schema.getQueryType()) {
    if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  }
  // Fields of unions are only reachable through fragments.
  return isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
}

/** Whether a fragment on `condition` can apply to a value of `type` (an object: only its own). */
function applies(
  schema: GraphQLSchema,
  condition: GraphQLCompositeType,
  type: GraphQLCompositeType,
): boolean {
  if (!isObjectType(type) || condition === type) return true;
  return isAbstractType(condition) && schema.isSubType(condition, type);
}

/**
 * `_entities`: each representation is one item of its own type (its fragments only), and its
 * reference resolver's calls, cold, as the loaders batch them; a representation of no entity
 * type is null (one value, no call).
 */
function entitiesCost(
  selection: FieldNode,
  representations: unknown,
  walk: Walk,
): { calls: number; values: number } {
  const byType = new Map<string, Record<string, unknown>[]>();
  let values = 1;
  for (const representation of Array.isArray(representations) ? representations : []) {
    const typename = (representation as { __typename?: unknown } | null)?.__typename;
    const type = typeof typename === 'string' ? walk.schema.getType(typename) : undefined;
    if (!type || !isObjectType(type) || !REFERENCE_CALLS[type.name]) values += 1;
    else {
      const group = byType.get(type.name) ?? [];
      group.push(representation as Record<string, unknown>);
      byType.set(type.name, group);
    }
  }
  let calls = 0;
  for (const [typename, group] of byType) {
    const type = walk.schema.getType(typename) as GraphQLCompositeType;
    const inner = selection.selectionSet
      ? selectionCost(selection.selectionSet, type, walk, 10)
      : { calls: 0, values: 0 };
    calls += REFERENCE_CALLS[typename](group) + inner.calls;
    values += group.length * inner.values;
  }
  return { calls, values };
}

function selectionCost(
  selectionSet: SelectionSetNode,
  type: GraphQLCompositeType,
  walk: Walk,
  /** Items the enclosing field announced (see `enclosed`), carried to its `nodes`. */
  pageSize: number,
): { calls: number; values: number } {
  let calls = 0;
  let values = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition
        ? (walk.schema.getType(selection.typeCondition.name.value) as GraphQLNamedType)
        : type;
      if (!isCompositeType(condition) || !applies(walk.schema, condition, type)) continue;
      const inner = selectionCost(selection.selectionSet, condition, walk, pageSize);
      calls += inner.calls;
      values += inner.values;
      continue;
    }
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const name = selection.name.value;
      const fragment = walk.fragments[name];
      if (!fragment || walk.visiting.has(name)) continue;
      const condition = walk.schema.getType(fragment.typeCondition.name.value);
      if (!condition || !isCompositeType(condition) || !applies(walk.schema, condition, type)) {
        continue;
      }
      walk.visiting.add(name);
      const inner = selectionCost(fragment.selectionSet, condition, walk, pageSize);
      walk.visiting.delete(name);
      calls += inner.calls;
      values += inner.values;
      continue;
    }
    if (selection.name.value === '__typename') {
      values += 1;
      continue;
    }
    const field = fieldOf(walk.schema, type, selection.name.value);
    if (!field) continue;
    const values_ = args(field, selection, walk);
    if (field.name === '_entities' && type === walk.schema.getQueryType()) {
      const inner = entitiesCost(selection, values_.representations, walk);
      calls += inner.calls;
      values += inner.values;
      continue;
    }
    const nullable = getNullableType(field.type);
    const isList = isListType(nullable);
    const items = isList
      ? selection.name.value === 'nodes'
        ? pageSize
        : itemsOf(walk.schema, type.name, field, values_, pageSize, walk.focus)
      : 1;
    calls += callsOf(type.name, field, values_);
    const named = getNamedType(field.type);
    if (selection.selectionSet && isCompositeType(named)) {
      const focus = walk.focus;
      walk.focus =
        field === TypeMetaFieldDef && typeof values_.name === 'string'
          ? (walk.schema.getType(values_.name) ?? undefined)
          : undefined;
      const inner = selectionCost(selection.selectionSet, named, walk, enclosed(values_));
      walk.focus = focus;
      // Nested calls are batched per request, so they do not multiply with the items.
      calls += inner.calls;
      values += 1 + items * inner.values;
    } else if (type.name.startsWith('__')) {
      values += items * introspectionWeight(walk.schema, field.name);
    } else {
      values += items;
    }
  }
  return { calls, values };
}

/** Estimates one operation of a document, with its variables. */
export function estimateCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown> = {},
): CostEstimate {
  const root =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  if (!root) return { calls: 0, values: 0, cost: 0 };
  const walk: Walk = { schema, fragments, variables, visiting: new Set() };
  const { calls, values } = selectionCost(operation.selectionSet, root, walk, 10);
  return { calls, values, cost: values + COST_MODEL.callWeight * calls };
}
