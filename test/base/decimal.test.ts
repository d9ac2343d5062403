import { parseDecimal, subtractDecimal } from '../../src/base/decimal';

describe('parseDecimal', () => {
  it.each([
    ['10.17127500', '10.17127500'],
    ['0.03330000', '0.03330000'],
    ['007', '7'],
    ['-1.5', '-1.5'],
    ['+2', '2'],
    ['1.5E-7', '0.00000015'],
    ['2e3', '2000'],
    ['1.25e1', '12.5'],
  ])('reads %s exactly as %s', (text, expected) => {
    expect(parseDecimal(text)).toBe(expected);
  });

  it.each(['', 'abc', '1.2.3', 'NaN', '1e999999'])('rejects %p', (text) => {
    expect(parseDecimal(text)).toBeNull();
  });
});

describe('subtractDecimal', () => {
  it.each([
    ['10', '-5', '15'],
    ['5.50', '-10', '15.50'],
    ['0.1', '0.3', '-0.2'],
    ['25.00', '0', '25.00'],
    ['-3.25', '-3.25', '0.00'],
    ['100.12345678', '0.00000001', '100.12345677'],
  ])('%s − %s = %s, exactly', (a, b, difference) => {
    expect(subtractDecimal(a, b)).toBe(difference);
  });
});
