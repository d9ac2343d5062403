import { type ApolloServerPlugin } from '@apollo/server';

/**
 * How long the answer to one GraphQL request may be cached, collected where data is served (a
 * price from its cache entry, a number list from its own) rather than per field, which is what
 * made Apollo's cache-control plugin slow. The answer is as fresh as the least fresh thing it
 * touched; anything without a known freshness (the balance, settings, an error) makes it
 * uncacheable.
 */
export class Freshness {
  private until = Number.POSITIVE_INFINITY;
  private noted = false;
  private never = false;
  /**
   * Set once answered, when the whole answer may be sent again while fresh (only root fields
   * whose data no mutation changes, no errors): the HTTP layer then keeps it.
   */
  answerReusable = false;
  /**
   * Set once answered, when the answer may be handed to identical requests that arrived while it
   * was being made (a query without errors): src/http/response-cache.ts.
   */
  answerShareable = false;

  /** The data served may be reused until this time (epoch ms). */
  freshUntil(epochMs: number): void {
    this.noted = true;
    if (epochMs < this.until) this.until = epochMs;
  }

  /** Data that must not be reused: read live, per caller, or an error. */
  uncacheable(): void {
    this.never = true;
  }

  /** Whole seconds the answer may be cached, or undefined when it must not be. */
  maxAgeSeconds(now = Date.now()): number | undefined {
    if (this.never || !this.noted) return undefined;
    const seconds = Math.floor((this.until - now) / 1000);
    return seconds >= 1 ? seconds : undefined;
  }

  /** Until when (epoch ms) the answer may be reused, or undefined when it must not be. */
  reusableUntil(now = Date.now()): number | undefined {
    return this.maxAgeSeconds(now) === undefined ? undefined : this.until;
  }
}

/** Root query fields whose whole answer may be sent again while fresh (each domain names its own). */
function onlyReusableRoots(
  operation: {
    selectionSet: { selections: readonly { kind: string; name?: { value: string } }[] };
  },
  reusable: ReadonlySet<string>,
): boolean {
  return operation.selectionSet.selections.every(
    (selection) =>
      selection.kind === 'Field' &&
      (selection.name!.value === '__typename' || reusable.has(selection.name!.value)),
  );
}

/**
 * Sets `Cache-Control: private, max-age=N` on a query's answer when everything it touched is
 * cacheable, so a router's entity cache (and a caller's own cache) can keep `_entities` and query
 * answers as long as the data is fresh. Otherwise the header is left absent and the HTTP layer's
 * default (`no-store`) applies.
 *
 * `private`: the data is this Vonage account's (its own rates, its rented numbers) and callers
 * authenticate with their own tokens, so a shared cache must not hand one caller's answer to
 * another. A router that keeps private entries per caller (Apollo Router's `private_id`) still
 * caches them.
 */
export function cacheHintsPlugin<C extends { freshness: Freshness }>(
  reusableQueries: ReadonlySet<string> = new Set(),
): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operation, response }) {
          if (operation?.operation !== 'query') return;
          if (response.body.kind !== 'single' || response.body.singleResult.errors) return;
          contextValue.freshness.answerShareable = true;
          const now = Date.now();
          const maxAge = contextValue.freshness.maxAgeSeconds(now);
          if (maxAge === undefined) return;
          response.http.headers.set('cache-control', `private, max-age=${maxAge}`);
          // The HTTP layer may keep the whole answer (src/http/response-cache.ts).
          // (On the Freshness object: Apollo hands plugins a shallow copy of the context.)
          if (onlyReusableRoots(operation, reusableQueries)) {
            contextValue.freshness.answerReusable = true;
          }
        },
      };
    },
  };
}
