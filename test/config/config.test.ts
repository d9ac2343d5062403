import { areaRates } from '../../src/server/runtime';
import { ConfigError, loadConfig } from '../../src/config/config';
import { loadGatewayConfig } from '../../src/domains';

describe('loadConfig', () => {
  it('runs in sandbox mode with defaults when no credentials are given', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 4000,
      host: '127.0.0.1',
      sandbox: true,
      logLevel: 'info',
    });
    expect(config.upstream).toMatchObject({
      restUrl: 'https://rest.nexmo.com',
      apiUrl: 'https://api.nexmo.com',
      auth: 'basic',
      maxRetries: 2,
    });
  });

  it('uses the credentials, URL and auth mode given', () => {
    const config = loadConfig({
      AUTH: 'none',
      VONAGE_API_KEY: 'k',
      VONAGE_API_SECRET: 's',
      VONAGE_REST_URL: 'http://127.0.0.1:9999/',
      VONAGE_API_URL: 'http://127.0.0.1:9998/',
      VONAGE_AUTH: 'QUERY',
    });
    expect(config.sandbox).toBe(false);
    expect(config.upstream).toMatchObject({
      apiKey: 'k',
      apiSecret: 's',
      restUrl: 'http://127.0.0.1:9999',
      apiUrl: 'http://127.0.0.1:9998',
      auth: 'query',
    });
  });

  it('lets command-line flags override the environment', () => {
    expect(loadConfig({ PORT: '5000' }, ['--port', '5001', '--host', '0.0.0.0']).port).toBe(5001);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT must be a whole number from 0 to 65535/],
    [{ PORT: '70000' }, /PORT must be a whole number from 0 to 65535/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of debug, info, warn, error, silent/],
    [
      { VONAGE_API_KEY: 'k', VONAGE_API_SECRET: 's', VONAGE_AUTH: 'jwt' },
      /VONAGE_AUTH must be one of basic, query/,
    ],
    [{ VONAGE_API_KEY: 'k' }, /VONAGE_API_KEY and VONAGE_API_SECRET must be set together/],
    [
      { VONAGE_API_KEY: 'k', VONAGE_API_SECRET: 's', VONAGE_REST_URL: 'ftp://x' },
      /VONAGE_REST_URL must be an absolute http\(s\) URL/,
    ],
    [
      { VONAGE_API_KEY: 'k', VONAGE_API_SECRET: 's', VONAGE_API_URL: 'https://u:p@api.example' },
      /VONAGE_API_URL must not carry credentials or a query/,
    ],
    [{ VONAGE_API_URL: 'https://api.example' }, /VONAGE_API_URL is set but VONAGE_API_KEY/],
    // Unparsable by `new URL`: no scheme, a broken IPv6 host.
    [
      { VONAGE_API_KEY: 'k', VONAGE_API_SECRET: 's', VONAGE_REST_URL: 'rest.nexmo.com' },
      /VONAGE_REST_URL must be an absolute http\(s\) URL \(got "rest\.nexmo\.com"\)/,
    ],
    [
      { VONAGE_API_KEY: 'k', VONAGE_API_SECRET: 's', VONAGE_REST_URL: 'http://[::1' },
      /VONAGE_REST_URL must be an absolute http\(s\) URL/,
    ],
    [
      { VONAGE_API_KEY: 'k', VONAGE_API_SECRET: 's', VONAGE_MAX_RETRIES: '5', AUTH: 'none' },
      /VONAGE_MAX_RETRIES must be a whole number from 0 to 2/,
    ],
    [{ VONAGE_REST_URL: 'http://x' }, /set the credentials too/],
  ])('stops with one message naming the variable for %p', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('names the allowed flags when an unknown flag is given', () => {
    expect(() => loadConfig({}, ['--prot', '1'])).toThrow(/allowed flags: --port, --host/);
  });

  it('never repeats the secret in a configuration error', () => {
    let caught: unknown;
    try {
      loadConfig({ VONAGE_API_KEY: 'k', VONAGE_API_SECRET: 'hunter2', VONAGE_REST_URL: 'nope' });
    } catch (error) {
      caught = error;
    }
    // Outside the catch: a loadConfig that stops throwing fails here.
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as Error).message).toMatch(/VONAGE_REST_URL/);
    expect((caught as Error).message).not.toContain('hunter2');
  });
});

describe('loadConfig: cache, pricing and rate limits', () => {
  it("defaults to an in-memory cache, 6 h fresh prices and each area's own rate (pricing 1/s)", () => {
    const config = loadGatewayConfig({});
    expect(config.cache).toMatchObject({ redisUrl: undefined, namespace: 'vonage-gateway' });
    expect(config.pricing).toMatchObject({ ttlMs: 21_600_000, batchThreshold: 2 });
    expect(config.rateLimit.perSecond).toEqual({});
    expect(areaRates(config)).toEqual({ pricing: 1, account: 30, numbers: 1, subaccounts: 10 });
    expect(areaRates(loadGatewayConfig({ ACCOUNT_RATE_PER_SECOND: '5' }))).toMatchObject({
      account: 5,
    });
  });

  it('refuses a rate for an area no domain calls, naming the areas', () => {
    expect(() => areaRates(loadGatewayConfig({ PRICNG_RATE_PER_SECOND: '2' }))).toThrow(
      /PRICNG_RATE_PER_SECOND names no upstream area: the areas are account, pricing, numbers/,
    );
  });

  it('reads REDIS_URL and fractional rates', () => {
    const config = loadGatewayConfig({
      REDIS_URL: 'redis://127.0.0.1:6379',
      PRICING_RATE_PER_SECOND: '0.5',
    });
    expect(config.cache.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.rateLimit.perSecond.pricing).toBe(0.5);
  });

  it.each(['0.0.0.0', '::', '::1', 'localhost', 'gateway-1.internal'])(
    'accepts HOST=%s',
    (host) => {
      expect(loadGatewayConfig({ HOST: host }).host).toBe(host);
    },
  );

  it.each(['999.1.1.1', '1.2.3', '10.0.0.256', '127.0.0.1.'])(
    'refuses HOST=%s: digits and dots that are not an IPv4 address',
    (host) => {
      expect(() => loadGatewayConfig({ HOST: host })).toThrow(
        new RegExp(
          `HOST must be an IP address or a hostname: "${host.replace(/\./g, '\\.')}" looks like an IPv4 address but is not one`,
        ),
      );
    },
  );

  it('reads RATE_LIMIT_MARGIN_PERCENT (10 by default, 0 to 100)', () => {
    expect(loadGatewayConfig({}).rateLimit.marginPercent).toBe(10);
    expect(loadGatewayConfig({ RATE_LIMIT_MARGIN_PERCENT: '25' }).rateLimit.marginPercent).toBe(25);
    expect(() => loadGatewayConfig({ RATE_LIMIT_MARGIN_PERCENT: '101' })).toThrow(
      /RATE_LIMIT_MARGIN_PERCENT must be a whole number from 0 to 100/,
    );
  });

  it.each([
    [{ REDIS_URL: 'http://127.0.0.1:6379' }, /REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/],
    [
      { PRICING_RATE_PER_SECOND: '0' },
      /PRICING_RATE_PER_SECOND must be a number from 0.01 to 1000/,
    ],
    [{ PRICING_TTL_MS: '-1' }, /PRICING_TTL_MS must be a whole number/],
    [
      { PRICING_BATCH_THRESHOLD: '0' },
      /PRICING_BATCH_THRESHOLD must be a whole number from 1 to 1000/,
    ],
  ])('stops with a message naming the variable for %p', (env, message) => {
    expect(() => loadGatewayConfig(env)).toThrow(message);
  });
});

describe('price history configuration', () => {
  it('records into the embedded database, in memory, by default', () => {
    expect(loadGatewayConfig({}).history).toEqual({
      enabled: true,
      databaseUrl: undefined,
      dataDir: undefined,
    });
    expect(loadGatewayConfig({ PRICE_HISTORY: 'OFF' }).history.enabled).toBe(false);
    expect(loadGatewayConfig({ PRICE_HISTORY_DIR: '/var/lib/gateway' }).history.dataDir).toBe(
      '/var/lib/gateway',
    );
    const url = 'postgresql://gateway:pw@db.internal:5432/gateway';
    expect(loadGatewayConfig({ DATABASE_URL: url }).history.databaseUrl).toBe(url);
  });

  it.each([
    [{ PRICE_HISTORY: 'maybe' }, /PRICE_HISTORY must be one of on, off/],
    [{ DATABASE_URL: 'mysql://u:secret@db/x' }, /DATABASE_URL must be a postgres:\/\//],
    [{ DATABASE_URL: ' ' }, /DATABASE_URL is set but empty/],
    [
      { DATABASE_URL: 'postgres://db/x', PRICE_HISTORY_DIR: '/tmp/h' },
      /DATABASE_URL and PRICE_HISTORY_DIR are both set/,
    ],
  ])('stops with a message naming the variable for %p', (env, message) => {
    expect(() => loadGatewayConfig(env)).toThrow(message);
  });

  it('never repeats a DATABASE_URL, which may hold a password', () => {
    let caught: unknown;
    try {
      loadGatewayConfig({ DATABASE_URL: 'mysql://u:hunter2@db/x' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as Error).message).not.toContain('hunter2');
  });
});

describe('tracing configuration (the standard OTEL_* variables)', () => {
  it('is off without an OTLP endpoint or exporter, and when turned off on purpose', () => {
    expect(loadConfig({}).tracing).toBeUndefined();
    expect(loadConfig({ OTEL_SERVICE_NAME: 'bff' }).tracing).toBeUndefined();
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };
    expect(loadConfig({ ...endpoint, OTEL_SDK_DISABLED: 'true' }).tracing).toBeUndefined();
    expect(loadConfig({ ...endpoint, OTEL_TRACES_EXPORTER: 'none' }).tracing).toBeUndefined();
  });

  it('sends to the traces path of OTEL_EXPORTER_OTLP_ENDPOINT, or to OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as given', () => {
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }).tracing).toEqual({
      endpoint: 'http://collector:4318/v1/traces',
      serviceName: undefined,
      sampler: 'parentbased_always_on',
      ratio: 1,
    });
    const both = loadConfig({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example.com/in',
      OTEL_SERVICE_NAME: 'bff',
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.25',
    });
    expect(both.tracing).toEqual({
      endpoint: 'https://traces.example.com/in',
      serviceName: 'bff',
      sampler: 'parentbased_traceidratio',
      ratio: 0.25,
    });
    expect(loadConfig({ OTEL_TRACES_EXPORTER: 'otlp' }).tracing?.endpoint).toBe(
      'http://localhost:4318/v1/traces',
    );
  });

  it.each([
    [{ OTEL_TRACES_EXPORTER: 'zipkin' }, /OTEL_TRACES_EXPORTER must be one of otlp, none/],
    [
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4317', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' },
      /OTEL_EXPORTER_OTLP_PROTOCOL must be http\/protobuf or http\/json/,
    ],
    [
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' },
      /OTEL_EXPORTER_OTLP_ENDPOINT must be an absolute http\(s\) URL/,
    ],
    [
      { OTEL_TRACES_EXPORTER: 'otlp', OTEL_TRACES_SAMPLER: 'sometimes' },
      /OTEL_TRACES_SAMPLER must be one of/,
    ],
    [
      { OTEL_TRACES_EXPORTER: 'otlp', OTEL_TRACES_SAMPLER_ARG: '2' },
      /OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1/,
    ],
  ])('refuses %j rather than ignoring it', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
