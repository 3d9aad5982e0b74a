/**
 * Configuration from the environment, with the embedded defaults (PGlite in `./data`).
 * Every variable is documented in the README's "Configuration" section.
 */
import { join, resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** `postgres://…` for a PostgreSQL server; undefined means embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Owner account created on first start when no user exists yet. */
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  /** Sign-in attempts allowed per client address per minute. */
  loginRateLimit: number;
  /** API requests allowed per client (user, token or address) per minute. */
  apiRateLimit: number;
  /** Ingestion batches allowed per client per minute, counted apart from apiRateLimit. */
  ingestRateLimit: number;
  /** Largest accepted request body, in bytes. */
  bodyLimit: number;
  /** Public URL used in printed links (setup link); defaults to http://localhost:PORT. */
  publicUrl: string;
  /** Sends the session cookie with `Secure` (set when served over HTTPS). */
  secureCookies: boolean;
  /**
   * Which proxies in front of the server to believe about the client's address
   * (`X-Forwarded-For`), as Fastify's `trustProxy`: false (none), true (all), a number of hops,
   * or addresses and CIDR ranges. Rate limits count per client address.
   */
  trustProxy: boolean | number | string[];
  /** A signed-in session ends after this many minutes without a request (besides its 14-day lifetime). */
  sessionIdleMinutes: number;
  /**
   * The key that encrypts secrets at rest (TOTP secrets), from TOUCHPOINTS_SECRET_KEY; undefined:
   * the key file `secret.key` in the data directory (created on first start).
   */
  secretKey: string | undefined;
  /** Earlier keys (TOUCHPOINTS_SECRET_KEY_PREVIOUS), only to read what they encrypted; re-encrypted on start. */
  previousSecretKeys: string[];
  logLevel: string;
  /** Minutes from one retention run of a workspace to the next (TOUCHPOINTS_RETENTION_INTERVAL_MINUTES). */
  retentionIntervalMinutes: number;
  /** Minutes from one alert evaluation of a workspace to the next (TOUCHPOINTS_ALERT_INTERVAL_MINUTES). */
  alertIntervalMinutes: number;
  /** `smtp://user:pass@host:port` or `smtps://…` (TOUCHPOINTS_SMTP_URL); undefined: no alert e-mail. */
  smtpUrl: string | undefined;
  /** The sender of alert e-mail (TOUCHPOINTS_SMTP_FROM); default `Touchpoints <touchpoints@localhost>`. */
  smtpFrom: string;
  /** Where audit photos are kept (TOUCHPOINTS_PHOTO_DIR); default `photos` in the data directory. */
  photoDir: string;
  /** Largest accepted audit photo, in bytes (TOUCHPOINTS_PHOTO_MAX_BYTES, default 8 MB). */
  photoMaxBytes: number;
  /** Requests per client address and minute on each public shopper-link route (TOUCHPOINTS_SHOPPER_RATE_LIMIT). */
  shopperRateLimit: number;
  /** Requests per client address and minute on the shared-map route `/api/public/maps/…` (TOUCHPOINTS_SHARE_RATE_LIMIT). */
  shareRateLimit: number;
  /**
   * Requests per client address and minute on the public survey routes — `/s/<code>`, `/k/<token>`
   * and `/api/public/…` together (TOUCHPOINTS_SURVEY_ADDRESS_RATE_LIMIT).
   */
  surveyAddressRateLimit: number;
  /** Answers per survey and minute from all addresses together (TOUCHPOINTS_SURVEY_RATE_LIMIT). */
  surveyRateLimit: number;
}

export class ConfigError extends Error {}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

/** TOUCHPOINTS_TRUST_PROXY: false, true, a number of hops, or comma-separated addresses / CIDRs. */
function trustProxy(raw: string | undefined): Config['trustProxy'] {
  const value = raw?.trim() ?? '';
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops < 1 || hops > 100)
      throw new ConfigError(`TOUCHPOINTS_TRUST_PROXY hops must be from 1 to 100, got "${raw}"`);
    return hops;
  }
  const entries = value.split(',').map((entry) => entry.trim());
  const address = /^(?:[0-9]{1,3}(?:\.[0-9]{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:.]*)(?:\/[0-9]{1,3})?$/;
  const named = new Set(['loopback', 'linklocal', 'uniquelocal']);
  for (const entry of entries) {
    if (!address.test(entry) && !named.has(entry))
      throw new ConfigError(
        `TOUCHPOINTS_TRUST_PROXY must be true, false, a number of hops or comma-separated addresses and CIDR ranges (or loopback, linklocal, uniquelocal); "${entry}" is none of them`,
      );
  }
  return entries;
}

/** A secret key: 32 bytes as base64/base64url (44 or 43 characters) or 64 hex digits. */
const SECRET_KEY = /^(?:[0-9a-fA-F]{64}|[A-Za-z0-9+/_-]{43}=?)$/;

function secretKeys(env: NodeJS.ProcessEnv): Pick<Config, 'secretKey' | 'previousSecretKeys'> {
  const current = env.TOUCHPOINTS_SECRET_KEY?.trim() || undefined;
  const previous = (env.TOUCHPOINTS_SECRET_KEY_PREVIOUS ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter((key) => key !== '');
  const hint = 'must be 32 random bytes as base64 or 64 hex digits (e.g. `openssl rand -base64 32`)';
  if (current !== undefined && !SECRET_KEY.test(current))
    throw new ConfigError(`TOUCHPOINTS_SECRET_KEY ${hint}`);
  previous.forEach((key, i) => {
    if (!SECRET_KEY.test(key)) throw new ConfigError(`TOUCHPOINTS_SECRET_KEY_PREVIOUS: key ${i + 1} ${hint}`);
  });
  return { secretKey: current, previousSecretKeys: previous };
}

/** TOUCHPOINTS_SMTP_URL (smtp:// or smtps://) and TOUCHPOINTS_SMTP_FROM. */
function smtp(env: NodeJS.ProcessEnv): Pick<Config, 'smtpUrl' | 'smtpFrom'> {
  const smtpUrl = env.TOUCHPOINTS_SMTP_URL?.trim() || undefined;
  if (smtpUrl !== undefined) {
    let ok = false;
    try {
      const url = new URL(smtpUrl);
      ok = (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
    } catch {
      ok = false;
    }
    if (!ok)
      throw new ConfigError('TOUCHPOINTS_SMTP_URL must be smtp://[user:password@]host[:port] or smtps://…');
  }
  const smtpFrom = env.TOUCHPOINTS_SMTP_FROM?.trim() || 'Touchpoints <touchpoints@localhost>';
  return { smtpUrl, smtpFrom };
}

/** Reads the configuration; throws ConfigError naming the variable at fault. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const adminEmail = env.TOUCHPOINTS_ADMIN_EMAIL || undefined;
  const adminPassword = env.TOUCHPOINTS_ADMIN_PASSWORD || undefined;
  if (Boolean(adminEmail) !== Boolean(adminPassword)) {
    throw new ConfigError('set both TOUCHPOINTS_ADMIN_EMAIL and TOUCHPOINTS_ADMIN_PASSWORD, or neither');
  }
  return {
    port,
    host: env.HOST || '127.0.0.1',
    databaseUrl,
    dataDir: resolve(env.TOUCHPOINTS_DATA_DIR || 'data'),
    adminEmail,
    adminPassword,
    loginRateLimit: integer(env, 'TOUCHPOINTS_LOGIN_RATE_LIMIT', 10, 1, 100_000),
    apiRateLimit: integer(env, 'TOUCHPOINTS_API_RATE_LIMIT', 6000, 1, 10_000_000),
    ingestRateLimit: integer(env, 'TOUCHPOINTS_INGEST_RATE_LIMIT', 60_000, 1, 10_000_000),
    bodyLimit: integer(env, 'TOUCHPOINTS_BODY_LIMIT', 10 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    publicUrl: (env.TOUCHPOINTS_PUBLIC_URL || `http://localhost:${port}`).replace(/\/$/, ''),
    secureCookies: env.TOUCHPOINTS_SECURE_COOKIES === 'true',
    trustProxy: trustProxy(env.TOUCHPOINTS_TRUST_PROXY),
    sessionIdleMinutes: integer(env, 'TOUCHPOINTS_SESSION_IDLE_MINUTES', 30, 5, 14 * 24 * 60),
    ...secretKeys(env),
    logLevel: env.LOG_LEVEL || 'info',
    retentionIntervalMinutes: integer(env, 'TOUCHPOINTS_RETENTION_INTERVAL_MINUTES', 60, 1, 7 * 24 * 60),
    alertIntervalMinutes: integer(env, 'TOUCHPOINTS_ALERT_INTERVAL_MINUTES', 10, 1, 7 * 24 * 60),
    ...smtp(env),
    photoDir: resolve(env.TOUCHPOINTS_PHOTO_DIR || join(env.TOUCHPOINTS_DATA_DIR || 'data', 'photos')),
    photoMaxBytes: integer(env, 'TOUCHPOINTS_PHOTO_MAX_BYTES', 8 * 1024 * 1024, 1024, 100 * 1024 * 1024),
    shopperRateLimit: integer(env, 'TOUCHPOINTS_SHOPPER_RATE_LIMIT', 120, 1, 100_000),
    shareRateLimit: integer(env, 'TOUCHPOINTS_SHARE_RATE_LIMIT', 120, 1, 100_000),
    surveyAddressRateLimit: integer(env, 'TOUCHPOINTS_SURVEY_ADDRESS_RATE_LIMIT', 120, 1, 10_000_000),
    surveyRateLimit: integer(env, 'TOUCHPOINTS_SURVEY_RATE_LIMIT', 1200, 1, 10_000_000),
  };
}
