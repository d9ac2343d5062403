import { type Server } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTrace } from '@apollo/server/plugin/inlineTrace';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { type GraphQLSchema } from 'graphql';
import { authStatusPlugin } from '../auth/plugin';
import { cacheHintsPlugin } from '../http/cache-hints';
import { tracingPlugin } from '../http/tracing';
import { type Config } from '../config/config';
import { type GatewayContext as Context } from '../domains';
import { createFormatError } from './errors';
import { type OperationCheck, limitsPlugin, operationCheck } from '../limits/plugin';
import { LIMIT_ADVICE } from './schema';
import { boundedStringify } from '../limits/response';
import { type Logger } from '../base/logger';
import { metricsPlugin } from '../metrics/plugin';
import { type createGatewayMetrics } from '../metrics/registry';
import { compiledGateway } from '../execution/gateway';

/** `compiled`: graphql-jit (src/execution/compiled.ts); `graphql-js`: its reference interpreter. */
export type Engine = 'compiled' | 'graphql-js';

export interface ApolloDeps {
  schema: GraphQLSchema;
  config: Pick<Config, 'limits' | 'router'>;
  logger: Logger;
  metrics: ReturnType<typeof createGatewayMetrics>;
  /** Every domain's public error codes (src/domains.ts), for the error boundary. */
  errors: Parameters<typeof createFormatError>[2];
  /** Drained on stop (the app's listener); none in tests that call executeOperation. */
  httpServer?: Server;
  engine?: Engine;
  /**
   * The limits every operation is checked against (src/limits), shared with the other transports
   * (the subscriptions' event streams); by default made here.
   */
  check?: OperationCheck;
}

/** The gateway's Apollo Server: its options, plugins and execution engine, in one place. */
export function createApollo(deps: ApolloDeps): ApolloServer<Context> {
  const { schema, config, logger, metrics, errors, httpServer, engine = 'compiled' } = deps;
  const check = deps.check ?? operationCheck(schema, config.limits, LIMIT_ADVICE);
  // Federated traces (ftv1) only for a router this subgraph trusts: the HTTP layer passes the
  // router's request for one (apollo-federation-include-trace) on from the router alone.
  const traces = Boolean(config.router);
  const plugins: ApolloServerPlugin<Context>[] = [
    ApolloServerPluginLandingPageDisabled(),
    // An error in a trace is its path and place only: its message may name internals.
    traces
      ? ApolloServerPluginInlineTrace({ includeErrors: { masked: true } })
      : ApolloServerPluginInlineTraceDisabled(),
    // Its per-field hook only costs time: cacheHintsPlugin sets Cache-Control from the data.
    ApolloServerPluginCacheControlDisabled(),
    cacheHintsPlugin<Context>(),
    metricsPlugin<Context>(metrics),
    tracingPlugin<Context>(),
    limitsPlugin<Context>(check),
    authStatusPlugin(),
  ];
  if (httpServer) plugins.unshift(ApolloServerPluginDrainHttpServer({ httpServer }));
  const common = {
    formatError: createFormatError(logger, config.limits.maxTokens, errors),
    // graphql-js stops lexing past this many tokens: a huge document is never built.
    parseOptions: { maxTokens: config.limits.maxTokens },
    includeStacktraceInErrorResponses: false,
    stringifyResult: boundedStringify(
      config.limits.maxResponseBytes,
      () =>
        logger.warn({ limit: config.limits.maxResponseBytes }, 'answer above MAX_RESPONSE_BYTES'),
      LIMIT_ADVICE.fewer,
    ),
    // A backend-for-frontend is explored in GraphiQL, in production too (Apollo turns it off there).
    introspection: true,
    // cli.ts owns the signals and stops everything in order; Apollo's own handlers would race it.
    stopOnTerminationSignals: false,
    plugins,
  };
  return engine === 'compiled'
    ? new ApolloServer<Context>({ ...common, gateway: compiledGateway(schema, { traces }) })
    : new ApolloServer<Context>({ ...common, schema });
}
