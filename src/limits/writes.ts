import {
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  Kind,
} from 'graphql';

/** What a mutation declares of itself (src/kernel/write-mutation.ts): every one writes upstream. */
export interface UpstreamWrite {
  /** Spends money or gives something up: at most one such mutation per operation. */
  money?: boolean;
  /** Upstream calls it makes, cold (the write and the re-reads that show its result). */
  calls: number;
}

/**
 * The field extension that carries a mutation's declaration: `@WriteMutation` puts it on the
 * code-first schema, `declareWrites` on the executable one, where the limits and the cost
 * estimate read it.
 */
export const UPSTREAM_WRITE = 'upstreamWrite';

/**
 * Mutations that write to the upstream, of any kind, one operation may carry. Each costs the
 * upstream one to three calls, and some upstream areas allow about one a second: 30 aliased
 * copies of one such mutation took 62 calls over about 70 s and held that area's queue from
 * other callers. Five is a form's worth of changes, answered in a few seconds.
 */
export const MAX_WRITE_MUTATIONS = 5;

/**
 * What each mutation of a code-first schema declares with `@WriteMutation` (src/kernel), by field
 * name; a mutation declared with a plain `@Mutation` is missing.
 */
export function writeDeclarations(codeFirst: GraphQLSchema): Record<string, UpstreamWrite> {
  const writes: Record<string, UpstreamWrite> = {};
  for (const field of Object.values(codeFirst.getMutationType()?.getFields() ?? {})) {
    const write = upstreamWriteOf(field);
    if (write) writes[field.name] = write;
  }
  return writes;
}

/**
 * Records the declarations on the schema's mutation fields (as field extensions), where the
 * limits read them. Every mutation must be declared, and every declaration name a mutation: a new
 * mutation cannot slip past the write limit unnoticed.
 */
export function declareWrites(
  schema: GraphQLSchema,
  writes: Readonly<Record<string, UpstreamWrite>>,
): void {
  const fields = schema.getMutationType()?.getFields() ?? {};
  for (const name of Object.keys(writes)) {
    if (!fields[name]) throw new Error(`No mutation ${name} to declare as an upstream write`);
  }
  for (const field of Object.values(fields)) {
    const write = writes[field.name];
    if (!write) {
      throw new Error(
        `Mutation ${field.name} is not declared as an upstream write: use @WriteMutation`,
      );
    }
    (field as { extensions: object }).extensions = { ...field.extensions, [UPSTREAM_WRITE]: write };
  }
}

/** The declaration of a mutation field; undefined for any other field. */
export function upstreamWriteOf(field: GraphQLField<unknown, unknown>): UpstreamWrite | undefined {
  return (field.extensions as Record<string, UpstreamWrite | undefined>)[UPSTREAM_WRITE];
}

/** The names of the money mutations, for messages. */
export function moneyMutations(schema: GraphQLSchema): string[] {
  return Object.values(schema.getMutationType()?.getFields() ?? {})
    .filter((field) => upstreamWriteOf(field)?.money)
    .map((field) => field.name);
}

export interface WriteField {
  /** The response key: the alias, or the field's name. */
  key: string;
  money: boolean;
}

/**
 * The upstream writes an operation would run, aliases and fragments included: `a: topUp … b:
 * topUp` is two top-ups. A bound: a fragment spread twice counts twice (graphql-js runs it once).
 */
export function writeFields(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
): WriteField[] {
  const mutation = schema.getMutationType();
  if (operation.operation !== 'mutation' || !mutation) return [];
  const fields = mutation.getFields();
  const found: WriteField[] = [];
  const visit = (selectionSet: SelectionSetNode, visiting: Set<string>) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const field = fields[selection.name.value];
        const write = field && upstreamWriteOf(field);
        if (write) {
          found.push({ key: selection.alias?.value ?? field.name, money: write.money === true });
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet, visiting);
      } else {
        const fragment = fragments[selection.name.value];
        if (!fragment || visiting.has(fragment.name.value)) continue;
        visit(fragment.selectionSet, new Set([...visiting, fragment.name.value]));
      }
    }
  };
  visit(operation.selectionSet, new Set());
  return found;
}
