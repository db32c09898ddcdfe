import { loadConfig } from '@ledgerline/config';
import { describe, expect, it } from 'vitest';
import { dashboardLine, whereToLook } from './where-to-look.ts';

describe('whereToLook', () => {
  it('names the embedded data files and how to ask the agent', () => {
    const lines = whereToLook(loadConfig({ env: { DATA_DIR: '/tmp/ll', WAREHOUSE: 'duckdb' }, dotenvPath: false })).join('\n');
    expect(lines).toContain('/tmp/ll/pglite');
    expect(lines).toContain('/tmp/ll/warehouse.duckdb');
    expect(lines).toContain('/tmp/ll/incoming');
    expect(lines).toContain('npm run ask -- "');
  });

  it('leaves out what a real service holds', () => {
    const lines = whereToLook(loadConfig({ env: { DATA_DIR: '/tmp/ll', DATABASE_URL: 'postgres://x@db/ledger', WAREHOUSE: 'snowflake' }, dotenvPath: false })).join('\n');
    expect(lines).not.toContain('pglite');
    expect(lines).not.toContain('warehouse.duckdb');
  });
});

describe('dashboardLine', () => {
  it('gives the URL the main job serves the dashboard on, or says why not', () => {
    expect(dashboardLine({ url: 'http://127.0.0.1:4300', syncIntervalSeconds: 30 })).toMatch(/^ {2}dashboard\s+http:\/\/127\.0\.0\.1:4300 .*within ~30s/);
    expect(dashboardLine({ off: '--no-dashboard' })).toMatch(/dashboard\s+not served here \(--no-dashboard\); `npm run dashboard`/);
  });
});
