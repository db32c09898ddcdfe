import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// snowflake-sdk costs ~0.7 s and 122 MB to load; a process on WAREHOUSE=duckdb must never pay
// that. A fresh Node process (this one has loaded who knows what) imports the package and
// lists which snowflake-sdk files the CommonJS loader holds (ESM imports of a CommonJS package
// go through it too). The second import proves the check would see the driver if it were there.
const CHILD = `
import { createRequire } from 'node:module';
const loaded = () => Object.keys(createRequire(import.meta.url).cache).filter((f) => f.includes('/node_modules/snowflake-sdk/')).length;
const lib = await import('@ledgerline/snowflake');
const warehouse = lib.createSnowflakeWarehouse({ connection: { account: 'acme', username: 'loader', password: 'x' } });
const afterImport = loaded();
await import('snowflake-sdk');
console.log(JSON.stringify({ exports: Object.keys(lib).length, warehouse: warehouse.constructor.name, afterImport, afterDriver: loaded() }));
`;

describe('@ledgerline/snowflake', () => {
  it('does not load snowflake-sdk on import, nor when a warehouse is created, only on connect', () => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD], {
      cwd: process.cwd(),
      encoding: 'utf8',
      env: { ...process.env, SNOWFLAKE_DISABLE_PLATFORM_DETECTION: 'true' },
      timeout: 60_000,
    });
    expect(child.status, child.stderr).toBe(0);
    const report = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
    expect(report.exports).toBeGreaterThan(5);
    expect(report.warehouse).toBe('SnowflakeWarehouse');
    expect(report.afterImport).toBe(0);
    expect(report.afterDriver).toBeGreaterThan(0);
  });
});
