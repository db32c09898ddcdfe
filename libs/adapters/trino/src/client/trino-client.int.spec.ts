import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TerminalError, TransientError } from '@ledgerline/transactions';
import { startTrino, uniqueName } from '@ledgerline/testing';
import { TrinoClient } from './trino-client.ts';
import { bindPositional } from './trino-literals.ts';

// The HTTP client against the real server: binding, big integers, the read-only transaction that
// backs the SQL guard, and the failure classes. Tables live in the always-present memory catalog.
describe('TrinoClient', () => {
  let client: TrinoClient;
  let schema: string;
  beforeAll(async () => {
    // A cold JVM on a busy machine takes far longer than the 30 s default for its first statements.
    client = new TrinoClient({ url: (await startTrino()).url, user: 'ledgerline-test', timeoutMs: 120_000 });
    schema = `memory.${uniqueName('client')}`;
    await client.run(`CREATE SCHEMA ${schema}`);
    await client.run(`CREATE TABLE ${schema}.notes (id bigint, body varchar)`);
    await client.run(`INSERT INTO ${schema}.notes VALUES (1, 'kept')`);
  });
  afterAll(async () => {
    await client.run(`DROP TABLE IF EXISTS ${schema}.notes`);
    await client.run(`DROP SCHEMA IF EXISTS ${schema}`);
  });

  it('binds values as literals only: a quote in a value stays in the value', async () => {
    const evil = "x' OR '1' = '1";
    const bound = bindPositional(`SELECT count(*) AS n, $1 AS echo FROM ${schema}.notes WHERE body = $1 OR id = $2`, [evil, 7]);
    const result = await client.run(bound);
    expect(result.rows).toEqual([[0, evil]]);
  });

  it('keeps BIGINT values beyond 2^53 exact', async () => {
    const result = await client.run('SELECT CAST(9007199254740993 AS BIGINT) AS big, 42 AS small');
    expect(result.rows[0]).toEqual([9007199254740993n, 42]);
  });

  it('runs ad-hoc SQL in a READ ONLY transaction: Trino refuses a write there, and nothing changes', async () => {
    await expect(client.runReadOnly(`INSERT INTO ${schema}.notes VALUES (2, 'sneaked in')`)).rejects.toSatisfy(
      (error: unknown) => error instanceof TerminalError && /READ_ONLY_VIOLATION|read-only/i.test(error.message),
    );
    await expect(client.runReadOnly(`CREATE TABLE ${schema}.other AS SELECT 1 AS x`)).rejects.toBeInstanceOf(TerminalError);
    expect((await client.runReadOnly(`SELECT id, body FROM ${schema}.notes`)).rows).toEqual([[1, 'kept']]);
  });

  it('sends the session properties it was given with every statement', async () => {
    const tuned = new TrinoClient({ url: client.url, user: 'ledgerline-test', timeoutMs: 120_000, session: { join_distribution_type: 'BROADCAST' } });
    const shown = await tuned.run("SHOW SESSION LIKE 'join_distribution_type'");
    expect(shown.rows[0]?.slice(0, 2)).toEqual(['join_distribution_type', 'BROADCAST']);
  });

  it('stops reading at maxRows', async () => {
    const result = await client.run('SELECT x FROM UNNEST(sequence(1, 10000)) AS t(x) CROSS JOIN UNNEST(sequence(1, 10)) AS u(y) ORDER BY x', { maxRows: 3 });
    expect(result.rows).toEqual([[1], [1], [1]]);
  });

  it('classifies failures: a refused statement is terminal, an unreachable server transient', async () => {
    await expect(client.run('SELECT * FROM memory.no_such_schema.no_such_table')).rejects.toBeInstanceOf(TerminalError);
    await expect(client.run('SELEC 1')).rejects.toBeInstanceOf(TerminalError);
    const closed = new TrinoClient({ url: `http://127.0.0.1:${await closedPort()}`, user: 'x', timeoutMs: 2000 });
    await expect(closed.run('SELECT 1')).rejects.toBeInstanceOf(TransientError);
  });
});

/** A local port nothing listens on (a server is opened there and closed). */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
