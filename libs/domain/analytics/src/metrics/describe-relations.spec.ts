import { describe, expect, it } from 'vitest';
import { describeRelations } from './describe-relations.ts';

describe('describeRelations', () => {
  it('groups a catalog listing into relations, keeping the listing order', () => {
    const schema = describeRelations([
      { schema: 'main_marts', table: 'fct_spend', column: 'month', type: 'DATE', kind: 'view' },
      { schema: 'main_marts', table: 'fct_spend', column: 'amount', type: 'DECIMAL(15,2)', kind: 'view' },
      { schema: 'raw', table: 'accounts', column: 'account_id', type: 'VARCHAR', kind: 'table' },
      { schema: 'raw', table: 'transactions', column: 'tx_id', type: 'VARCHAR', kind: 'table' },
      { schema: 'raw', table: 'transactions', column: 'amount', type: 'DECIMAL(15,2)', kind: 'table' },
    ]);
    expect(schema).toEqual({
      relations: [
        { schema: 'main_marts', name: 'fct_spend', kind: 'view', columns: [{ name: 'month', type: 'DATE' }, { name: 'amount', type: 'DECIMAL(15,2)' }] },
        { schema: 'raw', name: 'accounts', kind: 'table', columns: [{ name: 'account_id', type: 'VARCHAR' }] },
        { schema: 'raw', name: 'transactions', kind: 'table', columns: [{ name: 'tx_id', type: 'VARCHAR' }, { name: 'amount', type: 'DECIMAL(15,2)' }] },
      ],
    });
  });

  it('keeps same-named tables of two schemas apart, and an empty listing is no relations', () => {
    const schema = describeRelations([
      { schema: 'raw', table: 't', column: 'a', type: 'INTEGER', kind: 'table' },
      { schema: 'marts', table: 't', column: 'b', type: 'INTEGER', kind: 'view' },
    ]);
    expect(schema.relations.map((r) => `${r.schema}.${r.name}:${r.columns.map((c) => c.name).join(',')}`)).toEqual(['raw.t:a', 'marts.t:b']);
    expect(describeRelations([])).toEqual({ relations: [] });
  });
});
