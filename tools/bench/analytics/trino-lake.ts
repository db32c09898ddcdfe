import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DUCKDB_TYPES, quoteIdentifier, quoteLiteral, withDuckDb } from '@ledgerline/duckdb';
import { createTestDatabase, repoRoot, uniqueName } from '@ledgerline/testing';
import { createIcebergCatalog, createTrinoRawTableSql, dropCatalog, jdbcOf, trinoIdentifier as q, trinoLiteral, type TrinoClient } from '@ledgerline/trino';
import { DEFAULT_SYNC_TABLES } from '@ledgerline/warehouse-sync';

export interface TrinoLake {
  readonly catalog: string;
  /** The PostgreSQL database behind Iceberg's JDBC catalog (also usable as an operational catalog). */
  readonly databaseUrl: string;
  /** The catalog's root directory (`local:///` in Trino). */
  readonly directory: string;
  dispose(): Promise<void>;
}

/**
 * A fresh Iceberg catalog on the Trino server (JDBC catalog on a new PostgreSQL database, files in
 * a temp dir), with Iceberg's add_files procedure enabled so files already in the directory can
 * become table data without a copy.
 */
export async function createLake(client: TrinoClient, prefix: string): Promise<TrinoLake> {
  const database = await createTestDatabase(`${prefix}_lake`);
  const directory = mkdtempSync(join(tmpdir(), `${prefix}-lake-`));
  const catalog = uniqueName(prefix);
  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  try {
    await admin.query(readFileSync(join(repoRoot(), 'tools/services/trino/iceberg-jdbc-catalog.sql'), 'utf8'));
  } finally {
    await admin.end();
  }
  await createIcebergCatalog(client, { name: catalog, ...jdbcOf(database.url), storage: { kind: 'local', directory }, addFiles: true });
  return {
    catalog,
    databaseUrl: database.url,
    directory,
    dispose: async () => {
      await dropCatalog(client, catalog).catch(() => undefined);
      await database.drop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

const SYNC_STATE_SQL = (table: string) =>
  `CREATE TABLE ${table} (table_name VARCHAR, watermark BIGINT, xmin_horizon BIGINT, updated_at TIMESTAMP(6) WITH TIME ZONE)`;

const SYNC_COLUMNS: [string, string][] = [['_change_seq', 'BIGINT'], ['_deleted', 'BOOLEAN'], ['_synced_at', 'TIMESTAMPTZ']];

/** Each RAW table: how Trino declares it, and the DuckDB column types whose Parquet that declaration reads. */
const TABLES = [
  ...DEFAULT_SYNC_TABLES.map((spec) => ({
    name: spec.name,
    create: (table: string) => createTrinoRawTableSql(table, spec),
    duckdbColumns: [...spec.columns.map((c): [string, string] => [c.name, DUCKDB_TYPES[c.type]]), ...SYNC_COLUMNS],
  })),
  { name: '_sync_state', create: SYNC_STATE_SQL, duckdbColumns: [['table_name', 'VARCHAR'], ['watermark', 'BIGINT'], ['xmin_horizon', 'BIGINT'], ['updated_at', 'TIMESTAMPTZ']] },
];

/** DuckDB's information_schema spells TIMESTAMPTZ out. */
const normalType = (type: string) => (type === 'TIMESTAMP WITH TIME ZONE' ? 'TIMESTAMPTZ' : type);

export interface RegisteredRaw {
  /** Parquet files DuckDB wrote and Iceberg registered, over all tables. */
  readonly files: number;
  readonly bytes: number;
  /** Seconds DuckDB took to write the Parquet files. */
  readonly writeSeconds: number;
  /** Seconds Trino took to create the tables and register the files. */
  readonly registerSeconds: number;
}

/**
 * Puts the RAW tables of a DuckDB file into `<lake>.raw` without copying them through Trino:
 * DuckDB writes each table as Parquet into the lake's directory (the RAW types map one to one:
 * decimals, TIMESTAMPTZ as UTC-adjusted microseconds), and Iceberg's `add_files` registers those
 * files as the data of an Iceberg table with the same columns. The files are not rewritten: the
 * table's `$files` must be exactly the files written, and each table's row count through Trino
 * DuckDB's, which is checked (a silent copy, or a missed file, would make the benchmark measure
 * something else).
 */
export async function registerRawInLake(client: TrinoClient, duckdbPath: string, lake: TrinoLake): Promise<RegisteredRaw> {
  const root = join(lake.directory, 'raw-parquet');
  mkdirSync(root, { recursive: true });
  let started = performance.now();
  const written: string[] = [];
  const counts = new Map<string, string>();
  await withDuckDb(duckdbPath, async (db) => {
    for (const table of TABLES) {
      // The Iceberg table declares the RAW contract's types and add_files takes the file's
      // columns as they are: a RAW file off the contract (say amount as DOUBLE) is refused here,
      // before anything is registered, with the column named.
      const actual = (
        await db.runAndReadAll(`SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'raw' AND table_name = ${quoteLiteral(table.name)} ORDER BY ordinal_position`)
      ).getRows().map(([name, type]) => `${String(name)} ${normalType(String(type))}`);
      const expected = table.duckdbColumns.map(([name, type]) => `${name} ${type}`);
      if (actual.join(', ') !== expected.join(', ')) {
        throw new Error(`raw.${table.name} in ${duckdbPath} is not the RAW contract: columns ${actual.join(', ')}; expected ${expected.join(', ')}`);
      }
      const [[count]] = (await db.runAndReadAll(`SELECT count(*) FROM raw.${quoteIdentifier(table.name)}`)).getRows() as [[bigint]];
      counts.set(table.name, String(count));
      const directory = join(root, table.name);
      // FILE_SIZE_BYTES: several files per big table, so Trino has more than one split per file
      // boundary to spread over its threads; ~100 MB is the file size Iceberg writers aim for.
      await db.run(
        `COPY (SELECT * FROM raw.${quoteIdentifier(table.name)}) TO ${quoteLiteral(directory)} (FORMAT parquet, COMPRESSION zstd, FILE_SIZE_BYTES '100MB', OVERWRITE)`,
      );
      for (const file of readdirSync(directory)) written.push(join(directory, file));
    }
  });
  const writeSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  const registered = new Map<string, number>();
  await client.run(`CREATE SCHEMA IF NOT EXISTS ${q(lake.catalog)}.raw`);
  for (const table of TABLES) {
    const qualified = `${q(lake.catalog)}.raw.${q(table.name)}`;
    await client.run(table.create(qualified));
    const location = `local:///raw-parquet/${table.name}`;
    // A directory location registers every file under it; an empty table wrote no file.
    if (readdirSync(join(root, table.name)).length > 0) {
      await client.run(`ALTER TABLE ${qualified} EXECUTE add_files(location => ${trinoLiteral(location)}, format => 'PARQUET')`, { timeoutMs: 1_800_000 });
    }
    const files = await client.run(`SELECT file_path, file_size_in_bytes FROM ${q(lake.catalog)}.raw.${q(`${table.name}$files`)}`);
    for (const [path, size] of files.rows) registered.set(String(path), Number(size));
    const [[count]] = (await client.run(`SELECT count(*) FROM ${qualified}`)).rows as [[unknown]];
    if (String(count) !== counts.get(table.name)) throw new Error(`${qualified} has ${String(count)} rows through Trino, DuckDB's raw.${table.name} ${counts.get(table.name)}`);
  }
  const registerSeconds = (performance.now() - started) / 1000;
  const expected = new Map(written.map((file) => [`local:///${file.slice(lake.directory.length + 1)}`, statSync(file).size]));
  const mismatch = [...expected].filter(([path, size]) => registered.get(path) !== size).concat([...registered].filter(([path]) => !expected.has(path)));
  if (mismatch.length > 0) {
    throw new Error(`the Iceberg tables' files are not the Parquet files DuckDB wrote: ${mismatch.map(([path]) => path).join(', ')}`);
  }
  const bytes = [...expected.values()].reduce((sum, size) => sum + size, 0);
  return { files: expected.size, bytes, writeSeconds, registerSeconds };
}
