import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TerminalError, TransientError } from '@ledgerline/transactions';
import { afterAll, describe, expect, it } from 'vitest';
import { duckDbFailureKind } from './duckdb-failures.ts';
import { withDuckDb } from './shared-instances.ts';

const dir = mkdtempSync(join(tmpdir(), 'ledgerline-duckdb-failures-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The verdicts on DuckDB's real errors, as the warehouse sync and analytics receive them.
describe('DuckDB failure classes', () => {
  it('calls an unknown table and a bad cast terminal', async () => {
    const path = join(dir, 'terminal.duckdb');
    await expect(withDuckDb(path, (db) => db.run('SELECT * FROM raw.no_such_table'))).rejects.toBeInstanceOf(TerminalError);
    await expect(withDuckDb(path, (db) => db.run(`SELECT CAST('x' AS INTEGER)`))).rejects.toBeInstanceOf(TerminalError);
    await expect(withDuckDb(path, (db) => db.run('SELEC 1'))).rejects.toThrow(/Parser Error/);
  });

  it('calls the file locked by another process transient', async () => {
    const python = resolve(import.meta.dirname, '../../../../../.venv/bin/python');
    if (!existsSync(python)) return; // the project venv (setup) supplies the other process
    const path = join(dir, 'locked.duckdb');
    const holder = spawn(python, ['-c', 'import duckdb,sys,time; c=duckdb.connect(sys.argv[1]); print("held", flush=True); time.sleep(60)', path]);
    try {
      await new Promise<void>((ready, fail) => {
        holder.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('held') && ready());
        holder.on('exit', (code) => fail(new Error(`lock holder exited early (${code})`)));
      });
      const opening = withDuckDb(path, (db) => db.run('SELECT 1'));
      await expect(opening).rejects.toBeInstanceOf(TransientError);
      await expect(opening).rejects.toThrow(/lock/i);
    } finally {
      holder.kill();
    }
    expect(duckDbFailureKind(new Error('TransactionContext Error: Catalog write-write conflict on alter with "t"'))).toBe('transient');
  });
});
