import { describe, expect, it } from 'vitest';
import { formatCsv } from './format-csv.ts';
import { cellText, formatTable } from './format-table.ts';

const columns = [
  { name: 'merchant', type: 'VARCHAR' },
  { name: 'spend', type: 'DECIMAL(38,2)' },
];

describe('query output', () => {
  it('formats a table with numbers right-aligned and NULL spelled out', () => {
    const table = formatTable(columns, [
      { merchant: 'Grocer', spend: '1234.50' },
      { merchant: null, spend: '7.00' },
    ]);
    expect(table.split('\n')).toEqual(['merchant |   spend', '---------+--------', 'Grocer   | 1234.50', 'NULL     |    7.00']);
  });

  it('cuts long cells and flattens newlines', () => {
    expect(cellText('a\nb')).toBe('a b');
    expect(cellText('x'.repeat(100))).toHaveLength(60);
  });

  it('writes RFC 4180 CSV, quoting only when needed', () => {
    expect(formatCsv(columns, [{ merchant: 'Say "hi", Ltd', spend: '1.00' }, { merchant: null, spend: '2.00' }])).toBe(
      'merchant,spend\r\n"Say ""hi"", Ltd",1.00\r\n,2.00\r\n',
    );
  });
});
