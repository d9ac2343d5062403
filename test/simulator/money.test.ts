import { addAmounts, formatAmount, parseAmount } from '../../src/simulator/money';

describe('sandbox money', () => {
  it.each([
    ['10.17127500', 1_017_127_500n],
    ['5', 500_000_000n],
    ['0.00000001', 1n],
    ['-2.5', -250_000_000n],
  ])('reads %s as %p units of 10^-8', (text, units) => {
    expect(parseAmount(text)).toBe(units);
  });

  it.each(['1.123456789', '1e3', '', '.5', '1,5', ' 1'])('refuses %p', (text) => {
    expect(() => parseAmount(text)).toThrow(RangeError);
  });

  it('writes amounts with exactly 8 places, sign included', () => {
    expect(formatAmount(6_017_127_500n)).toBe('60.17127500');
    expect(formatAmount(-1n)).toBe('-0.00000001');
  });

  it('adds without floating-point error', () => {
    expect(addAmounts('9007199254.74099300', '0.00000001')).toBe('9007199254.74099301');
    expect(addAmounts('10.17127500', '50.00000000')).toBe('60.17127500');
  });
});
