import { redactText, redactUrl, redactValue } from '../../src/base/redact';

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

describe('redaction of every form and depth', () => {
  it('masks the secret URI-encoded (%20) as well as form-encoded (+)', () => {
    // encodeURIComponent and form encoding differ on spaces and on !'()~.
    const secret = "s3c ret!'(x)~";
    const text = `uri=${encodeURIComponent(secret)} form=${new URLSearchParams({ s: secret }).toString().slice(2)}`;
    expect(redactText(text, [secret])).toBe('uri=*** form=***');
  });

  it('masks a secret eight levels deep in a log record', () => {
    let value: unknown = 'token s3cr3t';
    for (let level = 0; level < 4; level++) value = { level, inner: [value] };
    expect(JSON.stringify(redactValue(value, ['s3cr3t']))).not.toContain('s3cr3t');
    expect(JSON.stringify(redactValue(value, ['s3cr3t']))).toContain('token ***');
  });

  it('replaces what lies deeper than it reads instead of printing it unread', () => {
    let value: unknown = 's3cr3t';
    for (let level = 0; level < 50; level++) value = { inner: value };
    const printed = JSON.stringify(redactValue(value, ['s3cr3t']));
    expect(printed).not.toContain('s3cr3t');
    expect(printed).toContain('nested too deep');
  });
});
