import { RATE_LIMIT_PER_MINUTE } from '@temp-contents/contract';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULTS, hasNoAuth, loadConfig } from './server-config.js';

const SECRET = 'a-very-long-shared-secret-of-32-bytes!';

describe('loadConfig defaults', () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      dataDir: '/srv/app/data',
      publicUrl: undefined,
      maxUploadBytes: 10 * 1024 ** 3,
      sweepIntervalMs: 60_000,
      corsOrigins: [],
      trustProxy: false,
      logLevel: 'info',
      shutdownTimeoutMs: DEFAULTS.shutdownTimeoutMs,
      idleTimeoutMs: 120_000,
      tusChecksumTrailer: true,
      metrics: { enabled: false, token: undefined },
    });
    expect(config.rateLimit).toEqual({
      enabled: true,
      limits: RATE_LIMIT_PER_MINUTE,
      windowMs: 60_000,
      failedAuthLimit: 30,
    });
    expect(config.auth.jwt).toBeUndefined();
    expect(config.auth.staticTokens.size).toBe(0);
    expect(hasNoAuth(config)).toBe(true);
  });

  it('treats blank values as unset', () => {
    expect(loadConfig({ PORT: '  ', TC_LOG_LEVEL: '' }, '/x')).toMatchObject({
      port: 8080,
      logLevel: 'info',
    });
  });
});

describe('loadConfig accepted values', () => {
  it.each([
    ['PORT', '0', { port: 0 }],
    ['PORT', '65535', { port: 65535 }],
    ['HOST', '0.0.0.0', { host: '0.0.0.0' }],
    ['TC_DATA_DIR', '/var/lib/tc', { dataDir: '/var/lib/tc' }],
    ['TC_DATA_DIR', 'rel/dir', { dataDir: '/srv/rel/dir' }],
    ['TC_PUBLIC_URL', 'https://files.example.com/', { publicUrl: 'https://files.example.com' }],
    ['TC_PUBLIC_URL', 'http://h:81/prefix/', { publicUrl: 'http://h:81/prefix' }],
    ['TC_MAX_UPLOAD_BYTES', '1', { maxUploadBytes: 1 }],
    ['TC_MAX_UPLOAD_BYTES', '9007199254740991', { maxUploadBytes: 2 ** 53 - 1 }],
    ['TC_SWEEP_INTERVAL_MS', '1000', { sweepIntervalMs: 1000 }],
    [
      'TC_CORS_ORIGINS',
      'https://a.example, http://b:3000',
      {
        corsOrigins: ['https://a.example', 'http://b:3000'],
      },
    ],
    ['TC_CORS_ORIGINS', '*', { corsOrigins: ['*'] }],
    ['TC_TRUST_PROXY', 'true', { trustProxy: true }],
    ['TC_TRUST_PROXY', 'off', { trustProxy: false }],
    ['TC_TRUST_PROXY', '2', { trustProxy: 2 }],
    ['TC_TRUST_PROXY', '10.0.0.0/8, ::1', { trustProxy: ['10.0.0.0/8', '::1'] }],
    ['TC_LOG_LEVEL', 'DEBUG', { logLevel: 'debug' }],
    ['TC_SHUTDOWN_TIMEOUT_MS', '500', { shutdownTimeoutMs: 500 }],
    ['TC_IDLE_TIMEOUT_MS', '30000', { idleTimeoutMs: 30_000 }],
    ['TC_TUS_CHECKSUM_TRAILER', 'off', { tusChecksumTrailer: false }],
    ['TC_METRICS', 'on', { metrics: { enabled: true, token: undefined } }],
    ['TC_METRICS', 'OFF', { metrics: { enabled: false, token: undefined } }],
  ])('%s=%j', (name, value, want) => {
    expect(loadConfig({ [name]: value }, '/srv')).toMatchObject(want);
  });

  it.each([
    ['on', true],
    ['OFF', false],
    ['false', false],
    ['1', true],
  ])('TC_RATE_LIMIT=%s -> enabled %s', (value, enabled) => {
    expect(loadConfig({ TC_RATE_LIMIT: value }).rateLimit.enabled).toBe(enabled);
  });

  it('parses static tokens into principals (subjects may hold colons)', () => {
    const config = loadConfig({ TC_STATIC_TOKENS: 'tok-a=acme:alice, tok=b=globex:svc:ci' });
    expect([...config.auth.staticTokens]).toEqual([
      ['tok-a', { tenant: 'acme', subject: 'alice' }],
      ['tok', { tenant: 'b=globex', subject: 'svc:ci' }],
    ]);
    expect(hasNoAuth(config)).toBe(false);
  });

  it('configures HS256 with claim names, issuer and audience', () => {
    const { jwt } = loadConfig({
      TC_JWT_SECRET: SECRET,
      TC_JWT_ISSUER: 'https://idp',
      TC_JWT_AUDIENCE: 'temp-contents',
      TC_JWT_TENANT_CLAIM: 'https://example.com/tenant',
      TC_JWT_SUBJECT_CLAIM: 'email',
    }).auth;
    expect(jwt).toMatchObject({
      jwksUrl: undefined,
      issuer: 'https://idp',
      audience: 'temp-contents',
      tenantClaim: 'https://example.com/tenant',
      subjectClaim: 'email',
    });
    expect(new TextDecoder().decode(jwt?.secret)).toBe(SECRET);
  });

  it('configures a JWKS URL with default claim names', () => {
    const { jwt } = loadConfig({ TC_JWKS_URL: 'https://idp.example/.well-known/jwks.json' }).auth;
    expect(jwt?.jwksUrl?.href).toBe('https://idp.example/.well-known/jwks.json');
    expect(jwt).toMatchObject({ secret: undefined, tenantClaim: 'tenant', subjectClaim: 'sub' });
  });
});

describe('loadConfig rejects bad values with one line naming the variable', () => {
  it.each([
    ['PORT', 'http', 'a port number'],
    ['PORT', '70000', 'a port number'],
    ['PORT', '-1', 'a port number'],
    ['TC_PUBLIC_URL', 'files.example.com', 'https://'],
    ['TC_PUBLIC_URL', 'ftp://x', 'https://'],
    ['TC_PUBLIC_URL', 'https://x/?a=1', 'no query'],
    ['TC_MAX_UPLOAD_BYTES', '0', 'an integer from 1'],
    ['TC_MAX_UPLOAD_BYTES', '10GB', 'an integer'],
    ['TC_MAX_UPLOAD_BYTES', '1e9', 'an integer'],
    ['TC_MAX_UPLOAD_BYTES', '99999999999999999999', 'an integer'],
    ['TC_STATIC_TOKENS', 'just-a-token', 'token=tenant:subject'],
    ['TC_STATIC_TOKENS', 'tok=tenant-only', 'token=tenant:subject'],
    ['TC_STATIC_TOKENS', 'tok=:alice', 'token=tenant:subject'],
    ['TC_STATIC_TOKENS', 'tok=acme:', 'token=tenant:subject'],
    ['TC_STATIC_TOKENS', 'a=t:s,a=t:u', 'each token once'],
    ['TC_JWT_SECRET', 'short', 'at least 32 bytes'],
    ['TC_JWKS_URL', 'not a url', 'http'],
    ['TC_JWT_ISSUER', 'https://idp', 'only together with'],
    ['TC_JWT_AUDIENCE', 'aud', 'only together with'],
    ['TC_JWT_ALLOW_NO_EXP', 'true', 'only together with'],
    ['TC_SWEEP_INTERVAL_MS', '10', 'an integer from 100'],
    ['TC_SWEEP_INTERVAL_MS', 'soon', 'an integer'],
    ['TC_RATE_LIMIT', 'maybe', 'on or off'],
    ['TC_CORS_ORIGINS', 'example.com', 'origins'],
    ['TC_CORS_ORIGINS', 'https://a.example/path', 'origins'],
    ['TC_TRUST_PROXY', 'yes please', 'hop count'],
    ['TC_LOG_LEVEL', 'verbose', 'one of fatal'],
    ['TC_SHUTDOWN_TIMEOUT_MS', 'never', 'an integer'],
    ['TC_IDLE_TIMEOUT_MS', '500', 'an integer from 1000'],
    ['TC_IDLE_TIMEOUT_MS', '0', 'an integer from 1000'],
    ['TC_METRICS', 'yes', 'on or off'],
    ['TC_METRICS_TOKEN', 'a-metrics-token-of-some-length', 'only with TC_METRICS=on'],
  ])('%s=%j', (name, value, accepted) => {
    let thrown: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    const error = thrown as ConfigError;
    expect(error.variable).toBe(name);
    expect(error.message).toContain(name);
    expect(error.message).toContain(accepted);
    expect(error.message).not.toContain('\n');
  });

  it('rejects a secret and a JWKS URL together', () => {
    expect(() => loadConfig({ TC_JWT_SECRET: SECRET, TC_JWKS_URL: 'https://idp/jwks' })).toThrow(
      /TC_JWKS_URL.*use one/,
    );
  });

  it.each([
    ['TC_STATIC_TOKENS', 'secret-token-value', {}],
    ['TC_JWT_SECRET', 'secret-short', {}],
    ['TC_METRICS_TOKEN', 'secret-metrics-token', {}],
    ['TC_METRICS_TOKEN', 'short', { TC_METRICS: 'on' }],
    ['TC_METRICS_TOKEN', 'a metrics token with spaces', { TC_METRICS: 'on' }],
  ])('never echoes the secret in %s=%j', (name, value, env) => {
    expect(() => loadConfig({ ...env, [name]: value })).toThrow(ConfigError);
    try {
      loadConfig({ ...env, [name]: value });
    } catch (error) {
      expect((error as ConfigError).variable).toBe(name);
      expect((error as Error).message).not.toContain(value);
    }
  });

  it('takes a metrics token together with TC_METRICS=on', () => {
    const token = 'scrape-token-0123456789';
    expect(loadConfig({ TC_METRICS: 'on', TC_METRICS_TOKEN: token }).metrics).toEqual({
      enabled: true,
      token,
    });
  });
});

describe('loadConfig storage (TC_STORAGE)', () => {
  const S3 = {
    TC_STORAGE: 's3',
    TC_S3_BUCKET: 'temp-contents',
    TC_REDIS_URL: 'redis://127.0.0.1:6379',
  };

  it.each([
    ['the embedded default', {}, { kind: 'fs' }],
    [
      'the embedded default, downloads sent by nginx',
      { TC_ACCEL_REDIRECT: '/_tc_files/' },
      { kind: 'fs', accelRedirect: '/_tc_files/' },
    ],
    [
      's3 with defaults',
      S3,
      {
        kind: 's3',
        bucket: 'temp-contents',
        endpoint: undefined,
        region: 'us-east-1',
        forcePathStyle: false,
        download: 'proxy',
        redisUrl: 'redis://127.0.0.1:6379',
        redisPrefix: 'tc:',
      },
    ],
    [
      's3 on an S3-compatible endpoint, redirecting downloads',
      {
        ...S3,
        TC_S3_ENDPOINT: 'http://127.0.0.1:7070',
        TC_S3_REGION: 'eu-west-1',
        TC_S3_FORCE_PATH_STYLE: 'true',
        TC_S3_DOWNLOAD: 'redirect',
      },
      {
        endpoint: 'http://127.0.0.1:7070/',
        region: 'eu-west-1',
        forcePathStyle: true,
        download: 'redirect',
      },
    ],
    [
      's3 taking the region from AWS_REGION',
      { ...S3, AWS_REGION: 'ap-south-1' },
      { region: 'ap-south-1' },
    ],
  ])('%s', (_name, env, want) => {
    expect(loadConfig(env as Record<string, string>).storage).toMatchObject(want);
  });

  it.each([
    ['TC_STORAGE', { TC_STORAGE: 'nfs' }, 'fs or s3'],
    ['TC_S3_BUCKET', { ...S3, TC_S3_BUCKET: '' }, 'a bucket name'],
    ['TC_S3_BUCKET', { ...S3, TC_S3_BUCKET: 'Not_A_Bucket' }, 'a bucket name'],
    ['TC_REDIS_URL', { ...S3, TC_REDIS_URL: '' }, 'required with TC_STORAGE=s3'],
    ['TC_REDIS_URL', { ...S3, TC_REDIS_URL: 'localhost:6379' }, 'redis://'],
    ['TC_S3_ENDPOINT', { ...S3, TC_S3_ENDPOINT: 'minio:9000' }, 'http'],
    ['TC_S3_FORCE_PATH_STYLE', { ...S3, TC_S3_FORCE_PATH_STYLE: 'sometimes' }, 'on or off'],
    ['TC_S3_DOWNLOAD', { ...S3, TC_S3_DOWNLOAD: 'stream' }, 'proxy or redirect'],
    ['TC_REDIS_PREFIX', { ...S3, TC_REDIS_PREFIX: 'has space' }, 'letters, digits'],
    ['TC_S3_BUCKET', { TC_S3_BUCKET: 'b' }, 'only with TC_STORAGE=s3'],
    ['TC_ACCEL_REDIRECT', { TC_ACCEL_REDIRECT: '_tc_files' }, 'starting and ending with /'],
    ['TC_ACCEL_REDIRECT', { TC_ACCEL_REDIRECT: '/a b/' }, 'starting and ending with /'],
    ['TC_ACCEL_REDIRECT', { ...S3, TC_ACCEL_REDIRECT: '/_tc_files/' }, 'only with TC_STORAGE=fs'],
    ['TC_REDIS_URL', { TC_REDIS_URL: 'redis://r' }, 'only with TC_STORAGE=s3'],
  ])('rejects %s in %j', (name, env, accepted) => {
    let thrown: unknown;
    try {
      loadConfig(env as Record<string, string>);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).variable).toBe(name);
    expect((thrown as ConfigError).message).toContain(accepted);
  });

  it('never echoes a Redis password', () => {
    expect(() => loadConfig({ ...S3, TC_REDIS_URL: 'redis://u:hunter2@ bad' })).toThrow(
      ConfigError,
    );
    try {
      loadConfig({ ...S3, TC_REDIS_URL: 'redis://u:hunter2@ bad' });
    } catch (error) {
      expect((error as Error).message).not.toContain('hunter2');
    }
  });
});
