import {
  type DirectiveNode,
  type GraphQLField,
  type GraphQLSchema,
  isInterfaceType,
  isObjectType,
  valueFromASTUntyped,
} from 'graphql';
import { Directive } from 'type-graphql';
import { COST_MODEL } from './cost.model';

/**
 * What the cost estimate reads of the schema: each field's Federation `@cost` and `@listSize`
 * (the directives a router's demand control reads), and what a domain declares beside them for
 * what they cannot say.
 */

/** A field's arguments as graphql-js coerces them; {} when they are refused later. */
export type CostArguments = Readonly<Record<string, unknown>>;

/**
 * A field's cost as functions of its arguments, where `@cost` and `@listSize` cannot say it
 * (a size counted from list arguments, the product of two lists, calls per distinct value). Each
 * function may return undefined: then the field's directives say.
 */
export interface ArgumentCost {
  /** Items of the list the field returns, or that it announces to its `sizedFields`. */
  size?(args: CostArguments): number | undefined;
  /** Upstream calls of one occurrence of the field, cold. */
  calls?(args: CostArguments): number | undefined;
}

/**
 * Upstream calls, cold, of the representations of one entity in an `_entities` field, as its
 * reference resolver's loader batches them.
 */
export type ReferenceCalls = (
  representations: readonly Readonly<Record<string, unknown>>[],
) => number;

/**
 * `@cost(weight:)`: one occurrence of the field makes `calls` upstream calls, cold. Calls below
 * the root are batched per request by the loaders, so they are not multiplied by list items.
 */
export function UpstreamCalls(calls = 1): MethodDecorator & PropertyDecorator {
  return Directive(`@cost(weight: ${calls * COST_MODEL.callWeight})`);
}

export interface ListSizeOptions {
  /** Items the list holds when no slicing argument says. */
  assumedSize?: number;
  /** Int arguments that give the size (a page size); the largest given wins. */
  slicingArguments?: readonly string[];
  /** Lists of the field's type that the size applies to (a connection's `nodes`). */
  sizedFields?: readonly string[];
}

/** `@listSize`: how many items a list field returns, or the lists of a connection. */
export function ListSize(options: ListSizeOptions): MethodDecorator & PropertyDecorator {
  const args: string[] = [];
  if (options.assumedSize !== undefined) args.push(`assumedSize: ${options.assumedSize}`);
  if (options.slicingArguments) {
    args.push(`slicingArguments: ${JSON.stringify(options.slicingArguments)}`);
  }
  if (options.sizedFields) args.push(`sizedFields: ${JSON.stringify(options.sizedFields)}`);
  return Directive(`@listSize(${args.join(', ')})`);
}

/** What the estimate reads of one field. */
export interface FieldCost {
  /** Upstream calls of one occurrence, cold; undefined when the field declares none. */
  calls(args: CostArguments): number | undefined;
  /** Items it returns (a list) or announces to `sizedFields`; undefined when nothing says. */
  size(args: CostArguments): number | undefined;
  /** The lists of its type that `size` applies to. */
  sizedFields: ReadonlySet<string>;
}

const ARGUMENT_COST = 'argumentCost';
const REFERENCE_CALLS = 'referenceCalls';

/** A directive of the field, imported under its own name or left as `federation__<name>`. */
function directiveOf(
  field: GraphQLField<unknown, unknown>,
  name: string,
): DirectiveNode | undefined {
  return field.astNode?.directives?.find(
    (directive) => directive.name.value.replace(/^federation__/, '') === name,
  );
}

function argumentOf(directive: DirectiveNode | undefined, name: string): unknown {
  const argument = directive?.arguments?.find((arg) => arg.name.value === name);
  return argument ? valueFromASTUntyped(argument.value) : undefined;
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

function readFieldCost(field: GraphQLField<unknown, unknown>): FieldCost {
  const declared = (field.extensions as Record<string, ArgumentCost | undefined>)[ARGUMENT_COST];
  const weight = argumentOf(directiveOf(field, 'cost'), 'weight');
  const calls = typeof weight === 'number' ? weight / COST_MODEL.callWeight : undefined;
  const listSize = directiveOf(field, 'listSize');
  const assumed = argumentOf(listSize, 'assumedSize');
  const slicing = strings(argumentOf(listSize, 'slicingArguments'));
  return {
    calls: (args) => declared?.calls?.(args) ?? calls,
    size: (args) => {
      const own = declared?.size?.(args);
      if (own !== undefined) return own;
      const given = slicing
        .map((name) => args[name])
        .filter((value): value is number => typeof value === 'number');
      if (given.length > 0) return Math.max(...given);
      return typeof assumed === 'number' ? assumed : undefined;
    },
    sizedFields: new Set(strings(argumentOf(listSize, 'sizedFields'))),
  };
}

const read = new WeakMap<GraphQLField<unknown, unknown>, FieldCost>();

/** A field's cost as its directives and its domain's declaration say (read once per field). */
export function fieldCostOf(field: GraphQLField<unknown, unknown>): FieldCost {
  let cost = read.get(field);
  if (!cost) read.set(field, (cost = readFieldCost(field)));
  return cost;
}

/** The reference calls an entity type declares; undefined for any other type. */
export function referenceCallsOf(type: { extensions: object }): ReferenceCalls | undefined {
  return (type.extensions as Record<string, ReferenceCalls | undefined>)[REFERENCE_CALLS];
}

export interface CostDeclarations {
  /** By coordinate ("Type.field"). */
  fields: Readonly<Record<string, ArgumentCost>>;
  /** By entity typename. */
  references: Readonly<Record<string, ReferenceCalls>>;
}

/**
 * Records the domains' cost declarations on the schema (as field and type extensions), where the
 * estimate reads them. Each must name a field or type of the schema, and every entity the schema
 * resolves (`resolved`, by typename) must declare its reference calls: a new entity cannot slip
 * past the estimate unnoticed.
 */
export function declareCosts(
  schema: GraphQLSchema,
  declarations: CostDeclarations,
  resolved: Iterable<string>,
): void {
  for (const [coordinate, cost] of Object.entries(declarations.fields)) {
    const [typename, name] = coordinate.split('.');
    const type = schema.getType(typename);
    const field =
      (isObjectType(type) || isInterfaceType(type)) && name ? type.getFields()[name] : undefined;
    if (!field) throw new Error(`No field ${coordinate} to declare a cost of`);
    (field as { extensions: object }).extensions = { ...field.extensions, [ARGUMENT_COST]: cost };
  }
  const entities = new Set(resolved);
  for (const [typename, calls] of Object.entries(declarations.references)) {
    const type = schema.getType(typename);
    if (!isObjectType(type) || !entities.has(typename)) {
      throw new Error(`No entity ${typename} to declare the reference calls of`);
    }
    (type as { extensions: object }).extensions = { ...type.extensions, [REFERENCE_CALLS]: calls };
  }
  for (const typename of entities) {
    if (!declarations.references[typename]) {
      throw new Error(`Entity ${typename} does not declare its reference calls`);
    }
  }
}

/** The slicing arguments the schema's `@listSize` name, each once, in the schema's order. */
export function slicingArgumentsOf(schema: GraphQLSchema): string[] {
  const names = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      for (const name of strings(argumentOf(directiveOf(field, 'listSize'), 'slicingArguments'))) {
        names.add(name);
      }
    }
  }
  return [...names];
}
