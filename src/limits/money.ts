import {
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  Kind,
} from 'graphql';

/** Mutations that spend money or give a number up: at most one per operation. */
export const MONEY_MUTATIONS: readonly string[] = ['topUp', 'buyNumber', 'cancelNumber'];

/**
 * The money fields an operation would run, aliases and fragments included: `a: topUp … b: topUp`
 * is two top-ups, as is a fragment spread twice.
 */
export function moneyFields(
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
): string[] {
  if (operation.operation !== 'mutation') return [];
  const found: string[] = [];
  const visit = (selectionSet: SelectionSetNode, visiting: Set<string>) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (MONEY_MUTATIONS.includes(selection.name.value)) {
          found.push(selection.alias?.value ?? selection.name.value);
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
