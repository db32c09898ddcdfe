import { describe, expect, it } from 'vitest';
import type { DailyFingerprint, DailyFingerprintSource, RowFingerprint } from './daily-fingerprint.port.ts';
import { describeMismatch, reconcileDaily } from './reconcile-daily.ts';

/** A source over explicit rows: day fingerprints derived from the rows, as a real store would. */
function source(name: string, rows: Array<{ day: string; txId: string; amount: string; hash: string }>): DailyFingerprintSource {
  return {
    name,
    dailyFingerprints: async () => {
      const days = [...new Set(rows.map((r) => r.day))].sort();
      return days.map((day): DailyFingerprint => {
        const of = rows.filter((r) => r.day === day).sort((a, b) => (a.txId < b.txId ? -1 : 1));
        const cents = of.reduce((sum, r) => sum + BigInt(r.amount.replace('.', '')), 0n);
        return { day, count: of.length, sumAmount: `${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`, hash: of.map((r) => r.hash).join('+') };
      });
    },
    rowFingerprints: async (day): Promise<RowFingerprint[]> =>
      rows.filter((r) => r.day === day).map((r) => ({ txId: r.txId, hash: r.hash })).sort((a, b) => (a.txId < b.txId ? -1 : 1)),
  };
}

const base = [
  { day: '2026-01-01', txId: 'T1', amount: '10.00', hash: 'h1' },
  { day: '2026-01-01', txId: 'T2', amount: '5.50', hash: 'h2' },
  { day: '2026-01-02', txId: 'T3', amount: '7.25', hash: 'h3' },
  { day: '2026-01-03', txId: 'T4', amount: '1.00', hash: 'h4' },
];

describe('reconcileDaily', () => {
  it('reports equal stores as ok', async () => {
    const report = await reconcileDaily(source('pg', base), source('duck', base));
    expect(report).toMatchObject({ ok: true, daysCompared: 3, matchingDays: 3, mismatches: [] });
  });

  it('names a missing day, an extra row, a changed row and an extra day', async () => {
    const actual = [
      { ...base[0]!, hash: 'h1-corrupted' }, // same amount, different content: only the hash differs
      base[1]!,
      // 2026-01-02 missing entirely
      base[3]!,
      { day: '2026-01-03', txId: 'T9', amount: '2.00', hash: 'h9' }, // extra row
      { day: '2026-01-05', txId: 'T5', amount: '3.00', hash: 'h5' }, // extra day
    ];
    const report = await reconcileDaily(source('pg', base), source('duck', actual));
    expect(report.ok).toBe(false);
    expect(report.mismatches.map((m) => [m.day, m.kind, m.fields])).toEqual([
      ['2026-01-01', 'different', ['hash']],
      ['2026-01-02', 'missing_day', ['count', 'sum', 'hash']],
      ['2026-01-03', 'different', ['count', 'sum', 'hash']],
      ['2026-01-05', 'extra_day', ['count', 'sum', 'hash']],
    ]);
    expect(report.mismatches.map((m) => m.rows)).toEqual([
      { missing: [], extra: [], changed: ['T1'], truncated: false },
      { missing: ['T3'], extra: [], changed: [], truncated: false },
      { missing: [], extra: ['T9'], changed: [], truncated: false },
      { missing: [], extra: ['T5'], changed: [], truncated: false },
    ]);
    expect(describeMismatch(report.mismatches[1]!)).toContain('2026-01-02: missing from the analytics copy (Postgres has 1 rows, sum 7.25)');
    expect(describeMismatch(report.mismatches[2]!)).toMatch(/2026-01-03: count, sum, hash differ[\s\S]*extra T9/);
  });

  it('limits the drill-down to the configured number of days and rows', async () => {
    const actual = base.map((r) => ({ ...r, hash: `${r.hash}x` }));
    const report = await reconcileDaily(source('pg', base), source('duck', actual), { drillDownDays: 1, rowsPerDay: 1 });
    expect(report.mismatches).toHaveLength(3);
    expect(report.mismatches[0]?.rows).toEqual({ missing: [], extra: [], changed: ['T1'], truncated: true });
    expect(report.mismatches[1]?.rows).toBeUndefined();
  });
});
