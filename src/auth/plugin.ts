import { type ApolloServerPlugin } from '@apollo/server';
import { type Access } from './caller';
import { ErrorCode } from '../base/error-codes';

/** Whether an answer holds anything: a list of nulls (`_entities` all refused) does not. */
function holdsData(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  return Array.isArray(value) ? value.some(holdsData) : true;
}

/**
 * An anonymous caller whose operation was refused as a whole (no field answered) gets HTTP 401
 * with a WWW-Authenticate challenge; partial answers stay 200, as GraphQL over HTTP asks.
 */
export function authStatusPlugin(): ApolloServerPlugin<{ access: Access }> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          if (response.body.kind !== 'single') return;
          const { errors, data } = response.body.singleResult;
          if (contextValue.access.caller.kind !== 'anonymous' || !contextValue.access.enforced) {
            return;
          }
          if (!errors?.some((e) => e.extensions?.code === ErrorCode.UNAUTHENTICATED)) return;
          const answered = data && Object.values(data).some(holdsData);
          if (answered) return;
          response.http.status = 401;
          response.http.headers.set('www-authenticate', 'Bearer');
        },
      };
    },
  };
}
