import { type ApolloServerPlugin } from '@apollo/server';
import { Kind } from 'graphql';
import { activeSpan, markFailed } from '../base/tracing';

/**
 * Names and completes the span of the request (started by the GraphQL handler, the active one
 * while Apollo runs): `<type> <name>` (`query Prices`), `graphql.operation.type` and `.name`,
 * `graphql.outcome` as the metrics count it (`rejected`: never executed; `error`: the answer
 * carries errors; `success`) and `graphql.error.codes`. The limits plugin adds the cost. Nothing
 * of the document or its variables. Off (no recording span), it adds no hooks.
 */
export function tracingPlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      const span = activeSpan();
      if (!span.isRecording()) return;
      let executed = false;
      return {
        async didResolveOperation({ operation, operationName }) {
          if (!operation) return;
          const type = operation.operation;
          const name = operation.name?.value ?? operationName ?? undefined;
          span.updateName(name ? `${type} ${name}` : type);
          span.setAttribute('graphql.operation.type', type);
          if (name) span.setAttribute('graphql.operation.name', name);
        },
        async executionDidStart() {
          executed = true;
        },
        async willSendResponse({ response, operation, operationName, document }) {
          if (!operation) {
            // Not resolved (unparsable, invalid): its own name still says what it was.
            const named = document?.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
            const name =
              operationName ??
              (named?.kind === Kind.OPERATION_DEFINITION ? named.name?.value : undefined);
            if (name) span.setAttribute('graphql.operation.name', name);
          }
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : [];
          const outcome = !executed ? 'rejected' : errors?.length ? 'error' : 'success';
          span.setAttribute('graphql.outcome', outcome);
          if (errors?.length) {
            const codes = errors.map((error) => String(error.extensions?.code ?? 'UNKNOWN'));
            span.setAttribute('graphql.error.codes', [...new Set(codes)]);
          }
          if (outcome !== 'success') markFailed(span);
        },
      };
    },
  };
}
