import path from 'node:path';

/** Centric's configuration, parsed once at start from the environment. */
export interface Config {
  host: string;
  port: number;
  /** Where embedded PostgreSQL and other local state live (`./data` by default). */
  dataDir: string;
  /** When set, Centric uses this PostgreSQL server and starts nothing. */
  databaseUrl: string | null;
  adminEmail: string | null;
  adminPassword: string | null;
  /** Cookies get the Secure flag (set when Centric is served over HTTPS). */
  secureCookies: boolean;
  /** Trust X-Forwarded-* from a reverse proxy (for client address and HTTPS detection). */
  trustProxy: boolean;
  sessionTtlHours: number;
  bodyLimitBytes: number;
  /** Largest customer import file (CSV or XLSX) accepted by POST /api/customer-imports; streamed, never held whole. */
  importLimitBytes: number;
  /**
   * Signs links that work without sign-in (rating links). Null: one is generated on first start and
   * kept in the database's `settings` table, so every instance on that database shares it.
   */
  secret: string | null;
  /**
   * The address customers reach Centric at (e.g. https://service.example.com), for links sent to
   * them. Null: taken from the request, whose Host header a caller can forge.
   */
  publicUrl: string | null;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /**
   * The token a metrics scraper sends as `Authorization: Bearer <token>` to read /metrics. Null: /metrics
   * answers 404, since the figures (routes, volumes, process details) are nobody else's business.
   */
  metricsToken: string | null;
  /** `public`: the API reference (/api/docs and /api/openapi.json) is served to anyone; `off`: 404. */
  apiDocs: 'public' | 'off';
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function readInt(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw.trim());
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function readBool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const v = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Parses and validates the environment; throws ConfigError naming the variable at fault. */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl) {
    let url: URL;
    try {
      url = new URL(databaseUrl);
    } catch {
      throw new ConfigError('DATABASE_URL', 'is not a valid URL (expected postgres://user:password@host:5432/database)');
    }
    if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
      throw new ConfigError('DATABASE_URL', `must start with postgres:// or postgresql://, got "${url.protocol}//"`);
    }
  }
  const adminEmail = env.CENTRIC_ADMIN_EMAIL?.trim() || null;
  if (adminEmail && !/^[^\s@]+@[^\s@]+$/.test(adminEmail)) {
    throw new ConfigError('CENTRIC_ADMIN_EMAIL', `is not an email address: "${adminEmail}"`);
  }
  const adminPassword = env.CENTRIC_ADMIN_PASSWORD || null;
  if (adminPassword !== null && adminPassword.length < 8) {
    throw new ConfigError('CENTRIC_ADMIN_PASSWORD', 'must be at least 8 characters long');
  }
  const logLevel = (env.LOG_LEVEL?.trim() || 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  }
  const secret = env.CENTRIC_SECRET?.trim() || null;
  // 32 characters of a random string is ~190 bits or more; shorter could be guessed offline from one link.
  if (secret !== null && secret.length < 32) {
    throw new ConfigError('CENTRIC_SECRET', 'must be at least 32 characters long (e.g. the output of `openssl rand -base64 32`)');
  }
  const publicUrl = readPublicUrl(env.CENTRIC_PUBLIC_URL);
  const metricsToken = env.CENTRIC_METRICS_TOKEN?.trim() || null;
  if (metricsToken !== null && !/^[A-Za-z0-9._~+/=-]{24,200}$/.test(metricsToken)) {
    throw new ConfigError('CENTRIC_METRICS_TOKEN', 'must be 24 to 200 characters of letters, digits and ._~+/=- (e.g. the output of `openssl rand -hex 24`)');
  }
  const apiDocs = (env.CENTRIC_API_DOCS?.trim().toLowerCase() || 'public') as Config['apiDocs'];
  if (apiDocs !== 'public' && apiDocs !== 'off') throw new ConfigError('CENTRIC_API_DOCS', `must be public or off, got "${env.CENTRIC_API_DOCS}"`);
  const host = env.HOST?.trim() || '127.0.0.1';
  return {
    host,
    port: readInt(env, 'PORT', 3000, 0, 65535),
    dataDir: path.resolve(cwd, env.CENTRIC_DATA_DIR?.trim() || 'data'),
    databaseUrl,
    adminEmail,
    adminPassword,
    secureCookies: readBool(env, 'CENTRIC_SECURE_COOKIES', false),
    trustProxy: readBool(env, 'CENTRIC_TRUST_PROXY', false),
    sessionTtlHours: readInt(env, 'CENTRIC_SESSION_TTL_HOURS', 12, 1, 24 * 90),
    bodyLimitBytes: readInt(env, 'CENTRIC_BODY_LIMIT_BYTES', 1_048_576, 1024, 100 * 1_048_576),
    importLimitBytes: readInt(env, 'CENTRIC_IMPORT_LIMIT_BYTES', 50 * 1_048_576, 1024, 1024 * 1_048_576),
    secret,
    publicUrl,
    logLevel,
    metricsToken,
    apiDocs,
  };
}

/** An http(s) origin, optionally with a path prefix; kept without the trailing slash. */
function readPublicUrl(raw: string | undefined): string | null {
  const value = raw?.trim();
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('CENTRIC_PUBLIC_URL', `is not a valid URL (expected e.g. https://service.example.com), got "${value}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError('CENTRIC_PUBLIC_URL', `must start with https:// or http://, got "${url.protocol}//"`);
  if (url.search || url.hash || url.username || url.password) throw new ConfigError('CENTRIC_PUBLIC_URL', 'must be a plain address without user, query or fragment');
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}
