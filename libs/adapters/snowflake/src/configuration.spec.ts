import { describe, expect, it } from 'vitest';
import { envSchema } from '@ledgerline/config';
import { snowflakeConfigFromEnv, snowflakeConfigSchema } from './configuration.ts';

describe('snowflakeConfigSchema', () => {
  it('fills the Ledgerline defaults', () => {
    expect(snowflakeConfigSchema.parse({ account: 'acme', username: 'loader', password: 'x' })).toMatchObject({
      database: 'LEDGERLINE',
      schema: 'RAW',
      maxLoginRetries: 7,
      driverLogLevel: 'OFF',
    });
  });

  it('needs exactly one of password and private key', () => {
    expect(snowflakeConfigSchema.safeParse({ account: 'acme', username: 'loader' }).success).toBe(false);
    expect(snowflakeConfigSchema.safeParse({ account: 'acme', username: 'loader', password: 'x', privateKeyPath: '/k.p8' }).success).toBe(false);
    expect(snowflakeConfigSchema.safeParse({ account: 'acme', username: 'loader', privateKeyPath: '/k.p8' }).success).toBe(true);
  });

  it('rejects an access URL that is not a URL', () => {
    expect(snowflakeConfigSchema.safeParse({ account: 'acme', username: 'loader', password: 'x', accessUrl: 'localhost:1' }).success).toBe(false);
  });
});

describe('snowflakeConfigFromEnv', () => {
  it('maps the SNOWFLAKE_* variables', () => {
    const env = envSchema.parse({
      SNOWFLAKE_ACCOUNT: 'acme',
      SNOWFLAKE_USER: 'loader',
      SNOWFLAKE_PRIVATE_KEY_PATH: '/keys/loader.p8',
      SNOWFLAKE_WAREHOUSE: 'LOAD_WH',
      SNOWFLAKE_ACCESS_URL: 'http://127.0.0.1:4567',
    });
    expect(snowflakeConfigFromEnv(env)).toMatchObject({
      account: 'acme',
      username: 'loader',
      privateKeyPath: '/keys/loader.p8',
      warehouse: 'LOAD_WH',
      database: 'LEDGERLINE',
      schema: 'RAW',
      accessUrl: 'http://127.0.0.1:4567',
    });
  });

  it('fails loudly when the account is not configured, naming the variables', () => {
    expect(() => snowflakeConfigFromEnv(envSchema.parse({}))).toThrow(
      'Snowflake is not configured: SNOWFLAKE_ACCOUNT is not set; SNOWFLAKE_USER is not set. Set SNOWFLAKE_ACCOUNT, SNOWFLAKE_USER and one of',
    );
    const both = envSchema.parse({ SNOWFLAKE_ACCOUNT: 'acme', SNOWFLAKE_USER: 'loader', SNOWFLAKE_PASSWORD: 'x', SNOWFLAKE_PRIVATE_KEY_PATH: '/k.p8' });
    expect(() => snowflakeConfigFromEnv(both)).toThrow('SNOWFLAKE_PASSWORD is invalid (set exactly one of password and privateKeyPath)');
  });
});
