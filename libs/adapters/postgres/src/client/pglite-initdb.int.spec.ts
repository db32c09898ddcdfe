import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { silentLogger } from '@ledgerline/logging';
import { startPgliteServer } from './pglite-server.ts';

// A new PGlite cluster is copied from a template made by a child process (pglite-initdb.ts), so
// the opening process never runs initdb; a crash leaves no half cluster behind.
describe('a new PGlite cluster', () => {
  const root = mkdtempSync(join(tmpdir(), 'pglite-initdb-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is created whole beside what a crashed run left, and opens and answers', async () => {
    const dir = join(root, 'pglite');
    mkdirSync(dir); // an empty directory is fine
    // What a run killed while copying leaves: a partial staging directory.
    mkdirSync(join(root, 'pglite.initdb-999999', 'base'), { recursive: true });
    writeFileSync(join(root, 'pglite.initdb-999999', 'base', 'partial'), 'x');

    const endpoint = await startPgliteServer(dir, silentLogger);
    try {
      const client = new pg.Client({ host: endpoint.host, port: endpoint.port, user: endpoint.username, database: endpoint.database });
      await client.connect();
      try {
        const { rows } = await client.query<{ n: number }>("select count(*)::int as n from pg_database where datname in ('postgres', 'template1')");
        expect(rows[0]?.n).toBe(2);
        await client.query('create table t (id int primary key)');
        await client.query('insert into t values (1)');
      } finally {
        await client.end();
      }
    } finally {
      await endpoint.close();
    }
    expect(existsSync(join(dir, 'PG_VERSION'))).toBe(true);
    expect(readdirSync(root).filter((name) => name.includes('.initdb-'))).toEqual([]);

    // The copy is this directory's own: a second open sees its table, and a second new cluster does not.
    const again = await startPgliteServer(dir, silentLogger);
    const other = await startPgliteServer(join(root, 'other'), silentLogger);
    try {
      const count = async (e: typeof again) => {
        const client = new pg.Client({ host: e.host, port: e.port, user: e.username, database: e.database });
        await client.connect();
        try {
          return (await client.query<{ n: number }>("select count(*)::int as n from pg_tables where tablename = 't'")).rows[0]?.n;
        } finally {
          await client.end();
        }
      };
      expect(await count(again)).toBe(1);
      expect(await count(other)).toBe(0);
    } finally {
      await again.close();
      await other.close();
    }
  });

  it('is refused over a directory that holds files but no cluster, and the files are kept', async () => {
    const dir = join(root, 'not-a-cluster');
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.txt'), 'keep me');
    await expect(startPgliteServer(dir, silentLogger)).rejects.toThrow(/holds files but no PostgreSQL cluster \(no PG_VERSION\)/);
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });
});
