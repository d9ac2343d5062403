import { MaxLength } from 'class-validator';
import { type GraphQLSchema, graphql, printSchema } from 'graphql';
import {
  Arg,
  Ctx,
  Field,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  buildSchema,
} from 'type-graphql';
import { type Context } from '../../src/kernel/context';
import { IDEMPOTENCY_KEY } from '../../src/kernel/idempotency-key';
import { validateArgument } from '../../src/kernel/validation';
import { WriteMutation } from '../../src/kernel/write-mutation';
import { fieldCostOf } from '../../src/limits/cost.directives';
import { declareWrites, moneyMutations, writeDeclarations } from '../../src/limits/writes';

@InputType()
class PayInput {
  @Field()
  @MaxLength(3)
  name!: string;
}

@ObjectType()
class Paid {
  @Field(() => String, { nullable: true })
  key?: string;
}

@Resolver()
class PayResolver {
  @Query(() => Int)
  a(): number {
    return 0;
  }

  @WriteMutation(() => Paid, { description: 'Pays.', money: true, calls: 2 })
  pay(@Arg('input') input: PayInput, @Ctx() ctx: Context, key: string | undefined): Paid {
    void input;
    void ctx;
    return { key };
  }

  @WriteMutation(() => Paid, { description: 'Renames.', calls: 1 })
  rename(@Arg('input') input: PayInput): Paid {
    void input;
    return {};
  }
}

@Resolver()
class PlainResolver {
  @Mutation(() => Paid)
  undeclared(): Paid {
    return {};
  }
}

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildSchema({ resolvers: [PayResolver], validateFn: validateArgument });
});

const pay = (args: string, header?: string) =>
  graphql({
    schema,
    source: `mutation { pay(input: { name: "abc" }${args}) { key } }`,
    contextValue: { idempotencyKey: header },
  });

describe('@WriteMutation', () => {
  it('gives a money mutation the nullable idempotencyKey argument, after its own', () => {
    const sdl = printSchema(schema);
    expect(sdl).toContain(
      `  pay(\n    input: PayInput!\n\n    """\n    ${IDEMPOTENCY_KEY}\n    """\n    idempotencyKey: String\n  ): Paid!`,
    );
    expect(sdl).toContain('  rename(input: PayInput!): Paid!');
  });

  it('hands the method the key from the argument or the header, undefined when none', async () => {
    expect((await pay(', idempotencyKey: "k-1"')).data).toEqual({ pay: { key: 'k-1' } });
    expect((await pay('', 'k-2')).data).toEqual({ pay: { key: 'k-2' } });
    expect((await pay(', idempotencyKey: "k-3"', 'k-3')).data).toEqual({ pay: { key: 'k-3' } });
    expect((await pay('')).data).toEqual({ pay: { key: null } });
  });

  it('refuses an argument and a header that differ, and a malformed key', async () => {
    const differ = await pay(', idempotencyKey: "one"', 'two');
    expect(differ.errors![0].message).toBe(
      'idempotencyKey: differs from the Idempotency-Key header: give the key once, or the same in both',
    );
    const malformed = await pay('', 'has space');
    expect(malformed.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'idempotencyKey',
    });
  });

  it('checks the key after the other arguments are validated', async () => {
    const result = await graphql({
      schema,
      source: 'mutation { pay(input: { name: "too long" }, idempotencyKey: "has space") { key } }',
      contextValue: {},
    });
    expect(result.errors![0].message).toBe('Argument Validation Error');
  });

  it('declares each mutation as an upstream write, for the limits', () => {
    expect(writeDeclarations(schema)).toEqual({
      pay: { money: true, calls: 2 },
      rename: { calls: 1 },
    });
    declareWrites(schema, writeDeclarations(schema));
    expect(moneyMutations(schema)).toEqual(['pay']);
  });

  it('puts its calls on the field as @cost, for the demand control of a router', () => {
    const fields = schema.getMutationType()!.getFields();
    expect(fields.pay.astNode?.directives?.map((d) => d.name.value)).toContain('cost');
    expect(fieldCostOf(fields.pay).calls({})).toBe(2);
    expect(fieldCostOf(fields.rename).calls({})).toBe(1);
  });

  it('refuses a schema with a mutation declared with a plain @Mutation', async () => {
    const mixed = await buildSchema({ resolvers: [PayResolver, PlainResolver] });
    expect(() => declareWrites(mixed, writeDeclarations(mixed))).toThrow(
      'Mutation undeclared is not declared',
    );
  });

  it("refuses a money mutation whose last parameter is another argument's", () => {
    expect(() => {
      @Resolver()
      class Misplaced {
        @WriteMutation(() => Paid, { description: 'Pays.', money: true, calls: 1 })
        pay(@Ctx() ctx: Context, @Arg('input') input: PayInput): Paid {
          void ctx;
          void input;
          return {};
        }
      }
      void Misplaced;
    }).toThrow("pay: a keyed mutation's last parameter receives the idempotency key");
  });
});
