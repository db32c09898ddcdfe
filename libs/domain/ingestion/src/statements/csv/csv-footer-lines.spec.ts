import { describe, expect, it } from 'vitest';
import { StatementParseError } from '../statement-parse-error.ts';
import { parseStatementCsv, streamStatementCsv } from './parse-statement-csv.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

function parseError(text: string): StatementParseError {
  try {
    parseStatementCsv(bytes(text), { file: 'x.csv' });
  } catch (error) {
    if (error instanceof StatementParseError) return error;
    throw error;
  }
  throw new Error('expected a StatementParseError');
}

const TABLE = ['Date,Description,Amount,Balance', '2026-03-01,Coffee,-3.50,96.50', '2026-03-02,Refund,10.00,106.50'];

describe('summary lines after the table', () => {
  it('skips "Total", "End of statement" and blank lines at the end of the file', () => {
    const text = [...TABLE, '', 'Total,,6.50,', 'End of statement - 2 transactions', '', ''].join('\r\n');
    const { rows } = parseStatementCsv(bytes(text));
    expect(rows.map((r) => [r.line, r.date, r.amount])).toEqual([
      [2, '2026-03-01', '-3.50'],
      [3, '2026-03-02', '10.00'],
    ]);
  });

  it('skips them when the file arrives in small chunks too', async () => {
    const text = `${[...TABLE, 'Closing balance,,,106.50', 'Summary'].join('\n')}\n`;
    const data = bytes(text);
    async function* chunks() {
      for (let i = 0; i < data.length; i += 7) yield data.subarray(i, i + 7);
    }
    let count = 0;
    for await (const batch of streamStatementCsv(chunks())) count += batch.rows.length;
    expect(count).toBe(2);
  });

  it('still fails on a footer-like line followed by a real row: it was a bad row in the middle', () => {
    const error = parseError([TABLE[0], TABLE[1], 'Subtotal', TABLE[2]].join('\n'));
    expect(error.line).toBe(3);
    expect(error.reason).toContain('wrong column count');
  });

  it('still fails on a wrong column count or a bad date at the end when the line looks like a row', () => {
    expect(parseError([...TABLE, '2026-03-03,Short'].join('\n')).reason).toContain('wrong column count');
    const badDate = parseError([...TABLE, '2026-02-31,Late,-1.00,105.50'].join('\n'));
    expect([badDate.line, badDate.column]).toEqual([4, 'Date']);
  });

  it('does not skip a text line that is the only line under the header', () => {
    expect(parseError([TABLE[0], 'Total,,0.00,'].join('\n')).line).toBe(2);
  });
});
