import { type ApolloServerOptionsWithGateway } from '@apollo/server';
import { mapSchema } from '@graphql-tools/utils';
import { type GraphQLSchema, execute, printSchema } from 'graphql';
import { CompiledExecutor } from './compiled';

type Gateway = NonNullable<ApolloServerOptionsWithGateway<object>['gateway']>;

export interface GatewayOptions {
  /**
   * A plugin may capture per-field traces (an inline trace a router asked for). Those requests
   * run on graphql-js: graphql-jit's compiled code calls no per-field hook.
   */
  traces?: boolean;
}

/**
 * Apollo Server's gateway interface, used only to hand it an executor: the schema is this
 * process's own and never changes, and Apollo still parses, validates, runs every plugin hook
 * (the limits in didResolveOperation, the auth status, the cache hints, the metrics) and formats
 * the errors as it does for a schema of its own. Only execution is the compiled one, except for a
 * request whose trace a plugin captures: graphql-js runs it, on Apollo's own copy of the schema.
 */
export function compiledGateway(schema: GraphQLSchema, options: GatewayOptions = {}): Gateway {
  const executor = new CompiledExecutor(schema);
  // The first traced request makes Apollo wrap every field resolver of the schema it was given
  // (to call the per-field hooks): on a copy, so the compiled engine's schema keeps its own
  // resolvers, and default ones stay plain property reads in the compiled code. Made after the
  // executor settled the type resolvers, so both run the same.
  const apiSchema = options.traces ? mapSchema(schema) : schema;
  return {
    async load() {
      return {
        executor: async (requestContext) => {
          const request = {
            document: requestContext.document,
            operationName: requestContext.operationName,
            variables: requestContext.request.variables,
            contextValue: requestContext.context,
          };
          if (!requestContext.metrics.captureTraces) return executor.run(request);
          return execute({
            schema: requestContext.schema,
            document: request.document,
            operationName: request.operationName,
            variableValues: request.variables,
            contextValue: request.contextValue,
          });
        },
      };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema, coreSupergraphSdl: printSchema(apiSchema) });
      return () => undefined;
    },
    async stop() {},
  };
}
