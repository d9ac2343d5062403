import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
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
import { fieldCostOf, referenceCallsOf } from './cost.directives';
import { COST_MODEL } from './cost.model';
import { introspectionItems, introspectionWeight } from './introspection';
import { upstreamWriteOf } from './writes';

/**
 * What an operation may cost, estimated before execution from the document alone. Two things
 * matter to this gateway: upstream calls (some upstream areas allow about one call per second),
 * and the size of the answer (one field can ask for a whole upstream collection, a few hundred
 * kilobytes, where one item is a few hundred bytes). `values` counts the JSON values the answer
 * can hold; `calls` the upstream calls a cold cache would need. Both come from what the schema's
 * fields declare (src/limits/cost.directives.ts).
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

/** The size a field announces to the lists of its type it names (`@listSize(sizedFields:)`). */
interface Announced {
  fields: ReadonlySet<string>;
  size: number;
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

/** How many items a list field returns: as its enclosing field announced, or as it declares. */
function itemsOf(
  schema: GraphQLSchema,
  parent: string,
  field: GraphQLField<unknown, unknown>,
  values: Record<string, unknown>,
  announced: Announced | undefined,
  focus: GraphQLNamedType | undefined,
): number {
  if (announced?.fields.has(field.name)) return announced.size;
  return (
    fieldCostOf(field).size(values) ??
    introspectionItems(schema, `${parent}.${field.name}`, focus) ??
    COST_MODEL.listItems
  );
}

/** Upstream calls of one occurrence of a field: as it declares, or as its mutation writes. */
function callsOf(field: GraphQLField<unknown, unknown>, values: Record<string, unknown>): number {
  return fieldCostOf(field).calls(values) ?? upstreamWriteOf(field)?.calls ?? 0;
}

/**
 * What a field announces to the lists below it that its `@listSize(sizedFields:)` names: a
 * connection's page size, or what its domain counts from its arguments (a list argument's
 * length, bounded as the domain's own validation bounds it).
 */
function announcedBy(
  field: GraphQLField<unknown, unknown>,
  values: Record<string, unknown>,
): Announced | undefined {
  const cost = fieldCostOf(field);
  if (cost.sizedFields.size === 0) return undefined;
  return { fields: cost.sizedFields, size: cost.size(values) ?? COST_MODEL.sizedItems };
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
  const byType = new Map<GraphQLObjectType, Record<string, unknown>[]>();
  let values = 1;
  for (const representation of Array.isArray(representations) ? representations : []) {
    const typename = (representation as { __typename?: unknown } | null)?.__typename;
    const type = typeof typename === 'string' ? walk.schema.getType(typename) : undefined;
    if (!type || !isObjectType(type) || !referenceCallsOf(type)) values += 1;
    else {
      const group = byType.get(type) ?? [];
      group.push(representation as Record<string, unknown>);
      byType.set(type, group);
    }
  }
  let calls = 0;
  for (const [type, group] of byType) {
    const inner = selection.selectionSet
      ? selectionCost(selection.selectionSet, type, walk, undefined)
      : { calls: 0, values: 0 };
    calls += referenceCallsOf(type)!(group) + inner.calls;
    values += group.length * inner.values;
  }
  return { calls, values };
}

function selectionCost(
  selectionSet: SelectionSetNode,
  type: GraphQLCompositeType,
  walk: Walk,
  /** What the enclosing field announced to its lists (see `announcedBy`). */
  announced: Announced | undefined,
): { calls: number; values: number } {
  let calls = 0;
  let values = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition
        ? (walk.schema.getType(selection.typeCondition.name.value) as GraphQLNamedType)
        : type;
      if (!isCompositeType(condition) || !applies(walk.schema, condition, type)) continue;
      const inner = selectionCost(selection.selectionSet, condition, walk, announced);
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
      const inner = selectionCost(fragment.selectionSet, condition, walk, announced);
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
      ? itemsOf(walk.schema, type.name, field, values_, announced, walk.focus)
      : 1;
    calls += callsOf(field, values_);
    const named = getNamedType(field.type);
    if (selection.selectionSet && isCompositeType(named)) {
      const focus = walk.focus;
      walk.focus =
        field === TypeMetaFieldDef && typeof values_.name === 'string'
          ? (walk.schema.getType(values_.name) ?? undefined)
          : undefined;
      const inner = selectionCost(selection.selectionSet, named, walk, announcedBy(field, values_));
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
  const { calls, values } = selectionCost(operation.selectionSet, root, walk, undefined);
  return { calls, values, cost: values + COST_MODEL.callWeight * calls };
}
