import path from 'node:path';
import { RATE_LIMIT_PER_MINUTE, type RateLimitTier } from '@temp-contents/contract';
import type { Principal } from '../auth/principal.js';

/** HS256 shared secret or a JWKS endpoint, plus how to read tenant and subject from the claims. */
export interface JwtConfig {
  /** HS256 key bytes (from TC_JWT_SECRET); exclusive with `jwksUrl`. */
  secret: Uint8Array | undefined;
  /** Remote key set (from TC_JWKS_URL); exclusive with `secret`. */
  jwksUrl: URL | undefined;
  issuer: string | undefined;
  audience: string | undefined;
  tenantClaim: string;
  subjectClaim: string;
  /** Accept JWTs without `exp` (TC_JWT_ALLOW_NO_EXP); off: a token must expire. */
  allowNoExp: boolean;
}

export interface AuthConfig {
  /** Opaque bearer token -> principal (TC_STATIC_TOKENS). */
  staticTokens: Map<string, Principal>;
  jwt: JwtConfig | undefined;
}

export interface RateLimitConfig {
  enabled: boolean;
  /** Requests per window per tenant+subject, by tier. */
  limits: Record<RateLimitTier, number>;
  /** Failed authentications per client address per window before it is refused (429). */
  failedAuthLimit: number;
  /** Window length; a minute as upstream, shorter only in tests. */
  windowMs: number;
}

export type TrustProxy = boolean | number | string[];

/** `GET /metrics` (TC_METRICS, TC_METRICS_TOKEN); see docs/operations.md. */
export interface MetricsConfig {
  enabled: boolean;
  /** Bearer token a scrape must present; undefined: the endpoint is open (network-restricted). */
  token: string | undefined;
}

/** Where contents live: one machine's disk (embedded default) or shared by many replicas. */
export type StorageConfig =
  | {
      kind: 'fs';
      /**
       * TC_ACCEL_REDIRECT: an nginx `internal` location (e.g. `/_tc_files/`) aliasing
       * `<dataDir>/files/`. Downloads nginx can serve exactly as we would are answered with
       * `X-Accel-Redirect` and nginx sends the bytes (sendfile, ranges); undefined: we stream.
       */
      accelRedirect?: string;
    }
  | {
      kind: 's3';
      bucket: string;
      /** Custom endpoint of an S3-compatible store; undefined: AWS's own for `region`. */
      endpoint: string | undefined;
      region: string;
      forcePathStyle: boolean;
      /**
       * `proxy`: the replica streams the bytes (default). `redirect`: GET answers 307 to a
       * short-lived presigned URL, so the client must be able to reach the object store.
       */
      download: 'proxy' | 'redirect';
      /** Redis for locks, counters, the upload-info cache and the expiry index. */
      redisUrl: string;
      /** Prefix of every Redis key: several deployments can share one Redis. */
      redisPrefix: string;
    };

export interface ServerConfig {
  port: number;
  host: string;
  /** Absolute directory holding `files/` (bytes), `index.sqlite` and `dev-token`. */
  dataDir: string;
  /** TC_STORAGE: `fs` (dataDir) or `s3` (bucket + Redis, for several replicas). */
  storage: StorageConfig;
  /** Origin (and optional path prefix) used to build absolute URLs, without a trailing slash. */
  publicUrl: string | undefined;
  maxUploadBytes: number;
  auth: AuthConfig;
  sweepIntervalMs: number;
  rateLimit: RateLimitConfig;
  /** Allowed CORS origins; empty means CORS is off, `['*']` allows any origin. */
  corsOrigins: string[];
  /** Passed to Fastify's `trustProxy`: whether `Forwarded`/`X-Forwarded-*` are believed. */
  trustProxy: TrustProxy;
  logLevel: LogLevel;
  /** How long a graceful shutdown waits for in-flight requests before cutting them. */
  shutdownTimeoutMs: number;
  /**
   * A connection that neither sends nor receives a byte for this long is closed: a client that
   * vanished mid-upload (no FIN) or stopped reading a download would otherwise hold its socket
   * and file forever. Slow but moving transfers are never cut (there is no total timeout).
   */
  idleTimeoutMs: number;
  /**
   * TC_TUS_CHECKSUM_TRAILER: advertise and accept `Upload-Checksum` as an HTTP trailer. Off
   * behind a proxy that drops request trailers (nginx does), so clients are not told otherwise.
   */
  tusChecksumTrailer: boolean;
  metrics: MetricsConfig;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A bad environment value; the message is one line naming the variable and the accepted form. */
export class ConfigError extends Error {
  readonly variable: string;
  constructor(variable: string, accepted: string, value: string) {
    super(`${variable}=${JSON.stringify(value)} is invalid: expected ${accepted}`);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

export const DEFAULTS = {
  port: 8080,
  /**
   * Loopback by default: `pnpm start` on a laptop should not expose a store to the local network
   * (it prints a development token meant for this machine). Containers set HOST=0.0.0.0.
   */
  host: '127.0.0.1',
  dataDir: './data',
  /** 10 GiB: large enough for real files, small enough to stop a runaway stream filling a disk. */
  maxUploadBytes: 10 * 1024 ** 3,
  sweepIntervalMs: 60_000,
  tenantClaim: 'tenant',
  subjectClaim: 'sub',
  logLevel: 'info' as LogLevel,
  shutdownTimeoutMs: 10_000,
  idleTimeoutMs: 120_000,
  rateLimitWindowMs: 60_000,
  /** Enough for a client that fumbles its configuration, far too few to guess a token. */
  failedAuthPerMinute: 30,
} as const;

type Env = Record<string, string | undefined>;

/** Reads and validates every setting; throws ConfigError on the first bad value. */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): ServerConfig {
  const read = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };

  const jwtSecret = read('TC_JWT_SECRET');
  const jwksUrl = read('TC_JWKS_URL');
  if (jwtSecret !== undefined && jwksUrl !== undefined) {
    throw new ConfigError(
      'TC_JWKS_URL',
      'to be unset when TC_JWT_SECRET is set (use one)',
      jwksUrl,
    );
  }
  const jwtEnabled = jwtSecret !== undefined || jwksUrl !== undefined;
  for (const name of ['TC_JWT_ISSUER', 'TC_JWT_AUDIENCE', 'TC_JWT_ALLOW_NO_EXP']) {
    const value = read(name);
    if (value !== undefined && !jwtEnabled) {
      throw new ConfigError(
        name,
        'to be set only together with TC_JWT_SECRET or TC_JWKS_URL',
        value,
      );
    }
  }

  return {
    port: parsePort('PORT', read('PORT')),
    host: read('HOST') ?? DEFAULTS.host,
    dataDir: path.resolve(cwd, read('TC_DATA_DIR') ?? DEFAULTS.dataDir),
    storage: parseStorage(read),
    publicUrl: parsePublicUrl('TC_PUBLIC_URL', read('TC_PUBLIC_URL')),
    maxUploadBytes: parseInteger('TC_MAX_UPLOAD_BYTES', read('TC_MAX_UPLOAD_BYTES'), {
      // 0 would advertise `Tus-Max-Size: 0`, which tus clients can read as "no limit".
      min: 1,
      fallback: DEFAULTS.maxUploadBytes,
    }),
    auth: {
      staticTokens: parseStaticTokens('TC_STATIC_TOKENS', read('TC_STATIC_TOKENS')),
      jwt: jwtEnabled
        ? {
            secret:
              jwtSecret === undefined ? undefined : parseJwtSecret('TC_JWT_SECRET', jwtSecret),
            jwksUrl: jwksUrl === undefined ? undefined : parseHttpUrl('TC_JWKS_URL', jwksUrl),
            issuer: read('TC_JWT_ISSUER'),
            audience: read('TC_JWT_AUDIENCE'),
            tenantClaim: parseClaimName(
              'TC_JWT_TENANT_CLAIM',
              read('TC_JWT_TENANT_CLAIM'),
              DEFAULTS.tenantClaim,
            ),
            subjectClaim: parseClaimName(
              'TC_JWT_SUBJECT_CLAIM',
              read('TC_JWT_SUBJECT_CLAIM'),
              DEFAULTS.subjectClaim,
            ),
            allowNoExp: parseSwitch('TC_JWT_ALLOW_NO_EXP', read('TC_JWT_ALLOW_NO_EXP'), false),
          }
        : undefined,
    },
    sweepIntervalMs: parseInteger('TC_SWEEP_INTERVAL_MS', read('TC_SWEEP_INTERVAL_MS'), {
      min: 100,
      fallback: DEFAULTS.sweepIntervalMs,
    }),
    rateLimit: {
      enabled: parseSwitch('TC_RATE_LIMIT', read('TC_RATE_LIMIT'), true),
      limits: { ...RATE_LIMIT_PER_MINUTE },
      failedAuthLimit: DEFAULTS.failedAuthPerMinute,
      windowMs: DEFAULTS.rateLimitWindowMs,
    },
    corsOrigins: parseCorsOrigins('TC_CORS_ORIGINS', read('TC_CORS_ORIGINS')),
    trustProxy: parseTrustProxy('TC_TRUST_PROXY', read('TC_TRUST_PROXY')),
    logLevel: parseLogLevel('TC_LOG_LEVEL', read('TC_LOG_LEVEL')),
    shutdownTimeoutMs: parseInteger('TC_SHUTDOWN_TIMEOUT_MS', read('TC_SHUTDOWN_TIMEOUT_MS'), {
      min: 0,
      fallback: DEFAULTS.shutdownTimeoutMs,
    }),
    // Below a second a healthy client between two writes could be cut.
    tusChecksumTrailer: parseSwitch(
      'TC_TUS_CHECKSUM_TRAILER',
      read('TC_TUS_CHECKSUM_TRAILER'),
      true,
    ),
    idleTimeoutMs: parseInteger('TC_IDLE_TIMEOUT_MS', read('TC_IDLE_TIMEOUT_MS'), {
      min: 1000,
      fallback: DEFAULTS.idleTimeoutMs,
    }),
    metrics: parseMetrics(read),
  };
}

/** True when neither static tokens nor JWT are configured (main.ts then makes a dev token). */
export function hasNoAuth(config: ServerConfig): boolean {
  return config.auth.staticTokens.size === 0 && config.auth.jwt === undefined;
}

const S3_ONLY = [
  'TC_S3_BUCKET',
  'TC_S3_ENDPOINT',
  'TC_S3_REGION',
  'TC_S3_FORCE_PATH_STYLE',
  'TC_S3_DOWNLOAD',
  'TC_REDIS_URL',
  'TC_REDIS_PREFIX',
] as const;

function parseStorage(read: (name: string) => string | undefined): StorageConfig {
  const kind = read('TC_STORAGE')?.toLowerCase() ?? 'fs';
  if (kind === 'fs') {
    // A setting that would be silently ignored is a mistake the operator should hear about.
    for (const name of S3_ONLY) {
      const value = read(name);
      if (value !== undefined)
        throw new ConfigError(name, 'to be set only with TC_STORAGE=s3', value);
    }
    const accel = read('TC_ACCEL_REDIRECT');
    if (accel === undefined) return { kind: 'fs' };
    if (!/^\/[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*\/$/.test(accel)) {
      throw new ConfigError(
        'TC_ACCEL_REDIRECT',
        'an nginx location path such as /_tc_files/ (starting and ending with /)',
        accel,
      );
    }
    return { kind: 'fs', accelRedirect: accel };
  }
  if (kind !== 's3') throw new ConfigError('TC_STORAGE', 'fs or s3', read('TC_STORAGE') ?? '');
  const accel = read('TC_ACCEL_REDIRECT');
  if (accel !== undefined) {
    throw new ConfigError('TC_ACCEL_REDIRECT', 'to be set only with TC_STORAGE=fs', accel);
  }
  const bucket = read('TC_S3_BUCKET');
  // S3 bucket naming rules: 3-63 lowercase letters, digits, dots and hyphens.
  if (bucket === undefined || !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new ConfigError(
      'TC_S3_BUCKET',
      'a bucket name (required with TC_STORAGE=s3)',
      bucket ?? '',
    );
  }
  const endpoint = read('TC_S3_ENDPOINT');
  const redisUrl = read('TC_REDIS_URL');
  if (redisUrl === undefined || !/^rediss?:\/\/[^\s]+$/.test(redisUrl)) {
    throw new ConfigError(
      'TC_REDIS_URL',
      'a redis:// or rediss:// URL (required with TC_STORAGE=s3)',
      redisUrl === undefined ? '' : redactUrlPassword(redisUrl),
    );
  }
  const download = read('TC_S3_DOWNLOAD')?.toLowerCase() ?? 'proxy';
  if (download !== 'proxy' && download !== 'redirect') {
    throw new ConfigError('TC_S3_DOWNLOAD', 'proxy or redirect', read('TC_S3_DOWNLOAD') ?? '');
  }
  return {
    kind: 's3',
    bucket,
    endpoint: endpoint === undefined ? undefined : parseHttpUrl('TC_S3_ENDPOINT', endpoint).href,
    region: read('TC_S3_REGION') ?? read('AWS_REGION') ?? 'us-east-1',
    forcePathStyle: parseSwitch('TC_S3_FORCE_PATH_STYLE', read('TC_S3_FORCE_PATH_STYLE'), false),
    download,
    redisUrl,
    redisPrefix: parseRedisPrefix('TC_REDIS_PREFIX', read('TC_REDIS_PREFIX')),
  };
}

function parseMetrics(read: (name: string) => string | undefined): MetricsConfig {
  const enabled = parseSwitch('TC_METRICS', read('TC_METRICS'), false);
  const token = read('TC_METRICS_TOKEN');
  if (token === undefined) return { enabled, token };
  // Never echo the value: it is a secret.
  if (!enabled) {
    throw new ConfigError('TC_METRICS_TOKEN', 'to be set only with TC_METRICS=on', '<redacted>');
  }
  // What a bearer token may hold (RFC 6750 §2.1 b64token), long enough not to be guessed.
  if (!/^[A-Za-z0-9\-._~+/]{16,}=*$/.test(token)) {
    throw new ConfigError(
      'TC_METRICS_TOKEN',
      'at least 16 characters of A-Z a-z 0-9 - . _ ~ + / (then optional =)',
      '<redacted>',
    );
  }
  return { enabled, token };
}

function parseRedisPrefix(name: string, raw: string | undefined): string {
  if (raw === undefined) return 'tc:';
  if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(raw)) {
    throw new ConfigError(name, 'up to 64 letters, digits, _ . : -', raw);
  }
  return raw;
}

/** A Redis URL may carry a password; error messages show it as `***`. */
export function redactUrlPassword(raw: string): string {
  return raw.replace(/^(\w+:\/\/[^:@/]*:)[^@/]*@/, '$1***@');
}

function parseInteger(
  name: string,
  raw: string | undefined,
  { min, fallback }: { min: number; fallback: number },
): number {
  if (raw === undefined) return fallback;
  const value = /^[0-9]+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min) {
    throw new ConfigError(name, `an integer from ${min} to ${Number.MAX_SAFE_INTEGER}`, raw);
  }
  return value;
}

function parsePort(name: string, raw: string | undefined): number {
  if (raw === undefined) return DEFAULTS.port;
  const value = /^[0-9]+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(value) || value > 65535) {
    throw new ConfigError(name, 'a port number from 0 to 65535', raw);
  }
  return value;
}

function parseHttpUrl(name: string, raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, 'an absolute http:// or https:// URL', raw);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(name, 'an absolute http:// or https:// URL', raw);
  }
  return url;
}

function parsePublicUrl(name: string, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const url = parseHttpUrl(name, raw);
  if (url.search !== '' || url.hash !== '') {
    throw new ConfigError(
      name,
      'an http(s) origin with an optional path, no query or fragment',
      raw,
    );
  }
  return url.href.replace(/\/+$/, '');
}

function parseStaticTokens(name: string, raw: string | undefined): Map<string, Principal> {
  const tokens = new Map<string, Principal>();
  if (raw === undefined) return tokens;
  const accepted = 'comma-separated token=tenant:subject entries (token without spaces or commas)';
  for (const entry of raw.split(',')) {
    const trimmed = entry.trim();
    const eq = trimmed.indexOf('=');
    const colon = trimmed.indexOf(':', eq + 1);
    const token = trimmed.slice(0, eq);
    const tenant = trimmed.slice(eq + 1, colon);
    const subject = trimmed.slice(colon + 1);
    if (eq <= 0 || colon < 0 || /\s/.test(token) || tenant === '' || subject === '') {
      // Never echo the whole value: it holds secrets. Name the position instead.
      throw new ConfigError(name, accepted, `<entry ${tokens.size + 1} redacted>`);
    }
    if (tokens.has(token)) {
      throw new ConfigError(
        name,
        `${accepted}, each token once`,
        `<entry ${tokens.size + 1} redacted>`,
      );
    }
    tokens.set(token, { tenant, subject });
  }
  return tokens;
}

function parseJwtSecret(name: string, raw: string): Uint8Array {
  const bytes = new TextEncoder().encode(raw);
  // RFC 7518 §3.2: "A key of the same size as the hash output (for instance, 256 bits for
  // "HS256") or larger MUST be used with this algorithm."
  if (bytes.length < 32) {
    throw new ConfigError(name, 'a secret of at least 32 bytes (RFC 7518 §3.2)', '<redacted>');
  }
  return bytes;
}

function parseClaimName(name: string, raw: string | undefined, fallback: string): string {
  if (raw === undefined) return fallback;
  if (!/^[A-Za-z0-9_:./-]+$/.test(raw)) {
    throw new ConfigError(name, 'a claim name (letters, digits, _ : . / -)', raw);
  }
  return raw;
}

function parseSwitch(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined) return fallback;
  const value = raw.toLowerCase();
  if (value === 'on' || value === 'true' || value === '1') return true;
  if (value === 'off' || value === 'false' || value === '0') return false;
  throw new ConfigError(name, 'on or off', raw);
}

function parseCorsOrigins(name: string, raw: string | undefined): string[] {
  if (raw === undefined) return [];
  const origins = raw
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
  for (const origin of origins) {
    if (origin === '*') continue;
    let url: URL | undefined;
    try {
      url = new URL(origin);
    } catch {
      url = undefined;
    }
    if (url === undefined || url.origin !== origin) {
      throw new ConfigError(
        name,
        'a comma-separated list of origins like https://app.example.com, or *',
        raw,
      );
    }
  }
  return origins;
}

function parseTrustProxy(name: string, raw: string | undefined): TrustProxy {
  if (raw === undefined) return false;
  const value = raw.toLowerCase();
  if (value === 'true' || value === 'on') return true;
  if (value === 'false' || value === 'off') return false;
  if (/^[0-9]+$/.test(value)) return Number(value);
  const addresses = raw.split(',').map((address) => address.trim());
  if (addresses.every((address) => /^[0-9a-fA-F.:]+(\/[0-9]{1,3})?$/.test(address))) {
    return addresses;
  }
  throw new ConfigError(
    name,
    'true, false, a hop count, or comma-separated proxy addresses/CIDRs',
    raw,
  );
}

function parseLogLevel(name: string, raw: string | undefined): LogLevel {
  if (raw === undefined) return DEFAULTS.logLevel;
  const value = raw.toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(value)) {
    throw new ConfigError(name, `one of ${LOG_LEVELS.join(', ')}`, raw);
  }
  return value as LogLevel;
}
