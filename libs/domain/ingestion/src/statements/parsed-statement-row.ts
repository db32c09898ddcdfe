/**
 * One transaction line read from a statement (CSV, PDF or a structured format), before it becomes
 * a Transaction. Amounts are signed money strings: negative = money out of the account.
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
  /** The other party (payee, payer, merchant), when the statement names it apart. */
  payee?: string;
  /** Memo, notes or purpose text, when the statement has it apart from the description. */
  memo?: string;
  /** A reference the bank shows (check number, end-to-end id). */
  reference?: string;
  /** Value date `YYYY-MM-DD`, when it differs from the booking date. */
  value_date?: string;
}
