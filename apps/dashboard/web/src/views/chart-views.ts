import type { BalanceRow, CashflowRow, CategorySeries, MerchantRow } from '../api-types.ts';
import { draw, PALETTE } from '../charts.ts';
import { money } from '../format.ts';

const GRID = { left: 8, right: 16, top: 40, bottom: 8, containLabel: true };
const moneyTooltip = { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? money(v.toFixed(2)) : String(v)) };

/** Stacked bars: one series per category, one bar per period. */
export function drawCategorySeries(element: HTMLElement, data: CategorySeries): void {
  draw(element, {
    color: PALETTE,
    tooltip: moneyTooltip,
    legend: { type: 'scroll', top: 0 },
    grid: GRID,
    xAxis: { type: 'category', data: data.periods.map((p) => (data.grain === 'month' ? p.slice(0, 7) : p)) },
    yAxis: { type: 'value' },
    series: data.series.map((s) => ({ name: s.category, type: 'bar', stack: 'spend', emphasis: { focus: 'series' }, data: s.values.map(Number) })),
  });
}

/** Horizontal bars, largest on top. */
export function drawMerchants(element: HTMLElement, rows: readonly MerchantRow[]): void {
  const ordered = [...rows].reverse();
  draw(element, {
    color: PALETTE,
    tooltip: moneyTooltip,
    grid: { ...GRID, top: 8 },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: ordered.map((r) => r.merchant) },
    series: [{ name: 'Spend', type: 'bar', data: ordered.map((r) => Number(r.spend)) }],
  });
}

/** Income and spend bars per month, net as a line. */
export function drawCashflow(element: HTMLElement, rows: readonly CashflowRow[]): void {
  draw(element, {
    color: ['#4aa36c', '#c6505a', '#2f6fb0'],
    tooltip: moneyTooltip,
    legend: { top: 0 },
    grid: GRID,
    xAxis: { type: 'category', data: rows.map((r) => r.month) },
    yAxis: { type: 'value' },
    series: [
      { name: 'Income', type: 'bar', data: rows.map((r) => Number(r.income)) },
      { name: 'Spend', type: 'bar', data: rows.map((r) => Number(r.spend)) },
      { name: 'Net', type: 'line', data: rows.map((r) => Number(r.net)) },
    ],
  });
}

/** End-of-day balance, one point per day. */
export function drawBalance(element: HTMLElement, rows: readonly BalanceRow[]): void {
  draw(element, {
    color: ['#2f6fb0'],
    tooltip: moneyTooltip,
    grid: { ...GRID, top: 16 },
    xAxis: { type: 'category', data: rows.map((r) => r.date) },
    yAxis: { type: 'value', scale: true, name: rows[0]?.currency ?? '' },
    series: [{ name: 'Balance', type: 'line', showSymbol: false, areaStyle: { opacity: 0.08 }, data: rows.map((r) => Number(r.balance)) }],
  });
}
