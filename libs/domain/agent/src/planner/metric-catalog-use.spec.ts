import { percentChange, qualifiedMeasureSql, SEMANTIC_CATALOG } from '@ledgerline/analytics';
import { describe, expect, it } from 'vitest';
import { systemPrompt } from '../graph/system-prompt.ts';
import { perMonthMoney, percentChangeText } from './answer-format.ts';
import { totalsSql } from './planner-sql.ts';

// The agent reads the metric catalog (@ledgerline/analytics SEMANTIC_CATALOG) instead of its own
// copies: its SQL measures, its percent change and its average per month are the catalog's, so
// they are the dashboard's (issue #20 item 3).
describe('the agent and the metric catalog', () => {
  it("the planner's totals SQL is the catalog's measures", () => {
    const sql = totalsSql({ customerId: 'C-000001', from: '2026-03-01', to: '2026-03-31' });
    for (const measure of ['spend', 'income', 'transactions'] as const) expect(sql).toContain(qualifiedMeasureSql(measure, 't'));
  });

  it('a percent change is rounded as the KPIs round it (half away from zero), not half-even', () => {
    // 8.00 -> 8.01 is +0.125 %: the dashboard says +0.13 %, the agent said +0.12 %.
    expect(percentChangeText('8.01', '8.00')).toBe('+0.13%');
    expect(percentChangeText('8.01', '8.00')).toBe(`+${(percentChange(801n, 800n) ?? 0).toFixed(2)}%`);
    expect(percentChangeText('7.99', '8.00')).toBe('-0.13%');
  });

  it('an average per month divides by the months with data, half-even', () => {
    expect(perMonthMoney('2.50', 4)).toBe('0.62');
    expect(() => perMonthMoney('2.50', 0)).toThrow(RangeError);
  });

  it("a chat model's system prompt states the catalog", () => {
    const prompt = systemPrompt({ baseCurrency: 'EUR', sqlRowLimit: 200 });
    for (const entry of Object.values(SEMANTIC_CATALOG)) expect(prompt).toContain(entry.description);
  });
});
