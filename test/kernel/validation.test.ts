import { COUNTRY_MESSAGE, countryCode } from '../../src/kernel/validation';

describe('countryCode: the one way a country code from a caller comes in', () => {
  it.each([
    ['gb', 'GB'],
    ['Gb', 'GB'],
    ['GB', 'GB'],
    ['xk', 'XK'],
  ])('reads %s as %s', (given, read) => {
    expect(countryCode(given, 'country')).toBe(read);
  });

  it.each(['ZZ', 'GBR', '', 'g'])(
    'refuses %p as BAD_USER_INPUT naming the field, with the arguments’ message',
    (given) => {
      expect(() => countryCode(given, 'input.country')).toThrow(
        expect.objectContaining({
          message: `input.country: ${COUNTRY_MESSAGE}`,
          extensions: expect.objectContaining({
            code: 'BAD_USER_INPUT',
            field: 'input.country',
            problems: [{ field: 'input.country', message: COUNTRY_MESSAGE }],
          }),
        }),
      );
    },
  );
});
