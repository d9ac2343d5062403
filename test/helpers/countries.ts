/** The 20 countries of the "20 countries × {SMS, VOICE}" page. */
export const TWENTY_COUNTRIES = 'GB US CA DE FR ES IT NL BE SE NO DK FI PL PT IE AT CH JP AU'.split(
  ' ',
);
