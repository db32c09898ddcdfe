import { describe, expect, it } from 'vitest';
import { loadConfig, redactUrl } from '@ledgerline/config';
import { planAdapters } from './adapter-plan.ts';

describe('planAdapters', () => {
  it('uses embedded defaults for every port when nothing is configured', () => {
    const plan = planAdapters(loadConfig({ env: {}, dotenvPath: false }));
    expect(plan.every((p) => p.embedded)).toBe(true);
    expect(plan.find((p) => p.port === 'TransactionStore')?.adapter).toMatch(/PGlite/);
  });

  it('switches each port independently by its variable, never showing secrets', () => {
    const plan = planAdapters(
      loadConfig({
        env: { DATABASE_URL: 'postgres://app:s3cret@db:5432/ledgerline', KAFKA_BROKERS: 'k:9092', GOOGLE_API_KEY: 'key-xyz' },
        dotenvPath: false,
      }),
    );
    const byPort = Object.fromEntries(plan.map((p) => [p.port, p]));
    expect(byPort.TransactionStore?.adapter).toContain('postgres://app:***@db:5432/ledgerline');
    expect(byPort.EventBus?.embedded).toBe(false);
    expect(byPort.ChatModel?.adapter).toMatch(/Gemini/);
    expect(byPort.Warehouse?.embedded).toBe(true);
    expect(JSON.stringify(plan)).not.toContain('s3cret');
    expect(JSON.stringify(plan)).not.toContain('key-xyz');
  });

  it('redacts passwords in URLs', () => {
    expect(redactUrl('postgres://u:p@h/db')).toBe('postgres://u:***@h/db');
    expect(redactUrl('not a url')).toBe('(unparseable URL)');
  });
});
