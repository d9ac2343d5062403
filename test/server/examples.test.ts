import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { type TestGateway, startGateway } from '../helpers/gateway';

const ROOT = path.resolve(__dirname, '..', '..');
// The same reader builds GraphiQL's tabs (scripts/build-graphiql.js) and the README block.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readExamples } = require('../../scripts/build-graphiql') as {
  readExamples(): string[];
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { updatedReadme } = require('../../scripts/examples') as {
  updatedReadme(text?: string): string;
};

const examples = readExamples();

function operationName(text: string): string {
  const definition = parse(text).definitions.find((d) => d.kind === 'OperationDefinition');
  return definition && 'name' in definition && definition.name ? definition.name.value : '';
}

describe('the example operations (schema/examples.graphql)', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    // The history examples need the price history on, as npm start has it.
    gateway = await startGateway({ PRICE_HISTORY: 'on' });
  });

  afterAll(() => gateway?.close());

  it('are the README block, as npm run examples writes it', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(updatedReadme(readme)).toBe(readme);
    for (const text of examples) expect(readme).toContain(text.trimEnd());
  });

  it('are named operations, one per GraphiQL tab', () => {
    const names = examples.map(operationName);
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((name) => /^[A-Z]\w+$/.test(name))).toBe(true);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(examples.map((text) => [operationName(text), text]))(
    '%s runs against the sandbox without errors',
    async (_name, text) => {
      const result = await gateway.graphql(text);
      expect(result.errors).toBeUndefined();
      expect(result.status).toBe(200);
      expect(Object.keys(result.data ?? {}).length).toBeGreaterThan(0);
    },
  );
});
