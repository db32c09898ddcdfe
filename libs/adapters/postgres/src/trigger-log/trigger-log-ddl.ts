import type { CapturedTable } from './trigger-log-catalog.ts';

/** jsonb_build_object takes at most 100 arguments: images of wider tables are concatenated chunks. */
const COLUMNS_PER_CHUNK = 40;
const MAX_IDENTIFIER = 63;

const quote = (identifier: string) => `"${identifier}"`;
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

export const logTableName = (name: string) => `${name}_log`;

/**
 * The change log every captured table's triggers append to. `seq` orders the entries; it is
 * taken while the changed row is locked, so per row (per key) `seq` order is commit order.
 * `txid` says which transaction wrote an entry: the reader takes an entry only once that
 * transaction is visible (committed) in its snapshot.
 */
export function createLogTableSql(name: string): string {
  return `CREATE TABLE IF NOT EXISTS ${logTableName(name)} (
    seq         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    txid        xid8        NOT NULL DEFAULT pg_current_xact_id(),
    op          char(1)     NOT NULL CHECK (op IN ('c', 'u', 'd', 't')),
    schema_name text        NOT NULL,
    table_name  text        NOT NULL,
    before      jsonb,
    after       jsonb,
    logged_at   timestamptz NOT NULL DEFAULT now()
  )`;
}

/**
 * A row image as a JSON object of each column's *text output* (what pgoutput sends in its tuples):
 * `format('%s', v)` calls the type's output function (a `::text` cast would not: it writes
 * booleans as `true`, drops char(n) padding). The reader parses each value with the driver's
 * parser for the column type, so both sources yield the same values.
 */
function imageSql(table: CapturedTable, alias: string): string {
  const pairs = table.columns.map((c) => `${literal(c.name)}, CASE WHEN ${alias}.${quote(c.name)} IS NULL THEN NULL ELSE format('%s', ${alias}.${quote(c.name)}) END`);
  const chunks: string[] = [];
  for (let i = 0; i < pairs.length; i += COLUMNS_PER_CHUNK) chunks.push(`jsonb_build_object(${pairs.slice(i, i + COLUMNS_PER_CHUNK).join(', ')})`);
  return chunks.join(' || ');
}

type TriggerOp = 'ins' | 'upd' | 'del' | 'trn';
const OPS: TriggerOp[] = ['ins', 'upd', 'del', 'trn'];

function functionName(name: string, table: CapturedTable, op: TriggerOp): string {
  const fn = `${name}_${table.schema}_${table.table}_${op}`;
  if (fn.length > MAX_IDENTIFIER) throw new Error(`trigger function name ${fn} is longer than ${MAX_IDENTIFIER} characters: use a shorter CDC consumer name`);
  return fn;
}

/**
 * Statements installing (or refreshing: CREATE OR REPLACE, so a column added since is captured)
 * the triggers of one table. Inserts and deletes are logged per statement from transition tables
 * (one INSERT ... SELECT per statement, not a PL/pgSQL call per row: the bulk upserts stay
 * cheap); updates per row, because only a row trigger pairs each old row with its new one.
 */
export function installTriggersSql(name: string, table: CapturedTable): string[] {
  const log = logTableName(name);
  const target = `${quote(table.schema)}.${quote(table.table)}`;
  const schema = literal(table.schema);
  const tableName = literal(table.table);
  const insertInto = `INSERT INTO ${log} (op, schema_name, table_name, before, after)`;
  const body: Record<TriggerOp, string> = {
    ins: `${insertInto} SELECT 'c', ${schema}, ${tableName}, NULL, ${imageSql(table, 'n')} FROM ${name}_new n;`,
    upd: `${insertInto} VALUES ('u', ${schema}, ${tableName}, ${imageSql(table, 'OLD')}, ${imageSql(table, 'NEW')});`,
    del: `${insertInto} SELECT 'd', ${schema}, ${tableName}, ${imageSql(table, 'o')}, NULL FROM ${name}_old o;`,
    trn: `${insertInto} VALUES ('t', ${schema}, ${tableName}, NULL, NULL);`,
  };
  const trigger: Record<TriggerOp, string> = {
    ins: `AFTER INSERT ON ${target} REFERENCING NEW TABLE AS ${name}_new FOR EACH STATEMENT`,
    upd: `AFTER UPDATE ON ${target} FOR EACH ROW`,
    del: `AFTER DELETE ON ${target} REFERENCING OLD TABLE AS ${name}_old FOR EACH STATEMENT`,
    trn: `AFTER TRUNCATE ON ${target} FOR EACH STATEMENT`,
  };
  return OPS.flatMap((op) => {
    const fn = functionName(name, table, op);
    return [
      `CREATE OR REPLACE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN ${body[op]} RETURN NULL; END $fn$`,
      `CREATE OR REPLACE TRIGGER ${name}_${op} ${trigger[op]} EXECUTE FUNCTION ${fn}()`,
    ];
  });
}

/** Statements removing one table's triggers and functions (the table may already be gone). */
export function dropTriggersSql(name: string, schema: string, table: string): string[] {
  return OPS.flatMap((op) => {
    const fn = `${name}_${schema}_${table}_${op}`;
    return [`DROP TRIGGER IF EXISTS ${name}_${op} ON ${quote(schema)}.${quote(table)}`, `DROP FUNCTION IF EXISTS ${fn}()`];
  });
}
