import { afterAll, describe, expect, it } from 'vitest';
import { describeFlowRunnerContract } from '@ledgerline/flows/testing';
import { openPgBossFlowRunner } from '@ledgerline/pg-boss';
import { openPostgres, type PooledDatabase, type PostgresAdapter } from '@ledgerline/postgres';

// The main job's embedded wiring: pg-boss on the operational store's one PGlite connection (its
// `jobDatabase`), as container.ts binds it. One store for the file: PGlite boots slowly here (~20 s
// on a loaded machine), and every case uses table and flow names of its own.
let shared: Promise<PostgresAdapter> | undefined;
const embedded = () =>
  (shared ??= openPostgres({ pgliteDir: 'memory://' }).then(async (p) => {
    await p.store.migrate();
    return p;
  }));
afterAll(async () => {
  await (await shared)?.close();
});

function handleOf(postgres: PostgresAdapter): PooledDatabase {
  if (!('database' in postgres.jobDatabase)) throw new Error('PGlite should hand the job library a database handle, not a URL');
  return postgres.jobDatabase.database;
}

// Fault: a second client of the same PGlite session would run its statements inside whatever
// transaction the store has open, and lose them when that transaction rolls back. Through the
// store's pool a statement waits for the transaction to end and is its own.
describe('jobDatabase on PGlite: the job library’s statements wait for the store’s transaction instead of joining it', () => {
  it('a statement issued during a store transaction that rolls back runs after it, and is kept', async () => {
    const postgres = await embedded();
    const db = handleOf(postgres);
    await db.executeSql('CREATE TABLE job_probe (id int)');
    const order: string[] = [];
    let inside!: () => void;
    const entered = new Promise<void>((resolve) => (inside = resolve));
    const rolledBack = postgres.store
      .withTransaction(async (tx) => {
        await tx.upsertCustomers([]);
        inside();
        await new Promise((resolve) => setTimeout(resolve, 400));
        order.push('store transaction ends');
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await entered;
    const insert = db.executeSql('INSERT INTO job_probe VALUES ($1) RETURNING id', [1]).then((r) => {
      order.push('job statement done');
      return r;
    });
    await Promise.all([rolledBack, insert]);
    expect(order).toEqual(['store transaction ends', 'job statement done']);
    expect((await insert).rows).toEqual([{ id: 1 }]);
    expect((await db.executeSql('SELECT count(*)::int AS n FROM job_probe')).rows).toEqual([{ n: 1 }]);
  }, 120_000);

  it("runs a library's multi-statement block whole and returns the rows of its RETURNING", async () => {
    const db = handleOf(await embedded());
    expect((await db.executeSql('BEGIN; INSERT INTO job_probe VALUES (2) RETURNING id; COMMIT;')).rows).toEqual([{ id: 2 }]);
  }, 120_000);
});

describeFlowRunnerContract('pg-boss on the embedded store (PGlite, one connection)', {
  multipleWorkers: false,
  newStore: async () => {
    const postgres = await embedded();
    return {
      runner: async () => openPgBossFlowRunner(postgres.jobDatabase, { pollingIntervalSeconds: 0.5 }).runner,
      drop: async () => undefined,
    };
  },
});
