import { DiagLogLevel, context, diag, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  NodeTracerProvider,
  ParentBasedSampler,
  type Sampler,
  SimpleSpanProcessor,
  type SpanExporter,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace-node';
import { type TracingConfig } from '../config/config';
import { type Logger } from '../base/logger';

const SERVICE_NAME = 'vonage-graphql-gateway';

/** How long the stop waits for the last spans to be sent. */
const FLUSH_MS = 2_000;

export interface Tracing {
  /** Sends what is buffered (for FLUSH_MS at most), then unregisters: nothing is recorded after. */
  shutdown(): Promise<void>;
}

function samplerOf({ sampler, ratio }: TracingConfig): Sampler {
  const root = sampler.endsWith('always_off')
    ? new AlwaysOffSampler()
    : sampler.endsWith('traceidratio')
      ? new TraceIdRatioBasedSampler(ratio)
      : new AlwaysOnSampler();
  return sampler.startsWith('parentbased_') ? new ParentBasedSampler({ root }) : root;
}

/**
 * The OpenTelemetry SDK, registered once for the process when tracing is configured (or a test
 * hands an exporter): W3C trace context in and out, spans batched to the OTLP/HTTP endpoint.
 * Without it the API the layers call (src/base/tracing.ts) records and sends nothing.
 * OTEL_RESOURCE_ATTRIBUTES and the exporter's own variables (OTEL_EXPORTER_OTLP_HEADERS,
 * _TIMEOUT, _COMPRESSION) are read by the SDK from the process environment.
 */
export function startTracing(
  config: TracingConfig | undefined,
  logger: Logger,
  /** Tests: spans go here, each as it ends, instead of to an endpoint. */
  exporter?: SpanExporter,
): Tracing | undefined {
  if (!config && !exporter) return undefined;
  // The SDK's own trouble (a collector that refuses or cannot be reached) in the gateway's log.
  const report = (message: string) => logger.warn({ component: 'opentelemetry' }, message);
  const quiet = () => undefined;
  diag.setLogger(
    { error: report, warn: report, info: quiet, debug: quiet, verbose: quiet },
    DiagLogLevel.WARN,
  );
  const settings: TracingConfig = config ?? {
    endpoint: '',
    sampler: 'parentbased_always_on',
    ratio: 1,
  };
  // OTEL_SERVICE_NAME, then a service.name in OTEL_RESOURCE_ATTRIBUTES, then the package's name.
  const resource = resourceFromAttributes({ 'service.name': SERVICE_NAME })
    .merge(detectResources({ detectors: [envDetector] }))
    .merge(
      settings.serviceName
        ? resourceFromAttributes({ 'service.name': settings.serviceName })
        : null,
    );
  const processor = exporter
    ? new SimpleSpanProcessor(exporter)
    : new BatchSpanProcessor(new OTLPTraceExporter({ url: settings.endpoint }));
  const provider = new NodeTracerProvider({
    resource,
    sampler: samplerOf(settings),
    spanProcessors: [processor],
  });
  provider.register();
  return {
    async shutdown() {
      try {
        // Bounded: a collector that is down must not hold up the stop (SHUTDOWN_TIMEOUT_MS).
        const waited = new Promise<void>((resolve) => setTimeout(resolve, FLUSH_MS).unref());
        await Promise.race([provider.shutdown(), waited]);
      } finally {
        trace.disable();
        propagation.disable();
        context.disable();
        diag.disable();
      }
    },
  };
}
