import { type TracingConfig } from './types';
import { ConfigError, type Env, httpUrl, oneOf, positive } from './values';

/** OpenTelemetry's standard variables, as far as the gateway acts on them (README, Tracing). */

const SAMPLERS = [
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
  'always_on',
  'always_off',
  'traceidratio',
] as const;

/** Where OTLP over HTTP sends traces when only OTEL_TRACES_EXPORTER=otlp says to. */
const DEFAULT_ENDPOINT = 'http://localhost:4318/v1/traces';

/** OTEL_EXPORTER_OTLP_ENDPOINT is a base: the traces path is appended (OTLP's rule). */
function tracesEndpoint(env: Env): string | undefined {
  const traces = httpUrl(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  if (traces) return traces;
  const base = httpUrl(env, 'OTEL_EXPORTER_OTLP_ENDPOINT');
  return base && `${base.replace(/\/+$/, '')}/v1/traces`;
}

/**
 * Traces are off unless an OTLP endpoint is set (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT or
 * OTEL_EXPORTER_OTLP_ENDPOINT) or OTEL_TRACES_EXPORTER=otlp; OTEL_SDK_DISABLED=true and
 * OTEL_TRACES_EXPORTER=none keep them off. Only OTLP over HTTP is sent: another exporter or
 * protocol asked for is refused rather than silently ignored.
 */
export function tracingConfig(env: Env): TracingConfig | undefined {
  if (oneOf(env, 'OTEL_SDK_DISABLED', ['true', 'false'], 'false') === 'true') return undefined;
  const exporter = oneOf(env, 'OTEL_TRACES_EXPORTER', ['otlp', 'none'], 'otlp');
  for (const name of ['OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', 'OTEL_EXPORTER_OTLP_PROTOCOL']) {
    const protocol = env[name];
    if (protocol && !['http/protobuf', 'http/json'].includes(protocol)) {
      throw new ConfigError(
        `${name} must be http/protobuf or http/json: the gateway sends OTLP over HTTP (got "${protocol}")`,
      );
    }
  }
  const endpoint = tracesEndpoint(env);
  if (exporter === 'none' || (!endpoint && env.OTEL_TRACES_EXPORTER === undefined)) {
    return undefined;
  }
  const sampler = oneOf(env, 'OTEL_TRACES_SAMPLER', SAMPLERS, 'parentbased_always_on');
  return {
    endpoint: endpoint ?? DEFAULT_ENDPOINT,
    serviceName: env.OTEL_SERVICE_NAME || undefined,
    sampler,
    ratio: positive(env, 'OTEL_TRACES_SAMPLER_ARG', 1, 0, 1),
  };
}
