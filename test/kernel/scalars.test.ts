import { DecimalScalar } from '../../src/kernel/scalars';

describe('the Decimal scalar', () => {
  it.each([
    ['0.03330000', '0.03330000'],
    ['10', '10'],
    ['-1.5', '-1.5'],
    ['007.50', '7.50'],
    ['1.5E-7', '0.00000015'],
  ])('serialises %s exactly as %s', (value, expected) => {
    expect(DecimalScalar.serialize(value)).toBe(expected);
  });

  it.each([[0.1], ['abc'], [null], ['1e']])('refuses to serialise %p (never a float)', (value) => {
    expect(() => DecimalScalar.serialize(value)).toThrow(TypeError);
  });

  it('parses a string input and refuses a number literal or a float variable', () => {
    expect(DecimalScalar.parseValue('12.50')).toBe('12.50');
    expect(() => DecimalScalar.parseValue(12.5)).toThrow(/string of digits/);
  });
});
