/**
 * `node -r @swc-node/register scripts/trace-overhead.ts [requests] [rounds]`: what tracing
 * costs. Runs the sandbox gateway in this process, tracing off and on by turns (5 rounds of off
 * then on, each a fresh gateway), and times the same warm request N times in sequence with
 * process.hrtime. With tracing on, spans go to an exporter that drops them (the SDK's work, not a
 * collector's). Prints the span tree of one cold price read, then the time per request each way
 * and the ratio of the medians. The client is in the same process, so its work is in both
 * figures. It asserts nothing and is not part of the tests.
 */
import 'reflect-metadata';
import { type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace-node';
import { loadGatewayConfig } from '../src/domains';
import { type App, createApp } from '../src/server/app';

const N = Number(process.argv[2] ?? 2000);
const ROUNDS = Number(process.argv[3] ?? 5);
const WARM_UP = 300;

// Two countries of two types: one cache read each, besides the operation.
const WARM =
  'query Two { a: pricing(country: "GB", type: SMS) { currency } b: pricing(country: "FR", type: VOICE) { currency } }';
const COLD = 'query Catalogue { pricings(types: [SMS]) { countryCode } }';

/** Keeps the spans while `keep` is set, drops them otherwise. */
class Collector implements SpanExporter {
  keep = false;
  readonly spans: ReadableSpan[] = [];
  export(spans: ReadableSpan[], done: (result: { code: number }) => void): void {
    if (this.keep) this.spans.push(...spans);
    done({ code: 0 });
  }
  async shutdown(): Promise<void> {}
}

const ms = (span: ReadableSpan) => span.duration[0] * 1e3 + span.duration[1] / 1e6;

function printTree(spans: readonly ReadableSpan[]): void {
  const byParent = new Map<string | undefined, ReadableSpan[]>();
  const ids = new Set(spans.map((span) => span.spanContext().spanId));
  for (const span of spans) {
    const parent = span.parentSpanContext?.spanId;
    const key = parent && ids.has(parent) ? parent : undefined;
    byParent.set(key, [...(byParent.get(key) ?? []), span]);
  }
  const walk = (parent: string | undefined, depth: number) => {
    const children = (byParent.get(parent) ?? []).sort(
      (a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1],
    );
    for (const span of children) {
      const a = span.attributes;
      const detail = [
        a['graphql.outcome'],
        a['cache.result'],
        a['http.response.status_code'],
        a['graphql.operation.cost'] !== undefined && `cost ${a['graphql.operation.cost']}`,
      ].filter((item) => item !== undefined && item !== false);
      console.log(
        `${'  '.repeat(depth)}${span.name}  ${ms(span).toFixed(1)} ms  ${detail.join(' ')}`,
      );
      walk(span.spanContext().spanId, depth + 1);
    }
  };
  walk(undefined, 1);
}

async function post(url: string, query: string): Promise<void> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
}

async function run(tracing: boolean, tree: boolean): Promise<number> {
  const config = loadGatewayConfig({
    PORT: '0',
    LOG_LEVEL: 'silent',
    PRICE_HISTORY: 'off',
    // Every request executes: none is the whole answer sent again.
    RESPONSE_CACHE_MB: '0',
    PRICING_RATE_PER_SECOND: '100',
  });
  const collector = new Collector();
  const app: App = await createApp(config, tracing ? { spanExporter: collector } : {});
  try {
    const url = await app.listen();
    collector.keep = tree;
    await post(url, COLD);
    collector.keep = false;
    if (tree) {
      console.log('One cold price read (sandbox, in-process simulator):');
      printTree(collector.spans);
    }
    for (let i = 0; i < WARM_UP; i++) await post(url, WARM);
    const started = process.hrtime.bigint();
    for (let i = 0; i < N; i++) await post(url, WARM);
    return Number(process.hrtime.bigint() - started) / 1e6 / N;
  } finally {
    await app.close();
  }
}

async function main(): Promise<void> {
  const off: number[] = [];
  const on: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    off.push(await run(false, false));
    on.push(await run(true, round === 0));
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];
  const format = (values: number[]) => values.map((value) => value.toFixed(3)).join(', ');
  console.log(`\n${N} warm requests in sequence per run (${WARM_UP} before each to warm up):`);
  console.log(`  tracing off: ${format(off)} ms per request (median ${median(off).toFixed(3)})`);
  console.log(`  tracing on:  ${format(on)} ms per request (median ${median(on).toFixed(3)})`);
  console.log(`  on / off (medians): ${(median(on) / median(off)).toFixed(3)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
