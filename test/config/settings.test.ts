import { ConfigError, loadConfig } from '../../src/config/config';
import { environment, helpText } from '../../src/config/help';
import {
  type Section,
  type SettingsDeclaration,
  areaRate,
  optional,
  wholeNumber,
} from '../../src/config/settings';

// Settings a part declares itself, read and printed by the shared configuration, which knows
// nothing of that part but its declaration.

const TTL = wholeNumber('WIDGET_TTL_MS', {
  fallback: 5_000,
  min: 0,
  max: 60_000,
  meaning: 'widgets are fresh this long',
});
const DIR = optional('WIDGET_DIR', 'where widgets are kept');

function widgets(section: Section): SettingsDeclaration<{ ttlMs: number; dir?: string }> {
  return {
    section,
    variables: [areaRate('widget', 2, 'Widget API requests per second'), TTL, DIR],
    read: (env) => ({ ttlMs: TTL.read(env), dir: DIR.read(env) }),
  };
}

const names = (section: Section) => environment({ widget: widgets(section) }).map(([n]) => n);

describe('settings declared by a part of the gateway', () => {
  it('reads its values under the name it is given, typed as it declares them', () => {
    const config = loadConfig({ WIDGET_TTL_MS: '250' }, [], { widget: widgets('records') });
    expect(config.widget).toEqual({ ttlMs: 250, dir: undefined });
    const ttlMs: number = config.widget.ttlMs;
    expect(ttlMs).toBe(250);
    expect(loadConfig({}, [], { widget: widgets('records') }).widget.ttlMs).toBe(5_000);
    expect(loadConfig({})).not.toHaveProperty('widget');
  });

  it('stops with the message naming its variable, and refuses it set but empty', () => {
    const declared = { widget: widgets('storage') };
    expect(() => loadConfig({ WIDGET_TTL_MS: '61000' }, [], declared)).toThrow(
      new ConfigError('WIDGET_TTL_MS must be a whole number from 0 to 60000 (got "61000")'),
    );
    expect(() => loadConfig({ WIDGET_DIR: ' ' }, [], declared)).toThrow(
      'WIDGET_DIR is set but empty: give it a value or unset it',
    );
  });

  it('lists its lines in --help at its section, among the shared ones', () => {
    const records = names('records');
    expect(
      records.slice(records.indexOf('RESPONSE_CACHE_MB'), records.indexOf('IDEMPOTENCY_TTL_MS')),
    ).toEqual(['RESPONSE_CACHE_MB', 'WIDGET_RATE_PER_SECOND', 'WIDGET_TTL_MS', 'WIDGET_DIR']);
    const storage = names('storage');
    expect(
      storage.slice(storage.indexOf('MAX_RESPONSE_BYTES'), storage.indexOf('SANDBOX')),
    ).toEqual([
      'MAX_RESPONSE_BYTES',
      'MAX_SUBSCRIPTIONS_PER_CALLER',
      'MAX_SUBSCRIPTIONS',
      'WIDGET_RATE_PER_SECOND',
      'WIDGET_TTL_MS',
      'WIDGET_DIR',
    ]);
    expect(environment({})).toHaveLength(records.length - 3);
    expect(helpText({ widget: widgets('records') })).toMatch(
      /\n {2}WIDGET_TTL_MS +5000 +widgets are fresh this long\n/,
    );
  });

  it('is checked where --help lists it: of two wrong values, the one listed first stops the start', () => {
    const env = { WIDGET_TTL_MS: 'x', MAX_TOKENS: 'x' };
    expect(() => loadConfig(env, [], { widget: widgets('reference data') })).toThrow(
      /^WIDGET_TTL_MS/,
    );
    expect(() => loadConfig(env, [], { widget: widgets('storage') })).toThrow(/^MAX_TOKENS/);
  });

  it('may not take the name of a shared setting', () => {
    expect(() => loadConfig({}, [], { cache: widgets('records') })).toThrow(
      'Settings declared as "cache" would hide the shared setting of that name',
    );
  });
});
