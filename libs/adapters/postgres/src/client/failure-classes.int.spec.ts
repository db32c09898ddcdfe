import { createServer } from 'node:net';
import { TerminalError, TransientError } from '@ledgerline/transactions';
import { describe, expect, it } from 'vitest';
import { openPostgres } from '../adapter.ts';

/** A port nothing listens on: bound, then closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// The verdicts on the real drivers' errors, as the callers (sink, sync, batch) receive them.
describe('PostgreSQL adapter errors (real drivers)', () => {
  it('an unreachable server is transient, from the factory already', async () => {
    const port = await closedPort();
    const opening = openPostgres({ url: `postgres://ledgerline:secret@127.0.0.1:${port}/ledgerline` });
    await expect(opening).rejects.toBeInstanceOf(TransientError);
    await expect(opening).rejects.toThrow(/ECONNREFUSED/);
  });

  it('an unknown table (migrations not run) is terminal on PGlite, inside and outside a transaction', async () => {
    const postgres = await openPostgres({ pgliteDir: 'memory://' });
    try {
      await expect(postgres.store.sql.query('SELECT * FROM no_such_table')).rejects.toBeInstanceOf(TerminalError);
      await expect(postgres.store.sql.transaction((tx) => tx.query('SELECT * FROM no_such_table'))).rejects.toBeInstanceOf(TerminalError);
    } finally {
      await postgres.close();
    }
  });
});
