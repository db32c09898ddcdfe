import type { ParsedStatementRow } from '../parsed-statement-row.ts';
import { StatementParseError } from '../statement-parse-error.ts';
import { resolveAmbiguousDate, type AmbiguousDate, type DateOrder } from './date-cell.ts';

interface Pending {
  row: ParsedStatementRow;
  ambiguous?: AmbiguousDate;
  raw: string;
}

/**
 * Settles DD/MM vs MM/DD for a whole date column. Rows whose date reads both ways wait here (in
 * file order, with any rows behind them) until a row with a part above 12 decides the order; if
 * the file ends first, the whole file is refused before anything was handed on. The wait is
 * bounded so a large file cannot grow memory without limit.
 */
export class DateOrderResolver {
  private order: DateOrder | undefined;
  private decidedBy: { line: number; raw: string } | undefined;
  private queue: Pending[] = [];
  private readonly column: string;
  private readonly maxPending: number;

  constructor(column: string, maxPending: number, order?: DateOrder) {
    this.column = column;
    this.maxPending = maxPending;
    this.order = order;
  }

  get current(): DateOrder | undefined {
    return this.order;
  }

  get establishedBy(): { line: number; raw: string } | undefined {
    return this.decidedBy;
  }

  // Rows that are ready go straight into the caller's `out` (in file order): no array per row.

  /** Row with a definite date; `implies` when its date fixed the order (e.g. 25/03/2026). */
  definite(row: ParsedStatementRow, raw: string, implies: DateOrder | undefined, out: ParsedStatementRow[]): void {
    if (implies && !this.order) {
      this.order = implies;
      this.decidedBy = { line: row.line, raw };
      for (const ready of this.flush()) out.push(ready);
      out.push(row);
      return;
    }
    if (this.queue.length === 0) out.push(row);
    else this.enqueue({ row, raw });
  }

  ambiguous(row: ParsedStatementRow, raw: string, date: AmbiguousDate, out: ParsedStatementRow[]): void {
    if (this.order) out.push(withDate(row, date, this.order));
    else this.enqueue({ row, raw, ambiguous: date });
  }

  /** Called at the end of the file: releases what is left, or refuses a fully ambiguous column. */
  finish(): ParsedStatementRow[] {
    if (this.queue.length === 0) return [];
    if (!this.order) {
      const first = this.queue.find((p) => p.ambiguous) as Pending & { ambiguous: AmbiguousDate };
      throw new StatementParseError({
        line: first.row.line,
        column: this.column,
        reason:
          `the day/month order of the dates cannot be determined: every date reads both as ${first.ambiguous.format.dmy} and as ` +
          `${first.ambiguous.format.mdy} (e.g. '${first.raw}'); supply a mapping profile with dateFormat, e.g. { "dateFormat": "${first.ambiguous.format.dmy}" }`,
      });
    }
    return this.flush();
  }

  private enqueue(pending: Pending): void {
    this.queue.push(pending);
    if (this.queue.length > this.maxPending) {
      const first = this.queue.find((p) => p.ambiguous);
      throw new StatementParseError({
        line: first?.row.line ?? pending.row.line,
        column: this.column,
        reason: `the day/month order of the dates is still undetermined after ${this.maxPending} rows; supply a mapping profile with dateFormat`,
      });
    }
  }

  private flush(): ParsedStatementRow[] {
    const order = this.order as DateOrder;
    const out = this.queue.map(({ row, ambiguous }) => (ambiguous ? withDate(row, ambiguous, order) : row));
    this.queue = [];
    return out;
  }
}

function withDate(row: ParsedStatementRow, date: AmbiguousDate, order: DateOrder): ParsedStatementRow {
  const value = resolveAmbiguousDate(date, order);
  const out: ParsedStatementRow = { ...row, date: value.date };
  if (value.time !== undefined) out.time = value.time;
  if (value.utc_offset !== undefined) out.utc_offset = value.utc_offset;
  return out;
}
