import { describe, expect, it } from 'vitest';
import { dashboardFiltersSchema, parseQuery, toMetricFilters } from './dashboard-filters.ts';
import { HttpError } from './http-error.ts';

const parse = (query: Record<string, string>) => parseQuery(dashboardFiltersSchema, new URLSearchParams(query));

describe('dashboard filters', () => {
  it('maps query names to the store filters and drops empty values', () => {
    const filters = parse({ customer: 'C-1', account: '', from: '2026-01-01', to: '2026-02-01', category: 'Dining' });
    expect(toMetricFilters(filters)).toEqual({ customerId: 'C-1', from: '2026-01-01', to: '2026-02-01', category: 'Dining' });
  });

  it.each([
    [{ from: '2026-03-01', to: '2026-01-01' }, 'from: from 2026-03-01 is after to 2026-01-01'],
    [{ from: '2010-01-01', to: '2026-01-01' }, 'to: the range 2010-01-01..2026-01-01 is longer than 10 years'],
    [{ to: '2026-13-01' }, 'to: expected a calendar date YYYY-MM-DD'],
  ])('refuses %j with a 400 naming the field', (query, message) => {
    let caught: unknown;
    try {
      parse(query);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(HttpError);
    expect(caught).toMatchObject({ status: 400, message });
  });

  it('accepts a range of exactly ten years', () => {
    expect(parse({ from: '2016-01-01', to: '2026-01-01' })).toMatchObject({ from: '2016-01-01', to: '2026-01-01' });
  });
});
