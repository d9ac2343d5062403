/**
 * What a refused operation can do instead, in a domain's terms: each limit's own advice comes
 * first (src/limits/plugin.ts, src/limits/response.ts).
 */
export interface LimitAdvice {
  /** After "use fewer aliases" (TOO_MANY_ALIASES): a field that takes a list, say. */
  aliases?: readonly string[];
  /** After "split it" (OPERATION_TOO_COSTLY), before "use a smaller <slicing argument>". */
  cost?: readonly string[];
  /** What to select fewer of, after "fields" (RESPONSE_TOO_LARGE). */
  fewer?: readonly string[];
}

/** Every domain's advice, in the domains' order. */
export function mergeAdvice(all: readonly (LimitAdvice | undefined)[]): Required<LimitAdvice> {
  return {
    aliases: all.flatMap((advice) => advice?.aliases ?? []),
    cost: all.flatMap((advice) => advice?.cost ?? []),
    fewer: all.flatMap((advice) => advice?.fewer ?? []),
  };
}

/** "a", "a, or b", "a, b, or c": things to do, one of them. */
export function eitherOf(actions: readonly string[]): string {
  return actions.length < 2
    ? (actions[0] ?? '')
    : `${actions.slice(0, -1).join(', ')}, or ${actions.at(-1)}`;
}

/** "a", "a or b", "a, b or c": things to have fewer of. */
export function listOf(things: readonly string[]): string {
  return things.length < 2
    ? (things[0] ?? '')
    : `${things.slice(0, -1).join(', ')} or ${things.at(-1)}`;
}
