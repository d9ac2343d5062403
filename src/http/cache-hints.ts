import { type ApolloServerPlugin } from '@apollo/server';
import { type Freshness } from '../kernel/freshness';

/**
 * The response layer's part inside Apollo. Errors are recorded in the request's Freshness where
 * the execution meets them, beside the data its loaders recorded; once the answer is made, a
 * query's answer gets `Cache-Control: private, max-age=N` from that record when everything it
 * touched is cacheable, so a router's entity cache (and a caller's own cache) can keep
 * `_entities` and query answers as long as the data is fresh. Otherwise the header is left
 * absent and the HTTP layer's default (`no-store`) applies. Reused per field, Apollo's own
 * cache-control plugin was slow; the data's freshness is known where it is served.
 *
 * `private`: the data is read with the gateway's own upstream credentials and callers
 * authenticate with their own tokens, so a shared cache must not hand one caller's answer to
 * another. A router that keeps private entries per caller (Apollo Router's `private_id`) still
 * caches them.
 */
export function cacheHintsPlugin<C extends { freshness: Freshness }>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        // (On the Freshness object: Apollo hands plugins a shallow copy of the context.)
        async didEncounterErrors({ contextValue }) {
          contextValue.freshness.error();
        },
        async willSendResponse({ contextValue, operation, response }) {
          if (operation?.operation !== 'query' || response.body.kind !== 'single') return;
          const maxAge = contextValue.freshness.maxAgeSeconds();
          if (maxAge !== undefined) {
            response.http.headers.set('cache-control', `private, max-age=${maxAge}`);
          }
        },
      };
    },
  };
}
