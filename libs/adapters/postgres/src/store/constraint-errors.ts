import type { z } from 'zod';
import { StoreConstraintError, type StoreConstraintKind } from '@ledgerline/ingestion';

/** The fields of a PostgreSQL ErrorResponse that pg exposes (TypeORM wraps it as `driverError`). */
interface PgErrorFields {
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
  detail?: string;
  message?: string;
}

export interface ErrorContext<Row> {
  table: string;
  keyColumn: keyof Row & string;
  /** The rows of the statement that failed, to find the offending one. */
  rows: readonly Row[];
  /** The domain schema of the rows, to explain a refused value in domain terms. */
  schema?: z.ZodObject;
}

/** Check constraints and the column each one guards (names from the migrations). */
const CHECK_COLUMNS: Record<string, string> = {
  transactions_amount_positive: 'amount',
  transactions_normalized_amount_non_negative: 'normalized_amount',
  transactions_direction_valid: 'direction',
  accounts_balance_non_negative: 'balance',
  account_openings_balance_non_negative: 'opening_balance',
  ingested_files_sha256_hex: 'sha256',
  ingested_files_rows_non_negative: 'rows',
  stream_offsets_offset_non_negative: 'next_offset',
};

function kindOf(code: string): StoreConstraintKind | undefined {
  if (code === '23514' || code === '23P01') return 'check';
  if (code === '23502') return 'not_null';
  if (code === '23503') return 'foreign_key';
  if (code === '23505') return 'unique';
  if (code.startsWith('22')) return 'invalid_value';
  return undefined;
}

function pgFields(error: unknown): PgErrorFields | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const driverError = (error as { driverError?: unknown }).driverError ?? error;
  if (typeof driverError !== 'object' || driverError === null) return undefined;
  const fields = driverError as PgErrorFields;
  return typeof fields.code === 'string' ? fields : undefined;
}

/**
 * Translates a database refusal (integrity constraint, or a value the column cannot hold) into a
 * StoreConstraintError naming the row and the rule; returns any other error unchanged.
 *
 * Which row: PostgreSQL names the constraint but, for a set-based statement, not the row in a
 * usable form. So the row is found by re-checking the statement's rows: the guarded column
 * against the domain schema (CHECK, NOT NULL), the key in the error detail (foreign/unique keys),
 * or any domain rule (bad values). Only the failing path pays for this.
 */
export function toStoreError<Row>(error: unknown, context: ErrorContext<Row>): unknown {
  const pg = pgFields(error);
  const kind = pg?.code ? kindOf(pg.code) : undefined;
  if (!pg || !kind) return error;
  const constraint = pg.constraint ?? (kind === 'invalid_value' ? `valid ${context.table} values (SQLSTATE ${pg.code})` : `SQLSTATE ${pg.code}`);
  const column = pg.column ?? (pg.constraint ? CHECK_COLUMNS[pg.constraint] : undefined);
  const culprit =
    (kind === 'check' || kind === 'not_null' || kind === 'invalid_value' ? findBySchema(context, column) : undefined) ??
    findByDetailKey(context, pg.detail) ??
    findByFailingRow(context, pg.detail);
  return new StoreConstraintError(
    {
      table: pg.table ?? context.table,
      constraint,
      kind,
      keyColumn: context.keyColumn,
      rowKey: culprit?.rowKey,
      reason: culprit?.reason ?? pg.detail ?? pg.message,
    },
    { cause: error },
  );
}

interface Culprit {
  rowKey: string;
  reason?: string;
}

/** The first row whose guarded column (or, without one, any field) breaks the domain schema. */
function findBySchema<Row>(context: ErrorContext<Row>, column: string | undefined): Culprit | undefined {
  const { schema } = context;
  if (!schema) return undefined;
  const fieldSchema = column ? (schema.shape[column] as z.ZodType | undefined) : undefined;
  for (const row of context.rows) {
    const record = row as Record<string, unknown>;
    const result = fieldSchema && column ? fieldSchema.safeParse(record[column]) : schema.safeParse(row);
    if (!result.success) {
      const issue = result.error.issues[0];
      const path = column ?? issue?.path.join('.');
      return { rowKey: String(record[context.keyColumn]), reason: `${path}: ${issue?.message ?? 'invalid'}` };
    }
  }
  return undefined;
}

/** `Key (customer_id)=(cus-1) is not present ...` / `... already exists`: the row holding that value. */
function findByDetailKey<Row>(context: ErrorContext<Row>, detail: string | undefined): Culprit | undefined {
  const match = detail ? /^Key \(([^,)]+)\)=\((.*)\) (?:is not present|already exists)/.exec(detail) : null;
  if (!match) return undefined;
  const [, column = '', value] = match;
  const row = context.rows.find((r) => String((r as Record<string, unknown>)[column]) === value);
  return row ? { rowKey: String((row as Record<string, unknown>)[context.keyColumn]), reason: detail } : undefined;
}

/** `Failing row contains (key, ...)`: the key is the table's first column in every table here. */
function findByFailingRow<Row>(context: ErrorContext<Row>, detail: string | undefined): Culprit | undefined {
  const match = detail ? /^Failing row contains \(([^,]*),/.exec(detail) : null;
  return match?.[1] !== undefined ? { rowKey: match[1], reason: detail } : undefined;
}
