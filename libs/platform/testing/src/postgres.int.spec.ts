import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, startPostgres, type TestDatabase } from './index.ts';

describe('Postgres harness', () => {
  const created: TestDatabase[] = [];
  afterAll(async () => {
    for (const db of created) await db.drop();
  });

  it('round-trips SQL through a fresh database with logical WAL enabled', async () => {
    const db = await createTestDatabase('harness_smoke');
    created.push(db);
    expect(new URL(db.url).pathname).toBe(`/${db.name}`);

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await client.query('CREATE TABLE notes (id int PRIMARY KEY, amount numeric(15,2) NOT NULL)');
      await client.query('INSERT INTO notes VALUES ($1, $2), ($3, $4)', [1, '12.30', 2, '0.05']);
      const { rows } = await client.query<{ total: string; db: string; wal: string }>(
        "SELECT sum(amount)::text AS total, current_database() AS db, current_setting('wal_level') AS wal FROM notes",
      );
      expect(rows).toEqual([{ total: '12.35', db: db.name, wal: 'logical' }]);
    } finally {
      await client.end();
    }
  });

  it('gives every call its own database and drops it', async () => {
    const [a, b] = await Promise.all([createTestDatabase('harness_iso'), createTestDatabase('harness_iso')]);
    if (!a || !b) throw new Error('expected two databases');
    expect(a.name).not.toBe(b.name);
    await a.drop();
    await b.drop();

    const admin = new pg.Client({ connectionString: (await startPostgres()).url });
    await admin.connect();
    try {
      const { rows } = await admin.query('SELECT datname FROM pg_database WHERE datname = ANY($1)', [[a.name, b.name]]);
      expect(rows).toEqual([]);
    } finally {
      await admin.end();
    }
  });
});
