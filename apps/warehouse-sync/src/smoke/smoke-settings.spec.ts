import { describe, expect, it } from 'vitest';
import { loadConfig as loadEnv } from '@ledgerline/config';
import { parseSmokeArgs } from './smoke-args.ts';
import { SmokeConfigError, smokeSettingsFromEnv } from './smoke-settings.ts';

const loadConfig = (env: Record<string, string>) => loadEnv({ env, dotenvPath: false });
const base = { SNOWFLAKE_ACCOUNT: 'acme-eu', SNOWFLAKE_USER: 'LOADER', SNOWFLAKE_ROLE: 'TRANSFORMER', SNOWFLAKE_WAREHOUSE: 'XS_WH' };

describe('smokeSettingsFromEnv', () => {
  it('refuses without credentials, naming the variables and never a value', () => {
    expect(() => smokeSettingsFromEnv(loadConfig({}))).toThrow(SmokeConfigError);
    expect(() => smokeSettingsFromEnv(loadConfig({}))).toThrow(/SNOWFLAKE_ACCOUNT is not set; SNOWFLAKE_USER is not set/);
  });

  it('needs a role and a warehouse, which dbt requires', () => {
    expect(() => smokeSettingsFromEnv(loadConfig({ ...base, SNOWFLAKE_PASSWORD: 'pw', SNOWFLAKE_ROLE: '', SNOWFLAKE_WAREHOUSE: '' }))).toThrow(
      /needs SNOWFLAKE_ROLE and SNOWFLAKE_WAREHOUSE/,
    );
  });

  it('passes key-pair auth to dbt and the mart comparison, with the scratch RAW schema and no emulator endpoint', () => {
    const settings = smokeSettingsFromEnv(loadConfig({ ...base, SNOWFLAKE_PRIVATE_KEY_PATH: '/keys/rsa_key.p8', SNOWFLAKE_PRIVATE_KEY_PASSPHRASE: 'secret' }));
    expect(settings.connection).toMatchObject({ privateKeyPath: '/keys/rsa_key.p8', password: undefined });
    const env = settings.pythonEnv('LEDGERLINE_SMOKE_X_RAW');
    expect(env).toMatchObject({
      SNOWFLAKE_PRIVATE_KEY_PATH: '/keys/rsa_key.p8',
      SNOWFLAKE_PRIVATE_KEY_PASSPHRASE: 'secret',
      SNOWFLAKE_ROLE: 'TRANSFORMER',
      SNOWFLAKE_WAREHOUSE: 'XS_WH',
      SNOWFLAKE_SCHEMA: 'LEDGERLINE_SMOKE_X_RAW',
      SNOWFLAKE_QUERY_TAG: 'ledgerline:snowflake-smoke:dbt',
    });
    expect(env).not.toHaveProperty('SNOWFLAKE_PASSWORD');
    expect(env).not.toHaveProperty('SNOWFLAKE_HOST');
  });

  it('points dbt at an emulator the Node driver reaches through SNOWFLAKE_ACCESS_URL', () => {
    const settings = smokeSettingsFromEnv(loadConfig({ ...base, SNOWFLAKE_PASSWORD: 'pw', SNOWFLAKE_ACCESS_URL: 'http://127.0.0.1:4321' }));
    expect(settings.pythonEnv('R')).toMatchObject({ SNOWFLAKE_HOST: '127.0.0.1', SNOWFLAKE_PORT: '4321', SNOWFLAKE_PROTOCOL: 'http', SNOWFLAKE_PASSWORD: 'pw' });
  });
});

describe('parseSmokeArgs', () => {
  it('syncs 10,000 rows and drops the schemas by default', () => {
    expect(parseSmokeArgs([])).toEqual({ rows: 10_000, keepSchema: false, help: false });
    expect(parseSmokeArgs(['--rows', '2000', '--keep-schema'])).toEqual({ rows: 2_000, keepSchema: true, help: false });
  });
  it('rejects unknown options and row counts out of range', () => {
    expect(() => parseSmokeArgs(['--row', '5'])).toThrow(/row/);
    expect(() => parseSmokeArgs(['--rows', '10'])).toThrow(/--rows/);
    expect(() => parseSmokeArgs(['--rows', 'many'])).toThrow(/--rows/);
  });
});
