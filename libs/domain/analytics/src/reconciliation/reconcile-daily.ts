import type { DailyFingerprint, DailyFingerprintSource, FingerprintRange, RowFingerprint } from './daily-fingerprint.port.ts';

export type DayMismatchKind = 'missing_day' | 'extra_day' | 'different';

/** The rows behind a differing day, by tx_id. */
export interface RowDifferences {
  /** In the expected store only (e.g. not synced yet, or deleted in DuckDB). */
  readonly missing: readonly string[];
  /** In the actual store only (e.g. deleted in Postgres but still live in DuckDB). */
  readonly extra: readonly string[];
  /** In both, with different content. */
  readonly changed: readonly string[];
  /** More differing rows than were listed. */
  readonly truncated: boolean;
}

export interface DayMismatch {
  readonly day: string;
  readonly kind: DayMismatchKind;
  /** Which of count, sum, hash differ (all three for a missing or extra day). */
  readonly fields: ReadonlyArray<'count' | 'sum' | 'hash'>;
  readonly expected: DailyFingerprint | null;
  readonly actual: DailyFingerprint | null;
  /** Present when the drill-down ran for this day. */
  readonly rows?: RowDifferences;
}

export interface ReconciliationReport {
  readonly expectedSource: string;
  readonly actualSource: string;
  readonly daysCompared: number;
  readonly matchingDays: number;
  readonly mismatches: readonly DayMismatch[];
  readonly ok: boolean;
}

export interface ReconcileOptions {
  readonly range?: FingerprintRange;
  /** Name the differing rows of at most this many mismatching days (default 20; 0 = none). */
  readonly drillDownDays?: number;
  /** List at most this many tx_ids per kind per day (default 20). */
  readonly rowsPerDay?: number;
}

/**
 * `analytics validate`: compares per-day {count, sum(amount), content hash} of the operational
 * store (expected) with the analytics copy (actual) and reports every mismatching day - a day
 * missing from the copy, an extra day, or a day whose count, sum or hash differs - then names
 * the rows behind the first mismatching days.
 */
export async function reconcileDaily(
  expected: DailyFingerprintSource,
  actual: DailyFingerprintSource,
  options: ReconcileOptions = {},
): Promise<ReconciliationReport> {
  const [left, right] = await Promise.all([expected.dailyFingerprints(options.range), actual.dailyFingerprints(options.range)]);
  const byDay = (list: DailyFingerprint[]) => new Map(list.map((f) => [f.day, f]));
  const want = byDay(left);
  const have = byDay(right);
  const days = [...new Set([...want.keys(), ...have.keys()])].sort();

  const mismatches: DayMismatch[] = [];
  for (const day of days) {
    const e = want.get(day) ?? null;
    const a = have.get(day) ?? null;
    if (!e || !a) {
      mismatches.push({ day, kind: e ? 'missing_day' : 'extra_day', fields: ['count', 'sum', 'hash'], expected: e, actual: a });
      continue;
    }
    const fields = (['count', 'sum', 'hash'] as const).filter((f) =>
      f === 'count' ? e.count !== a.count : f === 'sum' ? e.sumAmount !== a.sumAmount : e.hash !== a.hash,
    );
    if (fields.length > 0) mismatches.push({ day, kind: 'different', fields, expected: e, actual: a });
  }

  const drillDownDays = options.drillDownDays ?? 20;
  const rowsPerDay = options.rowsPerDay ?? 20;
  const detailed: DayMismatch[] = [];
  for (const [index, mismatch] of mismatches.entries()) {
    if (index >= drillDownDays) {
      detailed.push(mismatch);
      continue;
    }
    const [wantRows, haveRows] = await Promise.all([
      mismatch.expected ? expected.rowFingerprints(mismatch.day) : Promise.resolve([]),
      mismatch.actual ? actual.rowFingerprints(mismatch.day) : Promise.resolve([]),
    ]);
    detailed.push({ ...mismatch, rows: diffRows(wantRows, haveRows, rowsPerDay) });
  }

  return {
    expectedSource: expected.name,
    actualSource: actual.name,
    daysCompared: days.length,
    matchingDays: days.length - mismatches.length,
    mismatches: detailed,
    ok: mismatches.length === 0,
  };
}

function diffRows(expected: readonly RowFingerprint[], actual: readonly RowFingerprint[], limit: number): RowDifferences {
  const have = new Map(actual.map((r) => [r.txId, r.hash]));
  const want = new Map(expected.map((r) => [r.txId, r.hash]));
  const missing = expected.filter((r) => !have.has(r.txId)).map((r) => r.txId);
  const extra = actual.filter((r) => !want.has(r.txId)).map((r) => r.txId);
  const changed = expected.filter((r) => have.has(r.txId) && have.get(r.txId) !== r.hash).map((r) => r.txId);
  return {
    missing: missing.slice(0, limit),
    extra: extra.slice(0, limit),
    changed: changed.slice(0, limit),
    truncated: missing.length > limit || extra.length > limit || changed.length > limit,
  };
}

/** One line per mismatching day, for the CLI and logs. */
export function describeMismatch(mismatch: DayMismatch): string {
  const e = mismatch.expected;
  const a = mismatch.actual;
  const figures = (f: DailyFingerprint | null) => (f ? `${f.count} rows, sum ${f.sumAmount}` : 'no rows');
  const head =
    mismatch.kind === 'missing_day'
      ? `${mismatch.day}: missing from the analytics copy (Postgres has ${figures(e)})`
      : mismatch.kind === 'extra_day'
        ? `${mismatch.day}: extra day in the analytics copy (${figures(a)}; Postgres has none)`
        : `${mismatch.day}: ${mismatch.fields.join(', ')} differ (Postgres ${figures(e)}; analytics ${figures(a)})`;
  const rows = mismatch.rows;
  if (!rows) return head;
  const parts = [
    rows.missing.length > 0 ? `missing ${rows.missing.join(', ')}` : '',
    rows.extra.length > 0 ? `extra ${rows.extra.join(', ')}` : '',
    rows.changed.length > 0 ? `changed ${rows.changed.join(', ')}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? `${head}\n    ${parts.join('; ')}${rows.truncated ? ' (more not listed)' : ''}` : head;
}
