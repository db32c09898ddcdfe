import type { Direction } from '@ledgerline/transactions';

/** The structured statement formats read whole by a StatementFormatReader (CSV and PDF have their own readers). */
export const STRUCTURED_STATEMENT_FORMATS = ['ofx', 'qif', 'camt053', 'mt940'] as const;
export type StructuredStatementFormat = (typeof STRUCTURED_STATEMENT_FORMATS)[number];

/** A balance the file states, with the line it stands on (for the report when they do not add up). */
export interface StatedBalance {
  /** Signed money string (`"-12.30"` = overdrawn). */
  amount: string;
  /** `YYYY-MM-DD`, when the file dates it. */
  date?: string;
  line: number;
}

/**
 * One booked entry of a structured statement. `amount` is positive and `direction` says which way
 * the money went, so a reader can never hand over a sign it did not read from the file.
 */
export interface StatementEntry {
  /** 1-based line of the entry in the file (its first line for multi-line records). */
  line: number;
  /** Booking date `YYYY-MM-DD`. */
  date: string;
  /** Value date `YYYY-MM-DD`, when the file states one apart from the booking date. */
  value_date?: string;
  /** Positive money string with two fraction digits. */
  amount: string;
  direction: Direction;
  /** When the entry states its own currency. */
  currency?: string;
  /** The other party: payee of a payment, payer of a credit, merchant of a card charge. */
  payee?: string;
  /** Free text: memo, notes, remittance information, purpose. */
  memo?: string;
  /** A reference the bank shows (check number, end-to-end id, customer reference). */
  reference?: string;
  /** The file's own id of this entry (OFX FITID, camt AcctSvcrRef, MT940 bank reference): the dedup key when present. */
  external_id?: string;
  /** The entry reverses an earlier one (camt RvslInd, MT940 RC/RD). */
  reversal?: boolean;
  category?: string;
}

/**
 * What every structured reader produces: the same statement, whatever the format. `account` is the
 * bank's own identifier (IBAN, account number) as the file states it; the operator still names our
 * account (`--account`), because a bank's numbers are not our account ids.
 */
export interface ParsedStatementFile {
  format: StructuredStatementFormat;
  account?: string;
  currency?: string;
  period?: { from?: string; to?: string };
  opening_balance?: StatedBalance;
  closing_balance?: StatedBalance;
  entries: StatementEntry[];
}
