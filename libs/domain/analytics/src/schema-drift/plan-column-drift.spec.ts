import { describe, expect, it } from 'vitest';
import { TRANSACTIONS_SYNC_TABLE } from '@ledgerline/warehouse-sync';
import { planColumnDrift, type SourceColumn } from './plan-column-drift.ts';

const current: SourceColumn[] = [
  ...TRANSACTIONS_SYNC_TABLE.columns.map((c) => ({ table: 'transactions', name: c.name, dataType: 'text', numericScale: null })),
  { table: 'transactions', name: 'change_seq', dataType: 'bigint', numericScale: 0 },
  { table: 'transactions', name: 'change_xid', dataType: 'xid8', numericScale: null },
];

describe('planColumnDrift', () => {
  it('changes nothing when Postgres has exactly the configured columns', () => {
    const plan = planColumnDrift([TRANSACTIONS_SYNC_TABLE], current);
    expect(plan).toEqual({ specs: [TRANSACTIONS_SYNC_TABLE], added: [], problems: [] });
  });

  it('adds new columns with their RAW type and explains the ones it cannot sync', () => {
    const plan = planColumnDrift(
      [TRANSACTIONS_SYNC_TABLE],
      [
        ...current,
        { table: 'transactions', name: 'fee_amount', dataType: 'numeric', numericScale: 2 },
        { table: 'transactions', name: 'risk_score', dataType: 'numeric', numericScale: 4 },
        { table: 'transactions', name: 'settled_at', dataType: 'timestamp with time zone', numericScale: null },
        { table: 'transactions', name: 'geo', dataType: 'point', numericScale: null },
        { table: 'transactions', name: '_secret', dataType: 'text', numericScale: null },
      ],
    );
    expect(plan.added.map((a) => [a.column.name, a.column.type])).toEqual([
      ['fee_amount', 'money'],
      ['risk_score', 'string'],
      ['settled_at', 'timestamp'],
    ]);
    expect(plan.specs[0]?.columns.slice(-3).map((c) => c.name)).toEqual(['fee_amount', 'risk_score', 'settled_at']);
    expect(plan.problems.map((p) => [p.column, p.blocking])).toEqual([
      ['geo', false],
      ['_secret', false],
    ]);
    expect(plan.problems[0]?.advice).toMatch(/point has no RAW equivalent.*sync --full/);
  });

  it('says what to do when a configured column disappeared from Postgres', () => {
    const plan = planColumnDrift([TRANSACTIONS_SYNC_TABLE], current.filter((c) => c.name !== 'description'));
    expect(plan.problems).toEqual([expect.objectContaining({ table: 'transactions', column: 'description', blocking: true })]);
    expect(plan.problems[0]?.advice).toMatch(/default-sync-tables\.ts/);
  });
});
