/** One UTC day of live transactions, summarised so that two stores can be compared cheaply. */
export interface DailyFingerprint {
  /** YYYY-MM-DD (UTC day of occurred_at). */
  readonly day: string;
  readonly count: number;
  /** sum(amount) as money text. */
  readonly sumAmount: string;
  /** md5 of the day's canonical row texts joined in tx_id (byte) order: see fingerprint-sql.ts. */
  readonly hash: string;
}

/** One transaction's canonical-text md5 (for naming the rows behind a mismatching day). */
export interface RowFingerprint {
  readonly txId: string;
  readonly hash: string;
}

export interface FingerprintRange {
  readonly from?: string;
  readonly to?: string;
}

/**
 * A store that can fingerprint its live transactions per day: the operational Postgres and the
 * analytics DuckDB both implement it with the same SQL (fingerprint-sql.ts), so equal data gives
 * byte-identical fingerprints.
 */
export interface DailyFingerprintSource {
  /** Human name for reports ("postgres", "duckdb data/warehouse.duckdb"). */
  readonly name: string;
  /** Every day that has live transactions, in day order. */
  dailyFingerprints(range?: FingerprintRange): Promise<DailyFingerprint[]>;
  /** Every live transaction of one day, in tx_id order. */
  rowFingerprints(day: string): Promise<RowFingerprint[]>;
}
