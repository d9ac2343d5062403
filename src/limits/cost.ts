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
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values';
import { MAX_RECIPIENTS } from '../pricing/intel.args';
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

/** The shape of the upstream data the estimate assumes (Vonage's catalogue, 2026). */
export const COST_MODEL = {
  /** Countries in a full catalogue of one type. */
  catalogueCountries: 250,
  /** Countries one dialling prefix can match (1: the NANP countries). */
  prefixCountries: 25,
  /** Networks per country, on average over a catalogue. */
  networksPerCountry: 8,
  /** Entries of a scalar list (a network's number ranges). */
  scalarListItems: 5,
  /** Weight of one upstream call, in answer values. */
  callWeight: 100,
} as const;

/** Upstream calls of a root query field, cold, per occurrence (mutations: their domains' writes). */
const ROOT_CALLS: Record<string, number> = {
  account: 0,
  pricing: 1,
  networkPricing: 1,
  prefixPricing: 1,
  // Both read one full catalogue, whatever the numbers.
  numberPricing: 1,
  estimateSmsCost: 1,
  ownedNumbers: 1,
  ownedNumber: 1,
  availableNumbers: 1,
  // Price history answers from its database, never the upstream: its cost is its page of
  // values (pageSize, at most 500, counted on `nodes` below).
  pricingChanges: 0,
  priceHistory: 0,
};

/** Upstream calls of fields below the root: one each (loaders batch nested prices per type). */
const NESTED_CALLS: Record<string, number> = {
  'Account.balance': 1,
  'Account.settings': 1,
  'Account.currency': 1,
  'Account.numbers': 1,
  'OwnedNumber.pricing': 1,
  'AvailableNumber.pricing': 1,
};

interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  /** Fragments being expanded, against cycles (validation refuses them anyway). */
  visiting: Set<string>;
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
  parent: string,
  field: GraphQLField<unknown, unknown>,
  values: Record<string, unknown>,
  /** Items the enclosing field announced: a connection's page size, an estimate's recipients. */
  enclosing: number,
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
      if (!isCompositeType(condition)) continue;
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
      if (!condition || !isCompositeType(condition)) continue;
      walk.visiting.add(name);
      const inner = selectionCost(fragment.selectionSet, condition, walk, pageSize);
      walk.visiting.delete(name);
      calls += inner.calls;
      values += inner.values;
      continue;
    }
    if (selection.name.value.startsWith('__')) {
      values += 1;
      continue;
    }
    // Fields of unions and interfaces are only reachable through fragments or shared fields.
    const field =
      isObjectType(type) || isInterfaceType(type)
        ? type.getFields()[selection.name.value]
        : undefined;
    if (!field) continue;
    const values_ = args(field, selection, walk);
    const nullable = getNullableType(field.type);
    const isList = isListType(nullable);
    const items = isList
      ? selection.name.value === 'nodes'
        ? pageSize
        : itemsOf(type.name, field, values_, pageSize)
      : 1;
    calls += callsOf(type.name, field, values_);
    const named = getNamedType(field.type);
    if (selection.selectionSet && isCompositeType(named)) {
      const inner = selectionCost(selection.selectionSet, named, walk, enclosed(values_));
      // Nested calls are batched per request, so they do not multiply with the items.
      calls += inner.calls;
      values += 1 + items * inner.values;
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
