import { type DocumentNode, type GraphQLObjectType, buildSchema, execute, parse } from 'graphql';
import { CompiledExecutor } from '../../src/execution/compiled';
import { listMemoStats } from '../../src/execution/jit-runtime';

/** A cached record's lists, shared by every request (as the cache's views are). */
const NETWORKS = [
  { networkName: 'BT', price: '0.06', code: '23400' },
  { networkName: 'O2', price: '0.05', code: '23410' },
];
const BROKEN = [{ networkName: 'X', price: null, code: '0' }];

function schemaWith(calls: { nested: number }) {
  const schema = buildSchema(`
    type Network { networkName: String price: String! code: String detail: String }
    type Query { networks(broken: Boolean): [Network!]! }
  `);
  schema.getQueryType()!.getFields().networks.resolve = async (_root, args) =>
    args.broken ? BROKEN : NETWORKS;
  const network = schema.getType('Network') as GraphQLObjectType;
  network.getFields().detail.resolve = (value: { code: string }) => {
    calls.nested++;
    return `detail ${value.code}`;
  };
  return schema;
}

describe('completed lists kept across requests (src/execution/jit-runtime.ts)', () => {
  const calls = { nested: 0 };
  const schema = schemaWith(calls);
  const executor = new CompiledExecutor(schema);
  const reference = (document: DocumentNode, variables = {}) =>
    execute({ schema, document, variableValues: variables, contextValue: {} });
  /** Each request its own context, as the gateway's. */
  const run = async (document: DocumentNode, variables = {}) =>
    executor.run({ document, variables, contextValue: {} });

  it('answers a list the data holds from the memo from its third request on, as graphql-js does', async () => {
    const document = parse('{ networks { networkName price } }');
    const hits = listMemoStats.hits;
    const answers = [await run(document), await run(document), await run(document)];
    const expected = JSON.stringify(await reference(document));
    for (const answer of answers) expect(JSON.stringify(answer)).toBe(expected);
    // First met, then kept, then read.
    expect(listMemoStats.hits - hits).toBe(1);
    // What every request now shares cannot be changed by one of them.
    const kept = answers[2].data!.networks as object[];
    expect(Object.isFrozen(kept) && kept.every((item) => Object.isFrozen(item))).toBe(true);
    // Another selection of the same list is its own entry, with its own fields.
    const other = parse('{ networks { code } }');
    for (let i = 0; i < 3; i++) {
      expect(JSON.stringify(await run(other))).toBe(JSON.stringify(await reference(other)));
    }
    // The list was met already: kept at once, read from the second request on.
    expect(listMemoStats.hits - hits).toBe(3);
  });

  it('keeps no list whose items call a resolver: it runs for every request', async () => {
    const document = parse('{ networks { networkName detail } }');
    const kept = listMemoStats.kept;
    const before = calls.nested;
    for (let i = 0; i < 3; i++) {
      expect(JSON.stringify(await run(document))).toBe(JSON.stringify(await reference(document)));
    }
    // Three requests for the gateway, three for the reference.
    expect(calls.nested - before).toBe(2 * 3 * NETWORKS.length);
    expect(listMemoStats.kept).toBe(kept);
  });

  it('keeps no list that recorded an error, and answers it as graphql-js does every time', async () => {
    const document = parse('{ networks(broken: true) { networkName price } }');
    const kept = listMemoStats.kept;
    for (let i = 0; i < 3; i++) {
      const answer = await run(document);
      expect(answer.errors?.[0].message).toMatch(/Network\.price/);
      expect(JSON.stringify(answer)).toBe(JSON.stringify(await reference(document)));
    }
    expect(listMemoStats.kept).toBe(kept);
  });

  it('uses no memo for an operation with directives: its answer follows the variables', async () => {
    const document = parse(
      'query ($all: Boolean!) { networks { networkName price @include(if: $all) } }',
    );
    const hits = listMemoStats.hits;
    for (const all of [true, true, true, false, true, false]) {
      const answer = await run(document, { all });
      const text = JSON.stringify(answer);
      expect(text).toBe(JSON.stringify(await reference(document, { all })));
      expect(text.includes('"price"')).toBe(all);
    }
    expect(listMemoStats.hits).toBe(hits);
  });
});
