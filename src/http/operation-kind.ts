import {
  type FragmentDefinitionNode,
  Kind,
  type OperationTypeNode,
  type SelectionSetNode,
  parse,
} from 'graphql';
import { LRUCache } from 'lru-cache';

interface Operation {
  name: string | undefined;
  kind: OperationTypeNode;
  /** The root fields it selects, or undefined when its root holds a fragment. */
  roots: readonly string[] | undefined;
  /** Every root field it may select, those in its fragments (inline or named) included. */
  fields: readonly string[];
}

/** The field names a root selection set may select, its fragments followed (each once). */
function rootFields(
  selectionSet: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): string[] {
  const names = new Set<string>();
  const followed = new Set<string>();
  const sets = [selectionSet];
  while (sets.length > 0) {
    for (const selection of sets.pop()!.selections) {
      if (selection.kind === Kind.FIELD) names.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) sets.push(selection.selectionSet);
      else if (!followed.has(selection.name.value)) {
        followed.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) sets.push(fragment.selectionSet);
      }
    }
  }
  return [...names];
}

/**
 * What a request's operation is (query, mutation, subscription) and which root fields it selects,
 * known from the parsed document, never from its text: commas and comments are ignored tokens,
 * so `mutation,{ … }` and `mutation#c\n{ … }` are mutations that no pattern over the text
 * reliably sees.
 *
 * The operation is picked as graphql-js picks it: the one named by `operationName`, else the
 * only one. A document that does not parse (above the token limit too, counted while lexing as
 * Apollo does) or names no such operation runs nothing: undefined. Each text is parsed once; its
 * operations are kept in a bounded LRU, so a repeated request costs a lookup.
 */
export class OperationKinds {
  private readonly byText: LRUCache<string, readonly Operation[]>;

  constructor(
    private readonly maxTokens = Number.POSITIVE_INFINITY,
    maxTextBytes = 4 * 1024 * 1024,
  ) {
    this.byText = new LRUCache<string, readonly Operation[]>({
      maxSize: maxTextBytes,
      // UTF-16 code units, about the bytes of the mostly-ASCII documents; + the entry itself.
      sizeCalculation: (_, text) => text.length + 64,
    });
  }

  /** The operation a request runs, or undefined when it runs none. */
  of(query: string, operationName?: unknown): Operation | undefined {
    const operations = this.operations(query);
    if (operationName === undefined || operationName === null) {
      return operations.length === 1 ? operations[0] : undefined;
    }
    if (typeof operationName !== 'string') return undefined;
    return operations.find((operation) => operation.name === operationName);
  }

  private operations(query: string): readonly Operation[] {
    const known = this.byText.get(query);
    if (known) return known;
    let operations: Operation[] = [];
    try {
      const document = parse(query, { maxTokens: this.maxTokens, noLocation: true });
      const fragments = new Map<string, FragmentDefinitionNode>();
      for (const definition of document.definitions) {
        if (definition.kind === Kind.FRAGMENT_DEFINITION) {
          fragments.set(definition.name.value, definition);
        }
      }
      for (const definition of document.definitions) {
        if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
        let roots: string[] | undefined = [];
        for (const selection of definition.selectionSet.selections) {
          if (selection.kind === Kind.FIELD) roots?.push(selection.name.value);
          else roots = undefined;
        }
        const fields = rootFields(definition.selectionSet, fragments);
        operations.push({
          name: definition.name?.value,
          kind: definition.operation,
          roots,
          fields,
        });
      }
    } catch {
      operations = [];
    }
    this.byText.set(query, operations);
    return operations;
  }
}
