/**
 * One transaction line read from a statement (CSV or PDF), before it becomes a Transaction.
 * Amounts are signed money strings: negative = money out of the account.
 */
export interface ParsedStatementRow {
  /** 1-based physical line in the file (CSV) or in the extracted text (PDF). */
  line: number;
  /** Booking date, `YYYY-MM-DD`. */
  date: string;
  /** Wall-clock time `HH:MM:SS` when the statement states one. */
  time?: string;
  /** UTC offset (`+02:00`) that came with the time, if any. */
  utc_offset?: string;
  description: string;
  amount: string;
  currency?: string;
  balance?: string;
  external_id?: string;
  category?: string;
}
