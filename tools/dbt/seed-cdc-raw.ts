/**
 * Fills the CDC change logs `raw.cdc_public_<table>` of a DuckDB warehouse seeded by seed-raw.ts,
 * shaped as the landing loader writes them (docs/cdc.md: one row per Debezium-shaped event, row
 * images as JSON text with each column's value as the capture emits it), so `dbt build` of the
 * CDC models (models/staging/cdc, models/marts/cdc, the cdc_* snapshots) has input on DuckDB,
 * fakesnow (copy_raw.py copies every raw table) and Trino without a running pipeline.
 *
 * Per live RAW row (rn = its rank by key): a snapshot read (r); every 4th row an update (u:
 * updated_at a day later and a changed column) and that update delivered a second time later
 * (at-least-once replay); every 9th row a delete (d); every 7th row not updated or deleted a
 * primary-key change (d of the key, c of `<key>-moved`, as the capture emits it). The fold of each
 * log is therefore RAW with those updates, deletes and key changes.
 *
 *   npx tsx tools/dbt/seed-cdc-raw.ts --db /tmp/x/warehouse.duckdb           # write the change logs
 *   npx tsx tools/dbt/seed-cdc-raw.ts --db /tmp/x/warehouse.duckdb --check   # after dbt build: the
 *     marts cdc_<table>_current hold exactly that fold, and each cdc_*_snapshot one open version per live key
 *
 * The real capture -> landing -> load -> dbt path is tested in apps/pipeline/src/stages/cdc-stage.int.spec.ts.
 */
import { parseArgs } from 'node:util';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

interface CdcSeedTable {
  table: 'customers' | 'accounts' | 'transactions';
  key: string;
  /** Column -> its value in the update's after image (SQL over the RAW row). */
  changed: Record<string, string>;
  /** The changed column's name in the marts (named as in stg_<table>). */
  martColumn: string;
}

const TABLES: CdcSeedTable[] = [
  { table: 'customers', key: 'customer_id', changed: { name: `name || ' (changed)'` }, martColumn: 'customer_name' },
  { table: 'accounts', key: 'account_id', changed: { balance: `cast(balance + 1 as varchar)` }, martColumn: 'current_balance' },
  { table: 'transactions', key: 'tx_id', changed: { description: `coalesce(description, '') || ' (changed)'` }, martColumn: 'description' },
];
const SYNC_ONLY = new Set(['_deleted', '_synced_at']);
/** Rows whose key the seed changes (not updated, not deleted: one change each keeps the expectation plain). */
const KEY_CHANGED = 'rn % 7 = 0 and rn % 4 <> 0 and rn % 9 <> 0';

/** A RAW column as the capture emits it: timestamps ISO-8601 UTC in ms, numeric and int8 as strings. */
function jsonValue(column: string, type: string): string {
  if (type.startsWith('TIMESTAMP')) return `strftime(timezone('UTC', ${column}), '%Y-%m-%dT%H:%M:%S.%gZ')`;
  if (type.startsWith('DECIMAL') || type === 'BIGINT') return `cast(${column} as varchar)`;
  return column;
}

async function seedTable(connection: DuckDBConnection, spec: CdcSeedTable): Promise<number> {
  const described = (await connection.runAndReadAll(`describe raw.${spec.table}`)).getRowObjectsJS() as Array<{ column_name: string; column_type: string }>;
  const columns = described.filter((c) => !SYNC_ONLY.has(c.column_name));
  // RAW renames change_seq to _change_seq; the event carries the Postgres column name.
  const image = (overrides: Record<string, string>) =>
    `cast(json_object(${columns
      .map((c) => {
        const name = c.column_name === '_change_seq' ? 'change_seq' : c.column_name;
        const value = name === 'updated_at' && overrides.updated_at === undefined ? jsonValue(c.column_name, c.column_type) : (overrides[name] ?? jsonValue(c.column_name, c.column_type));
        return `'${name}', ${value}`;
      })
      .join(', ')}) as varchar)`;
  const later = { ...spec.changed, updated_at: `strftime(timezone('UTC', updated_at + interval 1 day), '%Y-%m-%dT%H:%M:%S.%gZ')` };
  const table = `cdc_public_${spec.table}`;
  await connection.run(`create or replace table raw.${table} as
    with base as (
      select ${spec.key} as k, row_number() over (order by ${spec.key}) as rn, ${image({})} as image, ${image(later)} as changed,
             ${image({ [spec.key]: `${spec.key} || '-moved'` })} as moved
        from raw.${spec.table} where not coalesce(_deleted, false)
    ),
    events as (
      select 'r' as op, rn as ord, null as before_json, image as after_json, 100 as lsn, k, rn from base
      union all select 'u', 1000000 + rn, image, changed, 200 + rn, k, rn from base where rn % 4 = 0
      union all select 'd', 2000000 + rn, image, null, 2000000 + rn, k, rn from base where rn % 9 = 0
      -- the update delivered again after a crash (at-least-once): folds to the same row
      union all select 'u', 3000000 + rn, image, changed, 200 + rn, k, rn from base where rn % 4 = 0 and rn % 9 <> 0
      -- a primary-key change: the old key deleted, the row created under the new key (as Debezium does)
      union all select 'd', 4000000 + 2 * rn, image, null, 4000000 + 2 * rn, k, rn from base where ${KEY_CHANGED}
      union all select 'c', 4000001 + 2 * rn, null, moved, 4000001 + 2 * rn, k || '-moved', rn from base where ${KEY_CHANGED}
    )
    select 'ledgerline.public.${spec.table}' as topic, cast(0 as integer) as kafka_partition,
           cast(row_number() over (order by ord) - 1 as bigint) as kafka_offset, op,
           cast(json_object('${spec.key}', k) as varchar) as key_json, before_json, after_json,
           'public' as source_schema, '${spec.table}' as source_table, cast(lsn as bigint) as lsn, cast(null as bigint) as tx_id,
           cast(1767225600000 + ord as bigint) as source_ts_ms, cast(1767225600000 + ord as bigint) as ts_ms,
           case when op = 'r' then 'true' else 'false' end as snapshot,
           'cdc/public.${spec.table}/dt=2026-01-01/0-seed.parquet' as _object_key, timestamptz '2026-01-01 00:00:00+00' as _loaded_at
      from events`);
  const count = (await connection.runAndReadAll(`select count(*) from raw.${table}`)).getRows()[0]?.[0];
  return Number(count);
}

/**
 * The seed's own expectation, from RAW by the rules above (not by folding the log): per live row not
 * deleted, its key (moved or not), the changed column and updated_at. Returns the mismatches with
 * marts.cdc_<table>_current, and snapshot keys with other than one open version.
 */
async function checkTable(connection: DuckDBConnection, spec: CdcSeedTable): Promise<string[]> {
  const [column, value] = Object.entries(spec.changed)[0]!;
  const expected = `select case when ${KEY_CHANGED} then k || '-moved' else k end as k,
      case when rn % 4 = 0 then cast(${value} as varchar) else cast(${column} as varchar) end as v,
      case when rn % 4 = 0 then updated_at + interval 1 day else updated_at end as updated_at
    from (select *, ${spec.key} as k, row_number() over (order by ${spec.key}) as rn from raw.${spec.table} where not coalesce(_deleted, false))
    where rn % 9 <> 0`;
  const actual = `select ${spec.key} as k, cast(${spec.martColumn} as varchar) as v, updated_at from marts.cdc_${spec.table}_current`;
  const diff = async (a: string, b: string) => (await connection.runAndReadAll(`select count(*) from ((${a}) except all (${b}))`)).getRows()[0]?.[0];
  const problems: string[] = [];
  const missing = Number(await diff(expected, actual));
  const extra = Number(await diff(actual, expected));
  if (missing || extra) problems.push(`marts.cdc_${spec.table}_current: ${missing} expected row(s) missing, ${extra} unexpected`);
  const count = Number((await connection.runAndReadAll(`select count(*) from (${expected})`)).getRows()[0]?.[0]);
  if (count === 0) problems.push(`raw.${spec.table}: no rows to check`);
  if (spec.table !== 'transactions') {
    const snapshot = `snapshots.cdc_${spec.table}_snapshot`;
    const versions = `select ${spec.key} as k, cast(${spec.martColumn} as varchar) as v, updated_at from ${snapshot}`;
    const open = `select ${spec.key} as k, cast(${spec.martColumn} as varchar) as v, updated_at from ${snapshot} where dbt_valid_to is null`;
    // One build over the whole log: one version per live key, open (no replayed or folded-away version).
    if (Number(await diff(expected, open)) || Number(await diff(versions, expected))) problems.push(`${snapshot}: not one open version per live key`);
  }
  return problems;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { db: { type: 'string' }, check: { type: 'boolean', default: false } } });
  if (!values.db) throw new Error('--db <warehouse.duckdb> is required');
  const instance = await DuckDBInstance.create(values.db);
  const connection = await instance.connect();
  const counts: Record<string, number> = {};
  const problems: string[] = [];
  try {
    for (const spec of TABLES) {
      if (values.check) problems.push(...(await checkTable(connection, spec)));
      else counts[`cdc_public_${spec.table}`] = await seedTable(connection, spec);
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  if (values.check) {
    for (const problem of problems) console.error(problem);
    if (problems.length) throw new Error(`CDC fold check: ${problems.length} problem(s)`);
    console.log(JSON.stringify({ db: values.db, check: 'the CDC marts and snapshots hold the seeded fold' }));
  } else console.log(JSON.stringify({ db: values.db, ...counts }));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
