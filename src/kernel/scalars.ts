import { GraphQLScalarType, Kind } from 'graphql';
import { parseDecimal } from '../base/decimal';

/** What parseDecimal produces: such a string needs no second parse on the way out. */
const CANONICAL = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;

/** Money and other exact decimals: serialised as a string so no client turns them into floats. */
export const DecimalScalar = new GraphQLScalarType({
  name: 'Decimal',
  description:
    'An exact decimal number serialised as a string ("10.17127500"), so money never passes through a float.',
  serialize(value) {
    if (typeof value === 'string' && CANONICAL.test(value)) return value;
    const decimal = typeof value === 'string' ? parseDecimal(value) : null;
    if (decimal === null) throw new TypeError(`Decimal cannot represent ${String(value)}`);
    return decimal;
  },
  parseValue(value) {
    const decimal = typeof value === 'string' ? parseDecimal(value) : null;
    if (decimal === null) {
      throw new TypeError(
        'Decimal must be a string of digits with an optional point, like "12.50"',
      );
    }
    return decimal;
  },
  parseLiteral(ast) {
    const decimal = ast.kind === Kind.STRING ? parseDecimal(ast.value) : null;
    if (decimal === null) {
      throw new TypeError(
        'Decimal must be a string of digits with an optional point, like "12.50"',
      );
    }
    return decimal;
  },
});
