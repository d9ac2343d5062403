import { buildSchema } from 'graphql';
import { declareWrites, moneyMutations } from '../../src/limits/writes';

const sdl = 'type Query { a: Int } type Mutation { pay: Int rename: Int }';

describe("the domains' declarations of their upstream writes", () => {
  it('refuses to build with a mutation its domain did not declare', () => {
    expect(() => declareWrites(buildSchema(sdl), { pay: { money: true, calls: 2 } })).toThrow(
      'Mutation rename is not declared',
    );
  });

  it('refuses to build with a declaration that names no mutation', () => {
    const writes = { pay: { calls: 1 }, rename: { calls: 1 }, payy: { calls: 1 } };
    expect(() => declareWrites(buildSchema(sdl), writes)).toThrow('No mutation payy');
  });

  it('records each declaration on its mutation field', () => {
    const schema = buildSchema(sdl);
    declareWrites(schema, { pay: { money: true, calls: 2 }, rename: { calls: 1 } });
    expect(moneyMutations(schema)).toEqual(['pay']);
  });
});
