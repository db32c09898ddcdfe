import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, envSchema, loadConfig } from './index.ts';

describe('loadConfig', () => {
  it('applies embedded defaults when nothing is set', () => {
    const config = loadConfig({ env: {}, dotenvPath: false });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.KAFKA_BROKERS).toBeUndefined();
    expect(config.WAREHOUSE).toBe('duckdb');
    expect(config.SYNC_INTERVAL_SECONDS).toBe(30);
    expect(config.DBT_ENABLED).toBe(true);
  });

  it('coerces and validates typed values', () => {
    const config = loadConfig({
      env: { DATABASE_URL: 'postgres://u@localhost:5432/db', KAFKA_BROKERS: 'a:9092,b:9093', DBT_ENABLED: 'no' },
      dotenvPath: false,
    });
    expect(config.DATABASE_URL).toBe('postgres://u@localhost:5432/db');
    expect(config.KAFKA_BROKERS).toBe('a:9092,b:9093');
    expect(config.DBT_ENABLED).toBe(false);
  });

  it('fails fast naming every invalid variable', () => {
    let error: unknown;
    try {
      loadConfig({ env: { SYNC_INTERVAL_SECONDS: 'soon', KAFKA_BROKERS: 'nohostport', WAREHOUSE: 'oracle' }, dotenvPath: false });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const variables = (error as ConfigError).problems.map((p) => p.variable).sort();
    expect(variables).toEqual(['KAFKA_BROKERS', 'SYNC_INTERVAL_SECONDS', 'WAREHOUSE']);
    expect((error as Error).message).toContain('SYNC_INTERVAL_SECONDS');
  });

  it('reads .env under the real environment, which wins', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    const file = join(dir, '.env');
    writeFileSync(file, 'SYNC_INTERVAL_SECONDS=5\nGENERATOR_SEED=7\nLOG_LEVEL=\n');
    const config = loadConfig({ env: { GENERATOR_SEED: '9' }, dotenvPath: file });
    expect(config.SYNC_INTERVAL_SECONDS).toBe(5);
    expect(config.GENERATOR_SEED).toBe(9);
    expect(config.LOG_LEVEL).toBe('info');
  });

  it('.env.example documents exactly the variables the schema reads', () => {
    const example = readFileSync(join(__dirname, '../../../../.env.example'), 'utf8');
    const documented = [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]).sort();
    expect(documented).toEqual(Object.keys(envSchema.shape).sort());
  });
});
