import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDuckDbFiles } from '../connection/shared-instances.ts';
import { probeDuckDb } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'duckdb-probe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('probeDuckDb (the apps\' tests read DuckDB through it)', () => {
  it('runs statements, reads rows and scalars, and holds the file only during a call', async () => {
    const path = join(dir, 'warehouse.duckdb');
    const probe = probeDuckDb(path);
    await probe.run(`CREATE SCHEMA raw; CREATE TABLE raw.t (id BIGINT, amount DECIMAL(15,2), note VARCHAR); INSERT INTO raw.t VALUES (1, 12.30, 'a'), (2, 0.05, NULL)`);
    expect(await probe.rows('SELECT id, amount, note FROM raw.t ORDER BY id')).toEqual([
      { id: 1n, amount: 12.3, note: 'a' },
      { id: 2n, amount: 0.05, note: null },
    ]);
    expect(await probe.scalar('SELECT count(*) FROM raw.t')).toBe(2n);
    expect(await probe.scalar('SELECT id FROM raw.t WHERE false')).toBeUndefined();
    expect(openDuckDbFiles()).not.toContain(path);
    // A read-only probe opens an instance of its own (the file is free between calls).
    expect(await probeDuckDb(path, { readOnly: true }).scalar('SELECT sum(id) FROM raw.t')).toBe(3n);
    await expect(probeDuckDb(path, { readOnly: true }).run('DELETE FROM raw.t')).rejects.toThrow(/read-only/i);
  });

  it('passes a failure on with DuckDB\'s reason', async () => {
    await expect(probeDuckDb(join(dir, 'empty.duckdb')).rows('SELECT * FROM raw.missing')).rejects.toThrow(/does not exist/);
  });

  it("writes and reads Parquet on ':memory:' without leaving a database file", async () => {
    const file = join(dir, 'rows.parquet');
    await probeDuckDb(':memory:').run(`COPY (SELECT range AS "offset", 'c' AS op FROM range(3)) TO '${file}' (FORMAT parquet)`);
    expect(await probeDuckDb(':memory:').rows(`SELECT "offset", op FROM read_parquet('${file}') ORDER BY 1`)).toEqual([
      { offset: 0n, op: 'c' },
      { offset: 1n, op: 'c' },
      { offset: 2n, op: 'c' },
    ]);
    expect(openDuckDbFiles().some((f) => f.endsWith(':memory:'))).toBe(false);
  });
});
