import { redactText, redactUrl, redactValue } from '../../src/upstream/redact';

describe('redaction', () => {
  it('masks api_secret in printed URLs and keeps the rest readable', () => {
    const printed = redactUrl(
      'https://rest.nexmo.com/account/get-balance?api_key=k1&api_secret=s3cr3t',
    );
    expect(printed).toBe('https://rest.nexmo.com/account/get-balance?api_key=k1&api_secret=***');
  });

  it('masks every occurrence of a secret, raw or URL-encoded, in free text', () => {
    const secret = 'p@ss/w0rd';
    const text = `failed with p@ss/w0rd and ${encodeURIComponent(secret)}`;
    expect(redactText(text, [secret])).toBe('failed with *** and ***');
  });

  it('redacts nested values without touching non-string leaves', () => {
    expect(redactValue({ a: ['x-s3cr3t'], n: 1, b: { c: 's3cr3t' } }, ['s3cr3t'])).toEqual({
      a: ['x-***'],
      n: 1,
      b: { c: '***' },
    });
  });
});
