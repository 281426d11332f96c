import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('defaults to 127.0.0.1:3000 and ./data', () => {
    const c = loadConfig({}, '/srv/centric');
    expect(c).toMatchObject({ host: '127.0.0.1', port: 3000, dataDir: '/srv/centric/data', databaseUrl: null, secureCookies: false });
  });

  it.each([
    ['PORT', 'eighty', /PORT: must be a whole number/],
    ['PORT', '70000', /PORT: must be between 0 and 65535/],
    ['DATABASE_URL', 'mysql://x@y/z', /DATABASE_URL: must start with postgres:\/\//],
    ['DATABASE_URL', 'not a url', /DATABASE_URL: is not a valid URL/],
    ['CENTRIC_ADMIN_EMAIL', 'nobody', /CENTRIC_ADMIN_EMAIL: is not an email address/],
    ['CENTRIC_ADMIN_PASSWORD', 'short', /CENTRIC_ADMIN_PASSWORD: must be at least 8/],
    ['CENTRIC_SECURE_COOKIES', 'maybe', /CENTRIC_SECURE_COOKIES: must be true or false/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL: must be one of/],
  ])('refuses %s=%s with a message naming the variable', (name, value, message) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(name);
    expect((error as Error).message).toMatch(message);
  });

  it('reads the documented variables', () => {
    const c = loadConfig({ HOST: '0.0.0.0', PORT: '8080', DATABASE_URL: 'postgres://u:p@db:5432/centric', CENTRIC_SECURE_COOKIES: 'true', CENTRIC_TRUST_PROXY: 'yes', CENTRIC_DATA_DIR: '/var/lib/centric' });
    expect(c).toMatchObject({ host: '0.0.0.0', port: 8080, databaseUrl: 'postgres://u:p@db:5432/centric', secureCookies: true, trustProxy: true, dataDir: '/var/lib/centric' });
  });
});
