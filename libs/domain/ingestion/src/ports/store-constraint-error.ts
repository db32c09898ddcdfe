import { TerminalError } from '@ledgerline/transactions';

/** Which kind of rule the rejected row broke. */
export type StoreConstraintKind = 'check' | 'not_null' | 'foreign_key' | 'unique' | 'invalid_value';

export interface StoreConstraintDetails {
  /** The table the row was written to, e.g. `transactions`. */
  table: string;
  /** The database constraint's name (e.g. `transactions_amount_positive`), or the rule that failed. */
  constraint: string;
  kind: StoreConstraintKind;
  /** The business-key column naming the row (`tx_id`, `account_id`, `customer_id`, `sha256`). */
  keyColumn?: string;
  /** The offending row's business key, when the store could tell which row it was. */
  rowKey?: string;
  /** A short human reason (which field, what was expected). */
  reason?: string;
}

/**
 * A row the store refused because it breaks a rule of the schema (CHECK, NOT NULL, foreign or unique
 * key, or a value the column cannot hold). Adapters translate their driver's errors into this, so
 * use cases can report "row tx_id=... violates ..." without knowing the database. The statement that
 * failed wrote nothing; inside `withTransaction` the whole transaction is lost. Terminal: the same
 * row is refused again however often it is retried.
 */
export class StoreConstraintError extends TerminalError {
  override readonly name: string = 'StoreConstraintError';
  readonly table: string;
  readonly constraint: string;
  readonly kind: StoreConstraintKind;
  readonly keyColumn: string | undefined;
  readonly rowKey: string | undefined;
  readonly reason: string | undefined;

  constructor(details: StoreConstraintDetails, options?: { cause?: unknown }) {
    super(describe(details), options);
    this.table = details.table;
    this.constraint = details.constraint;
    this.kind = details.kind;
    this.keyColumn = details.keyColumn;
    this.rowKey = details.rowKey;
    this.reason = details.reason;
  }
}

function describe(d: StoreConstraintDetails): string {
  const row = d.rowKey !== undefined ? `${d.table} row ${d.keyColumn ?? 'key'}=${d.rowKey}` : `a row of ${d.table}`;
  return `${row} violates ${d.constraint} (${d.kind.replace('_', ' ')})${d.reason ? `: ${d.reason}` : ''}`;
}
