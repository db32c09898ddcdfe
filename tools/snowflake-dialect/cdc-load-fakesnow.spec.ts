import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { landingFileKey, parseLandedObjectKey, type LandingRow, type ObjectToLoad } from '@ledgerline/cdc';
import { DuckDbParquetWriter } from '@ledgerline/duckdb';
import { createSnowflakeConnection, SnowflakeChangeLogWarehouse, type SnowflakeExecuteOptions } from '@ledgerline/snowflake';
import { ensurePythonEnv, repoRoot, startFakesnow, startSnowflake, uniqueName, type SnowflakeTestEndpoint } from '@ledgerline/testing';

// The CDC loader's statements on two independent emulators: SnowflakeChangeLogWarehouse runs a
// load scenario on tools/snowflake-emulator (ours) through snowflake-sdk while every statement it
// sends is recorded with its binds and answer; the same statements, in order, are then replayed
// on fakesnow (another author's, through the Python connector: replay_on_fakesnow.py). Every
// statement must succeed there too, and both must end with the same change log and manifest.
// Both are fakes over DuckDB: this proves the dialect and the sequence, not Snowflake itself.
interface Recorded {
  sql: string;
  binds: unknown[] | null;
  rows: Array<Array<string | null>>;
}

const text = (value: unknown) => (value === null || value === undefined ? null : value instanceof Date ? value.toISOString() : String(value));

function rowsOf(table: string, first: number, last: number, balance: string): LandingRow[] {
  return Array.from({ length: last - first + 1 }, (_, i) => {
    const offset = first + i;
    const id = `${table}-${offset % 3}`;
    return {
      topic: `ledgerline.public.${table}`,
      partition: 0,
      offset: BigInt(offset),
      op: i === 0 ? 'c' : 'u',
      key_json: JSON.stringify({ id }),
      before_json: null,
      after_json: JSON.stringify({ id, balance }),
      source_schema: 'public',
      source_table: table,
      lsn: 1_000 + offset,
      tx_id: i % 2 === 0 ? 700 : null,
      source_ts_ms: 1_765_000_000_000 + offset,
      ts_ms: 1_765_000_000_005 + offset,
      snapshot: 'false',
    };
  });
}

describe('the CDC loader statements on tools/snowflake-emulator and on fakesnow', () => {
  let emulator: SnowflakeTestEndpoint;
  let dir: string;
  const schema = uniqueName('cdc_replay').toUpperCase();
  const recorded: Recorded[] = [];

  beforeAll(async () => {
    emulator = await startSnowflake();
    dir = mkdtempSync(join(tmpdir(), 'cdc-replay-'));
  });
  afterAll(async () => {
    await emulator?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('every statement of a load scenario succeeds on fakesnow, and both emulators end with the same change log and manifest', async () => {
    const config = { account: 'emulator', username: 'replay', password: 'emulator-only', accessUrl: emulator.accessUrl, database: 'LEDGERLINE', schema };
    const connect = async () => {
      const connection = await createSnowflakeConnection(config);
      return {
        close: () => connection.close(),
        execute: async <Row>(sqlText: string, options: SnowflakeExecuteOptions = {}) => {
          let sql = sqlText;
          const put = /^PUT '?file:\/\/([^' ]+)'?/.exec(sqlText);
          if (put?.[1]) {
            // The adapter deletes its scratch file after the load: keep a copy (same name) for the replay.
            const kept = join(dir, String(recorded.length));
            mkdirSync(kept);
            copyFileSync(put[1], join(kept, basename(put[1])));
            sql = sqlText.replace(put[1], join(kept, basename(put[1])));
          }
          const result = await connection.execute<Row>(sqlText, options);
          const binds = (options.binds as unknown[] | undefined) ?? null;
          recorded.push({ sql, binds, rows: result.rows.map((row) => Object.values(row as Record<string, unknown>).map(text)) });
          return result;
        },
      };
    };
    const warehouse = new SnowflakeChangeLogWarehouse({ database: 'LEDGERLINE', schema }, { connect, target: 'emulator (recorded)' });
    const writer = new DuckDbParquetWriter();
    const file = async (table: string, first: number, last: number, etag: string, balance: string): Promise<[ObjectToLoad, Uint8Array]> => {
      const path = join(dir, `${table}-${first}-${etag}.parquet`);
      await writer.write(rowsOf(table, first, last, balance), path);
      const body = new Uint8Array(readFileSync(path));
      const parsed = parseLandedObjectKey(
        landingFileKey({ prefix: 'cdc', schema: 'public', table, dt: '2026-12-06', partition: 0, firstOffset: BigInt(first), lastOffset: BigInt(last) }),
        'cdc',
      );
      if (!parsed.ok) throw new Error(parsed.reason);
      return [{ name: parsed.name, etag, size: body.length }, body];
    };
    try {
      // New object, the same again, a rewrite of it (replaces its rows), another table.
      expect(await warehouse.loadObject(...(await file('accounts', 0, 4, '"a1"', '10.00')))).toEqual({ outcome: 'loaded', rows: 5, replacedRows: 0 });
      expect(await warehouse.loadObject(...(await file('accounts', 0, 4, '"a1"', '10.00')))).toMatchObject({ outcome: 'already-loaded' });
      expect(await warehouse.loadObject(...(await file('accounts', 0, 4, '"a2"', '99.00')))).toEqual({ outcome: 'loaded', rows: 5, replacedRows: 5 });
      expect(await warehouse.loadObject(...(await file('customers', 0, 2, '"c1"', '0.00')))).toEqual({ outcome: 'loaded', rows: 3, replacedRows: 0 });
      expect([...(await warehouse.manifest('cdc/')).keys()]).toHaveLength(2);
    } finally {
      await warehouse.close();
      await writer.close();
    }

    const finalState = [
      `SELECT "OBJECT_KEY", "ETAG", "ROWS", "TABLE_NAME" FROM "LEDGERLINE"."${schema}"."_CDC_MANIFEST" ORDER BY 1`,
      ...['CDC_PUBLIC_ACCOUNTS', 'CDC_PUBLIC_CUSTOMERS'].map(
        (table) =>
          `SELECT "KAFKA_PARTITION", "KAFKA_OFFSET", "OP", "KEY_JSON", "AFTER_JSON", "TX_ID", "LSN", "SNAPSHOT", "_OBJECT_KEY" FROM "LEDGERLINE"."${schema}"."${table}" ORDER BY 1, 2`,
      ),
    ];
    const reader = await createSnowflakeConnection(config);
    const onEmulator = [];
    try {
      for (const sql of finalState) onEmulator.push((await reader.execute<Record<string, unknown>>(sql)).rows.map((row) => Object.values(row).map(text)));
    } finally {
      await reader.close();
    }
    expect(onEmulator[0]).toEqual([
      ['cdc/public.accounts/dt=2026-12-06/0-0-4.parquet', '"a2"', '5', 'cdc_public_accounts'],
      ['cdc/public.customers/dt=2026-12-06/0-0-2.parquet', '"c1"', '3', 'cdc_public_customers'],
    ]);

    const fakesnow = await startFakesnow();
    const { python } = await ensurePythonEnv();
    const input = [...recorded.map(({ sql, binds }) => ({ sql, binds })), ...finalState.map((sql) => ({ sql, binds: null }))].map((s) => JSON.stringify(s)).join('\n');
    const run = spawnSync(
      python,
      [join(repoRoot(), 'tools/snowflake-dialect/replay_on_fakesnow.py'), '--host', fakesnow.host, '--port', String(fakesnow.port), '--database', 'LEDGERLINE', '--schema', schema],
      { input, encoding: 'utf8', timeout: 120_000 },
    );
    expect(run.status, run.stderr).toBe(0);
    const answers = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { ok: boolean; rows?: Array<Array<string | null>>; error?: string });
    expect(answers).toHaveLength(recorded.length + finalState.length);
    const failed = answers.slice(0, recorded.length).flatMap((answer, i) => (answer.ok ? [] : [`${recorded[i]!.sql.slice(0, 120)} -> ${answer.error}`]));
    expect(failed).toEqual([]);
    // Every COPY loaded one file on both, with the same row count; every staged count agrees.
    recorded.forEach((statement, i) => {
      const theirs = answers[i]!.rows ?? [];
      if (statement.sql.startsWith('COPY INTO')) expect([theirs.length, theirs[0]?.[1], theirs[0]?.[3]]).toEqual([1, 'LOADED', statement.rows[0]?.[3]]);
      if (statement.sql.startsWith('SELECT COUNT(*)')) expect(theirs).toEqual(statement.rows);
    });
    expect(answers.slice(recorded.length).map((a) => a.rows)).toEqual(onEmulator);
  }, 180_000);
});
