import { describe, expect, it } from 'vitest';
import { METRIC_DEFINITIONS_SQL } from '../metric-sql/metric-query.ts';
import { percentChange } from './money-text.ts';
import { averagePerMonthCents, catalogEntries, MEASURE_NAMES, describeCatalog, measureSql, percentChangeText, qualifiedFlags, qualifiedMeasureSql, SEMANTIC_CATALOG } from './semantic-catalog.ts';

describe('the metric catalog', () => {
  it('names the figures issue #20 asks to define once, each with dimensions and grains', () => {
    for (const name of ['balance', 'income', 'spend', 'net', 'transactions', 'change', 'percent_change', 'average_per_month'] as const) {
      expect(SEMANTIC_CATALOG[name].dimensions.length).toBeGreaterThan(0);
      expect(SEMANTIC_CATALOG[name].grains.length).toBeGreaterThan(0);
    }
    expect(SEMANTIC_CATALOG.balance.dimensions).toEqual(['customer', 'account']);
    expect(MEASURE_NAMES.map((n) => SEMANTIC_CATALOG[n].kind)).toEqual(MEASURE_NAMES.map(() => 'measure'));
  });

  it('writes its measures in the metric definitions (the flags every AnalyticsStore metric uses)', () => {
    expect(measureSql('spend')).toBe(`sum(normalized_amount) FILTER (WHERE ${METRIC_DEFINITIONS_SQL.spend})`);
    expect(measureSql('income')).toBe(`sum(normalized_amount) FILTER (WHERE ${METRIC_DEFINITIONS_SQL.income})`);
    expect(measureSql('transactions')).toBe(`count(*) FILTER (WHERE ${METRIC_DEFINITIONS_SQL.counted})`);
    // A source with precomputed flags (dbt's is_spend) gets the same measure over its flags.
    expect(measureSql('spend', { counted: 'c', spend: 'is_spend', income: 'is_income', movesBalance: 'm' })).toBe('sum(normalized_amount) FILTER (WHERE is_spend)');
    expect(catalogEntries().find((e) => e.name === 'net')?.sql).toBe(measureSql('net'));
    expect(describeCatalog()[0]).toContain(METRIC_DEFINITIONS_SQL.counted);
    // Investing is its own measure (docs/trades.md): trades are neither spend nor income.
    expect(METRIC_DEFINITIONS_SQL.counted).toContain("'TRADE'");
    expect(measureSql('invested')).toContain("txn_type = 'TRADE'");
  });

  it('qualifies every column for SQL that joins accounts, and nothing else', () => {
    const sql = qualifiedMeasureSql('net', 't');
    expect(sql).not.toMatch(/(?<![.\w])(txn_type|status|direction|normalized_amount)\b/);
    expect(sql.replace(/\bt\./g, '')).toBe(measureSql('net'));
    expect(qualifiedFlags('t').spend.replace(/\bt\./g, '')).toBe(METRIC_DEFINITIONS_SQL.spend);
  });

  it('percent change: (later - earlier) / |earlier|, half away from zero to 0.01 %, as the KPIs compute it', () => {
    expect(percentChangeText(801n, 800n)).toBe('+0.13%'); // 0.125 %: away from zero (half-even would say 0.12)
    expect(percentChangeText(799n, 800n)).toBe('-0.13%');
    expect(percentChangeText(15_000n, 10_000n)).toBe('+50.00%');
    expect(percentChangeText(-5_000n, -10_000n)).toBe('+50.00%'); // a deficit halved is +50 %, whatever the sign
    expect(percentChangeText(5n, 0n)).toBe('n/a');
    expect(percentChange(801n, 800n)).toBe(0.13);
    expect(percentChange(-5_000n, -10_000n)).toBe(50);
  });

  it('average per month: total / months with data, half-even to the cent', () => {
    expect(averagePerMonthCents(250n, 4)).toBe(62n); // 62.5 -> 62
    expect(averagePerMonthCents(270n, 4)).toBe(68n); // 67.5 -> 68
    expect(averagePerMonthCents(-270n, 4)).toBe(-68n);
    expect(() => averagePerMonthCents(100n, 0)).toThrow(RangeError);
  });
});
