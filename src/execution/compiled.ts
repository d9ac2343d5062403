import {
  type DocumentNode,
  type ExecutionResult,
  GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  defaultTypeResolver,
  execute,
  isAbstractType,
  getOperationAST,
  getVariableValues,
  valueFromASTUntyped,
  visit,
  BREAK,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import { mendListItemErrors, useListMemo } from './jit-runtime';

/** What one execution needs: Apollo's parsed, validated document and the request's values. */
export interface ExecutionRequest {
  document: DocumentNode;
  operationName?: string | null;
  variables?: Readonly<Record<string, unknown>>;
  contextValue: unknown;
}

/** Compiled operations kept (per document and operation name); the least recently used go first. */
const MAX_COMPILED = 1_000;

/** A document graphql-jit could not compile: graphql-js runs it, every time. */
const INTERPRET = Symbol('interpret');

/** A compiled operation, and whether its answers may use completed lists kept (jit-runtime.ts). */
type Plan = { query: CompiledQuery['query']; memo: boolean } | typeof INTERPRET;

/**
 * Runs operations compiled by graphql-jit into plain JavaScript, once per distinct document
 * (Apollo's document cache hands back the same parsed document for the same text, so a front-end's
 * few documents are compiled once each, whatever their variables). The answers are those of
 * graphql-js, byte for byte (test/execution/equivalence.test.ts): the same resolvers run, in the
 * same order for mutations (serially). Where the two engines could differ without it being the
 * data's business, graphql-js decides:
 * - variables are coerced by graphql-js first; a refusal is its answer, with its messages;
 * - an operation that cannot be chosen (none, or several without a name) is graphql-js's;
 * - a document graphql-jit will not compile runs on graphql-js;
 * - mutations run on graphql-js: one after the other, and none after one that failed where it
 *   may not be null (they move money; they are few);
 * - an answer with several errors, or one whose error nulled a parent (a field that may not be
 *   null failed), is made again by graphql-js, with the same context (the request's loaders hand
 *   back what they loaded, failures included, so Vonage is not asked again). Which errors
 *   graphql-js then reports, and in what order, follows its own order of execution: once a field
 *   that may not be null fails synchronously it does not run that object's later fields at all,
 *   and of several failing asynchronously it reports the first; graphql-jit runs them all and
 *   reports its own choice. Answers with no error, or one error in its own place, are the same.
 */
export class CompiledExecutor {
  private readonly plans = new LRUCache<DocumentNode, Map<string, Plan>>({ max: MAX_COMPILED });

  constructor(private readonly schema: GraphQLSchema) {
    mendListItemErrors();
    settleTypeResolvers(schema);
  }

  run(request: ExecutionRequest): Promise<ExecutionResult> | ExecutionResult {
    const { document, contextValue } = request;
    const operationName = request.operationName ?? undefined;
    const variableValues = request.variables ?? {};
    const operation = getOperationAST(document, operationName);
    const interpreted = () =>
      execute({ schema: this.schema, document, operationName, variableValues, contextValue });
    if (!operation || operation.operation !== 'query') return interpreted();
    // As graphql-js's own execute coerces them (at most 50 errors).
    const definitions = operation.variableDefinitions ?? [];
    const coerced = getVariableValues(this.schema, definitions, variableValues, { maxErrors: 50 });
    if (coerced.errors) return { errors: coerced.errors };
    const plan = this.plan(document, operation, operationName);
    if (plan === INTERPRET) return interpreted();
    if (plan.memo) useListMemo(contextValue);
    const result = plan.query(undefined, contextValue, withDefaults(operation, variableValues));
    const settle = (done: ExecutionResult) =>
      orderMatters(done) ? interpreted() : asGraphqlJs(done);
    return isPromise(result) ? result.then(settle) : settle(result);
  }

  private plan(
    document: DocumentNode,
    operation: OperationDefinitionNode,
    operationName: string | undefined,
  ): Plan {
    let byName = this.plans.get(document);
    if (!byName) this.plans.set(document, (byName = new Map()));
    const key = operation.name?.value ?? '';
    let plan = byName.get(key);
    if (plan) return plan;
    try {
      const compiled = compileQuery(this.schema, document, operationName, {
        // Errors keep no stack trace: none is ever sent, and capturing one costs.
        disablingCapturingStackErrors: true,
      });
      plan = isCompiledQuery(compiled)
        ? { query: compiled.query, memo: !hasDirectives(document) }
        : INTERPRET;
    } catch {
      plan = INTERPRET;
    }
    byName.set(key, plan);
    return plan;
  }
}

/**
 * graphql-jit takes a type resolver's answer as it comes: it neither awaits a promised one nor
 * falls back on graphql-js's defaultTypeResolver when there is none. type-graphql wraps every
 * union's own `resolveType` in an async function; this gateway's unions all resolve by the
 * value's `__typename` (the domains' result classes carry it, so that replayed answers keep their
 * type). So, on the schema both engines run: no resolver becomes graphql-js's default, and an
 * async one becomes `__typename` read at once (a value without one is refused, by both alike).
 */
export function settleTypeResolvers(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isAbstractType(type)) continue;
    const resolve = type.resolveType;
    if (!resolve) {
      type.resolveType = defaultTypeResolver;
    } else if (resolve.constructor.name === 'AsyncFunction') {
      const possible = new Set(schema.getPossibleTypes(type).map((object) => object.name));
      type.resolveType = (value) => {
        const name = (value as { __typename?: unknown } | null)?.__typename;
        if (typeof name === 'string' && possible.has(name)) return name;
        throw new GraphQLError(
          `${type.name}: the resolver returned a value whose __typename names none of ${[...possible].join(', ')}`,
        );
      };
    }
  }
}

/**
 * Whether a directive is used anywhere in the document: `@skip(if: $x)` makes an answer depend
 * on the variables as well as on the data, so such operations complete every list anew.
 */
function hasDirectives(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Directive() {
      found = true;
      return BREAK;
    },
  });
  return found;
}

/** Several errors, or one that nulled more than its own field: graphql-js's order decides. */
function orderMatters(result: ExecutionResult): boolean {
  const errors = result.errors ?? [];
  if (errors.length > 1) return true;
  if (errors.length === 0) return false;
  const path = errors[0].path;
  if (!path || path.length === 0) return false;
  let node: unknown = result.data;
  for (let i = 0; i < path.length - 1; i++) {
    if (node === null || typeof node !== 'object') return true;
    node = (node as Record<string | number, unknown>)[path[i]];
  }
  return node === null || typeof node !== 'object';
}

const isPromise = <T>(value: T | Promise<T>): value is Promise<T> =>
  typeof (value as Promise<T>)?.then === 'function';

/**
 * The variables with each omitted one's default written in: graphql-jit 0.8.9 reports a
 * non-null variable that has a default as "not provided". graphql-js has accepted these values
 * already, so graphql-jit's own coercion of them is a formality.
 */
function withDefaults(
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
): Readonly<Record<string, unknown>> {
  let filled: Record<string, unknown> | undefined;
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (!definition.defaultValue || Object.hasOwn(variables, name)) continue;
    filled ??= { ...variables };
    filled[name] = valueFromASTUntyped(definition.defaultValue);
  }
  return filled ?? variables;
}

/**
 * graphql-jit's result in graphql-js's shape: `errors` before `data` (the key order reaches the
 * answer's bytes), and each error a GraphQLError as graphql-js's locatedError makes it (the
 * original error's message, extensions and class for formatError, the field's path and
 * locations). graphql-jit's own errors are read-only look-alikes without extensions.
 */
function asGraphqlJs(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.length) return { data: result.data };
  return { errors: result.errors.map(located), data: result.data };
}

function located(error: GraphQLError): GraphQLError {
  const original: unknown = error.originalError;
  // An error thrown with its path already (as graphql-js keeps it).
  if (original instanceof GraphQLError && Array.isArray(original.path)) return original;
  const cause = original instanceof Error ? original : undefined;
  const made = new GraphQLError(cause?.message ?? error.message, {
    path: error.path,
    originalError: cause,
    extensions: error.extensions,
  });
  (made as { locations?: unknown }).locations = error.locations;
  return made;
}
