import { type ApolloServerPlugin } from '@apollo/server';
import { Kind } from 'graphql';
import { type GatewayMetrics } from './registry';

/**
 * Times every GraphQL request from receipt to response. `rejected`: it never reached execution
 * (unparsable, invalid, unknown operation); `error`: the response carries errors; `success`.
 */
export function metricsPlugin<T extends object>(metrics: GatewayMetrics): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      const started = performance.now();
      let executed = false;
      return {
        async executionDidStart() {
          executed = true;
        },
        async willSendResponse({ response, operationName, operation, document }) {
          const body = response.body;
          const errors =
            body.kind === 'single' ? (body.singleResult.errors?.length ?? 0) > 0 : false;
          const outcome = !executed ? 'rejected' : errors ? 'error' : 'success';
          // An invalid document has no resolved operation; its own name still says what it was.
          const named = document?.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
          const name =
            operation?.name?.value ??
            operationName ??
            (named?.kind === Kind.OPERATION_DEFINITION ? named.name?.value : undefined);
          metrics.observeOperation(name, outcome, (performance.now() - started) / 1000);
        },
      };
    },
  };
}
