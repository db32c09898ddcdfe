import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AnalyticsUnavailableError } from '@ledgerline/analytics';
import { repoRoot } from '@ledgerline/testing';
import { leaseDuckDb, openDuckDbFiles, withDuckDb } from '../connection/shared-instances.ts';
import { AnalyticsDatabase } from './analytics-database.ts';

/** Another process opening the file read-write, as sync or dbt would. Resolves once it holds the lock (or failed). */
function writerProcess(path: string, holdMs: number): { child: ChildProcess; ready: Promise<'locked' | 'failed'>; exit: Promise<number | null> } {
  const script = `import { DuckDBInstance } from '@duckdb/node-api';
    try { const i = await DuckDBInstance.create(${JSON.stringify(path)}); console.log('locked');
          await new Promise((r) => setTimeout(r, ${holdMs})); i.closeSync(); process.exit(0); }
    catch (e) { console.log('failed'); process.exit(3); }`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: repoRoot(), stdio: ['ignore', 'pipe', 'inherit'] });
  const ready = new Promise<'locked' | 'failed'>((resolve) => child.stdout?.on('data', (d: Buffer) => resolve(d.toString().includes('locked') ? 'locked' : 'failed')));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, ready, exit };
}

describe('AnalyticsDatabase (opening the analytics file)', () => {
  let dir: string;
  let path: string;
  const children: ChildProcess[] = [];
  const count = (db: AnalyticsDatabase) => db.use(async (c) => Number((await c.runAndReadAll('SELECT count(*) AS n FROM t')).getRowObjectsJS()[0]?.n));

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'analytics-db-'));
    path = join(dir, 'a.duckdb');
    await withDuckDb(path, (c) => c.run('CREATE TABLE t AS SELECT * FROM range(3)'));
  });
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens read-only: nothing can be written through it', async () => {
    const db = new AnalyticsDatabase({ path });
    try {
      expect(await count(db)).toBe(3);
      await expect(db.use((c) => c.run('INSERT INTO t VALUES (9)'))).rejects.toThrow(/read-only/);
      await expect(db.use((c) => c.run("SELECT * FROM read_csv('/etc/hostname')"))).rejects.toThrow(/disabled/);
    } finally {
      await db.close();
    }
  });

  it("joins this process' shared instance instead of opening the file a second time", async () => {
    const lease = await leaseDuckDb(path);
    const db = new AnalyticsDatabase({ path });
    try {
      await lease.connection.run('INSERT INTO t VALUES (3)');
      expect(await count(db)).toBe(4);
      expect(openDuckDbFiles()).toEqual([path]);
    } finally {
      await db.close();
      lease.release();
    }
    expect(openDuckDbFiles()).toEqual([]);
  });

  it('keeps other writers out while open, and lets them in after idleCloseMs', async () => {
    const holding = new AnalyticsDatabase({ path });
    expect(await count(holding)).toBe(3);
    const blocked = writerProcess(path, 0);
    children.push(blocked.child);
    expect(await blocked.ready).toBe('failed');
    await holding.close();

    const idle = new AnalyticsDatabase({ path, idleCloseMs: 200 });
    try {
      expect(await count(idle)).toBe(3);
      await new Promise((r) => setTimeout(r, 600)); // idle: the file is closed
      const writer = writerProcess(path, 0);
      children.push(writer.child);
      expect(await writer.ready).toBe('locked');
      expect(await writer.exit).toBe(0);
      expect(await count(idle)).toBe(3); // reopens on demand
    } finally {
      await idle.close();
    }
  });

  it('waits for a writer to finish, or says the file is locked', async () => {
    const writer = writerProcess(path, 1_500);
    children.push(writer.child);
    expect(await writer.ready).toBe('locked');
    const impatient = new AnalyticsDatabase({ path, lockWaitMs: 100 });
    await expect(count(impatient)).rejects.toThrow(AnalyticsUnavailableError);
    await expect(count(impatient)).rejects.toThrow(/locked by another process/);
    const patient = new AnalyticsDatabase({ path, lockWaitMs: 30_000 });
    try {
      expect(await count(patient)).toBe(3);
    } finally {
      await patient.close();
      await impatient.close();
    }
  });

  it('explains a missing file and an unreadable one', async () => {
    await expect(count(new AnalyticsDatabase({ path: join(dir, 'none.duckdb') }))).rejects.toThrow(/run `analytics sync` first/);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'bad.duckdb'), 'not a database at all'.repeat(1000));
    await expect(count(new AnalyticsDatabase({ path: join(dir, 'bad.duckdb') }))).rejects.toThrow(/sync --full. rebuilds it/);
  });
});
