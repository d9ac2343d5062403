import { type ApolloServerOptionsWithGateway } from '@apollo/server';
import { type GraphQLSchema, printSchema } from 'graphql';
import { CompiledExecutor } from './compiled';

type Gateway = NonNullable<ApolloServerOptionsWithGateway<object>['gateway']>;

/**
 * Apollo Server's gateway interface, used only to hand it an executor: the schema is this
 * process's own and never changes, and Apollo still parses, validates, runs every plugin hook
 * (the limits in didResolveOperation, the auth status, the cache hints, the metrics) and formats
 * the errors as it does for a schema of its own. Only execution is the compiled one.
 */
export function compiledGateway(schema: GraphQLSchema): Gateway {
  const executor = new CompiledExecutor(schema);
  return {
    async load() {
      return {
        executor: async (requestContext) =>
          executor.run({
            document: requestContext.document,
            operationName: requestContext.operationName,
            variables: requestContext.request.variables,
            contextValue: requestContext.context,
          }),
      };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    async stop() {},
  };
}
