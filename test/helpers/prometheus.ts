/** One sample of the Prometheus text exposition format. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface MetricFamily {
  name: string;
  help: string;
  type: string;
  samples: Sample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;

function parseLabels(text: string, line: number): [Record<string, string>, string] {
  const labels: Record<string, string> = {};
  let rest = text.slice(1);
  for (;;) {
    rest = rest.trimStart();
    if (rest.startsWith('}')) return [labels, rest.slice(1)];
    const name = LABEL_NAME.exec(rest)?.[0];
    if (!name || rest[name.length] !== '=' || rest[name.length + 1] !== '"') {
      throw new Error(`line ${line}: bad label in ${text}`);
    }
    rest = rest.slice(name.length + 2);
    let value = '';
    for (;;) {
      const char = rest[0];
      if (char === undefined || char === '\n') throw new Error(`line ${line}: unterminated label`);
      rest = rest.slice(1);
      if (char === '"') break;
      if (char === '\\') {
        const escaped = rest[0];
        rest = rest.slice(1);
        if (escaped === 'n') value += '\n';
        else if (escaped === '\\' || escaped === '"') value += escaped;
        else throw new Error(`line ${line}: bad escape \\${escaped}`);
      } else value += char;
    }
    if (name in labels) throw new Error(`line ${line}: label ${name} twice`);
    labels[name] = value;
    rest = rest.trimStart();
    if (rest.startsWith(',')) rest = rest.slice(1);
    else if (!rest.startsWith('}')) throw new Error(`line ${line}: expected , or } in ${text}`);
  }
}

function parseValue(text: string, line: number): number {
  // Prometheus reads values with Go's ParseFloat: the special values in any case.
  if (/^\+?inf$/i.test(text)) return Infinity;
  if (/^-inf$/i.test(text)) return -Infinity;
  if (/^nan$/i.test(text)) return NaN;
  const value = Number(text);
  if (text === '' || Number.isNaN(value)) throw new Error(`line ${line}: bad value ${text}`);
  return value;
}

/**
 * A strict parser of the text format (version 0.0.4): every line must be a HELP, a TYPE or a
 * sample of the family declared before it, with valid names, quoted and escaped label values and
 * a number. It throws on anything else, so a test fails on output Prometheus would reject.
 */
export function parsePrometheus(text: string): Map<string, MetricFamily> {
  const families = new Map<string, MetricFamily>();
  let current: MetricFamily | undefined;
  if (!text.endsWith('\n')) throw new Error('the exposition must end with a newline');
  text
    .slice(0, -1)
    .split('\n')
    .forEach((raw, index) => {
      const line = index + 1;
      if (raw.trim() === '') return;
      const meta = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(raw);
      if (meta) {
        const [, kind, name, rest] = meta;
        if (!NAME.test(name) || NAME.exec(name)![0] !== name)
          throw new Error(`line ${line}: bad name`);
        if (current?.name !== name) {
          if (families.has(name)) throw new Error(`line ${line}: ${name} declared twice`);
          current = { name, help: '', type: 'untyped', samples: [] };
          families.set(name, current);
        }
        if (kind === 'HELP') current.help = rest;
        else if (['counter', 'gauge', 'histogram', 'summary', 'untyped'].includes(rest)) {
          current.type = rest;
        } else throw new Error(`line ${line}: bad type ${rest}`);
        return;
      }
      if (raw.startsWith('#')) return;
      const name = NAME.exec(raw)?.[0];
      if (!name) throw new Error(`line ${line}: bad sample ${raw}`);
      let rest = raw.slice(name.length);
      let labels: Record<string, string> = {};
      if (rest.startsWith('{')) [labels, rest] = parseLabels(rest, line);
      const [value, timestamp, extra] = rest.trim().split(' ');
      if (extra !== undefined || (timestamp !== undefined && !/^-?\d+$/.test(timestamp))) {
        throw new Error(`line ${line}: bad sample ${raw}`);
      }
      const base = current?.name;
      const suffixes = current?.type === 'histogram' ? ['_bucket', '_sum', '_count'] : [''];
      if (!base || !suffixes.some((suffix) => name === base + suffix)) {
        throw new Error(`line ${line}: sample ${name} outside its family`);
      }
      current!.samples.push({ name, labels, value: parseValue(value, line) });
    });
  return families;
}

export function metricFamily(metrics: Map<string, MetricFamily>, name: string): MetricFamily {
  const found = metrics.get(name);
  if (!found) throw new Error(`${name} is not exported`);
  return found;
}

/** The value of the sample `name` with these labels (others may be there too). */
export function metricValue(
  metrics: Map<string, MetricFamily>,
  name: string,
  labels = {},
): number | undefined {
  return metricFamily(metrics, name.replace(/_(bucket|sum|count)$/, '')).samples.find(
    (sample) =>
      sample.name === name &&
      Object.entries(labels).every(([key, label]) => sample.labels[key] === label),
  )?.value;
}
