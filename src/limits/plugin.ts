import { type ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { type GraphQLFormattedError } from 'graphql';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  type ValidationRule,
  validate,
} from 'graphql';
import { ErrorCode } from '../base/error-codes';
import { activeSpan } from '../base/tracing';
import { type LimitsConfig } from '../config/config';
import { type LimitAdvice, eitherOf } from './advice';
import { estimateCost } from './cost';
import { slicingArgumentsOf } from './cost.directives';
import { MAX_WRITE_MUTATIONS, moneyMutations, writeFields } from './writes';

/** A refusal before execution: HTTP 400, nothing sent upstream. */
export function limitError(
  code: string,
  message: string,
  extensions: Record<string, unknown>,
): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code, ...extensions, upstream: { outcome: 'not_sent' }, http: { status: 400 } },
  });
}

/** What to do instead, by limit: the limit's own advice, then the domains' (`advice`). */
function adviceOf(schema: GraphQLSchema, advice: LimitAdvice): Record<string, string> {
  return {
    [ErrorCode.TOO_MANY_ALIASES]: eitherOf(['use fewer aliases', ...(advice.aliases ?? [])]),
    [ErrorCode.TOO_DEEP]: 'select fewer nested levels',
    [ErrorCode.TOO_MANY_DIRECTIVES]: 'use fewer directives',
    [ErrorCode.OPERATION_TOO_COSTLY]: eitherOf([
      'split it',
      ...(advice.cost ?? []),
      ...slicingArgumentsOf(schema).map((name) => `use a smaller ${name}`),
    ]),
  };
}

interface ArmorRule {
  code: string;
  limit: number;
  rule: ValidationRule;
  /** What the rule refused, in this run. */
  found: GraphQLError[];
}

/** graphql-armor's rules, each reporting to its own `found` instead of the validation context. */
function armorRules(config: LimitsConfig): ArmorRule[] {
  const make = (
    code: string,
    limit: number,
    build: (callbacks: object) => ValidationRule,
  ): ArmorRule => {
    const found: GraphQLError[] = [];
    const callbacks = {
      exposeLimits: true,
      propagateOnRejection: false,
      onReject: [(_: unknown, error: GraphQLError) => void found.push(error)],
    };
    return { code, limit, rule: build(callbacks), found };
  };
  return [
    make(ErrorCode.TOO_MANY_ALIASES, config.maxAliases, (callbacks) =>
      // graphql-armor lets `__typename` aliases through by default: 101 of them were answered.
      maxAliasesRule({ n: config.maxAliases, allowList: [], ...callbacks }),
    ),
    make(ErrorCode.TOO_DEEP, config.maxDepth, (callbacks) =>
      maxDepthRule({ n: config.maxDepth, ...callbacks }),
    ),
    make(ErrorCode.TOO_MANY_DIRECTIVES, config.maxDirectives, (callbacks) =>
      maxDirectivesRule({ n: config.maxDirectives, ...callbacks }),
    ),
  ];
}

/** "Syntax Error: Aliases limit of 20 exceeded, found 50." → "Aliases limit of 20 exceeded, found 50" */
function armorMessage(error: GraphQLError): string {
  return error.message.replace(/^Syntax Error: /, '').replace(/\.$/, '');
}

/**
 * graphql-js counts tokens while parsing (Apollo's `parseOptions.maxTokens`), so a huge document
 * is never built; its syntax error becomes TOO_MANY_TOKENS here, at the error boundary.
 */
export function tokenLimitError(
  formatted: GraphQLFormattedError,
  maxTokens: number,
): GraphQLFormattedError | undefined {
  if (formatted.extensions?.code !== ErrorCode.GRAPHQL_PARSE_FAILED) return undefined;
  if (!/Document contains more th\w+ \d+ tokens/.test(formatted.message)) return undefined;
  return {
    message: `The operation has more than ${maxTokens} tokens: split it into smaller operations.`,
    extensions: {
      code: ErrorCode.TOO_MANY_TOKENS,
      limit: maxTokens,
      upstream: { outcome: 'not_sent' },
    },
  };
}

/** Refuses an operation that exceeds a limit (one error saying which and what to do), or not. */
export type OperationCheck = (
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
) => GraphQLError | undefined;

/**
 * Every limit on what one operation may ask, checked before anything runs (tokens: see
 * `tokenLimitError`): graphql-armor's alias, depth and directive rules, at most one money
 * mutation and MAX_WRITE_MUTATIONS upstream writes, and the cost estimate. The same check for
 * every transport (Apollo's /graphql, the subscriptions' event streams).
 */
export function operationCheck(
  schema: GraphQLSchema,
  config: LimitsConfig,
  /** The domains' advice for a refused operation, in their terms. */
  domainAdvice: LimitAdvice = {},
): OperationCheck {
  const advice = adviceOf(schema, domainAdvice);
  // What depends on the document alone is checked once per document (Apollo hands back the same
  // parsed document for the same text): the refusal, or null. The cost depends on the variables.
  const checked = new WeakMap<DocumentNode, Map<string, GraphQLError | null>>();
  const documentRefusal = (document: DocumentNode, operation: OperationDefinitionNode) => {
    let byOperation = checked.get(document);
    if (!byOperation) checked.set(document, (byOperation = new Map()));
    const key = operation.name?.value ?? '';
    let refusal = byOperation.get(key);
    if (refusal === undefined) {
      refusal = refuseDocument(schema, config, advice, document, operation) ?? null;
      byOperation.set(key, refusal);
    }
    return refusal;
  };
  return (document, operation, variables) => {
    const refusal = documentRefusal(document, operation);
    if (refusal) return refusal;
    const fragments = fragmentsOf(document);
    const estimate = estimateCost(schema, operation, fragments, variables);
    // On the operation's span (src/http/graphql.ts), refused or not.
    activeSpan().setAttribute('graphql.operation.cost', estimate.cost);
    if (estimate.cost <= config.maxCost) return undefined;
    return limitError(
      ErrorCode.OPERATION_TOO_COSTLY,
      `The operation is estimated at ${estimate.cost} (about ${estimate.values} answer values and ${estimate.calls} upstream calls), above the limit of ${config.maxCost}: ${advice[ErrorCode.OPERATION_TOO_COSTLY]}.`,
      {
        cost: estimate.cost,
        limit: config.maxCost,
        values: estimate.values,
        calls: estimate.calls,
      },
    );
  };
}

/** The limits (`operationCheck`) on Apollo's operations: a refused one gets no upstream call. */
export function limitsPlugin<T extends object>(check: OperationCheck): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request }) {
          if (!operation) return;
          const refusal = check(document, operation, request.variables ?? {});
          if (refusal) throw refusal;
        },
      };
    },
  };
}

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  return fragments;
}

/** graphql-armor's rules and the write limits: what the document alone may be refused for. */
function refuseDocument(
  schema: GraphQLSchema,
  config: LimitsConfig,
  advice: Record<string, string>,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): GraphQLError | undefined {
  for (const { code, limit, rule, found } of armorRules(config)) {
    validate(schema, document, [rule]);
    if (found.length > 0) {
      return limitError(code, `${armorMessage(found[0])}: ${advice[code]}.`, { limit });
    }
  }
  const writes = writeFields(schema, operation, fragmentsOf(document));
  const money = writes.filter((write) => write.money).map((write) => write.key);
  if (money.length > 1) {
    return limitError(
      ErrorCode.MONEY_MUTATION_LIMIT,
      `One operation may carry at most one of ${moneyMutations(schema).join(', ')}; this one has ${money.length} (${money.join(', ')}). Send them one at a time: nothing was sent to Vonage.`,
      { limit: 1, fields: money },
    );
  }
  if (writes.length > MAX_WRITE_MUTATIONS) {
    const keys = writes.map((write) => write.key);
    return limitError(
      ErrorCode.WRITE_MUTATION_LIMIT,
      `One operation may carry at most ${MAX_WRITE_MUTATIONS} mutations that write to Vonage; this one has ${keys.length} (${keys.join(', ')}). Send them in several operations of at most ${MAX_WRITE_MUTATIONS}: nothing was sent to Vonage.`,
      { limit: MAX_WRITE_MUTATIONS, fields: keys },
    );
  }
  return undefined;
}
