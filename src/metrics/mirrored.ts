import { Counter, type Registry } from 'prom-client';

/** A counter whose value is read from a running total at scrape time. */
export function mirroredCounter(
  registry: Registry,
  name: string,
  help: string,
  labelNames: string[],
  read: () => { labels?: Record<string, string>; value: number }[],
): void {
  new Counter({
    name,
    help,
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      for (const { labels, value } of read()) {
        if (labels) this.inc(labels, value);
        else this.inc(value);
      }
    },
  });
}
