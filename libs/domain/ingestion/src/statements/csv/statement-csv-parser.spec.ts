import { describe, expect, it } from 'vitest';
import { StatementParseError } from '../statement-parse-error.ts';
import { parseMappingProfile } from './mapping-profile.ts';
import { parseStatementCsv, streamStatementCsv } from './parse-statement-csv.ts';
import { StatementCsvParser } from './statement-csv-parser.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

async function* chunksOf(data: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

describe('StatementCsvParser', () => {
  it('streams a large file in batches with the right totals, holding back nothing once dates are settled', async () => {
    const lines = ['Datum;Beschreibung;Betrag'];
    let expectedCents = 0n;
    for (let i = 0; i < 20_000; i++) {
      const day = 1 + (i % 28);
      const cents = BigInt((i % 5000) + 1) * (i % 2 === 0 ? -1n : 1n);
      expectedCents += cents;
      const abs = cents < 0n ? -cents : cents;
      const formatted = `${cents < 0n ? '-' : ''}${abs / 100n},${String(abs % 100n).padStart(2, '0')}`;
      lines.push(`${String(day).padStart(2, '0')}.03.2026;Zahlung ${i};${formatted}`);
    }
    const data = bytes(`${lines.join('\n')}\n`);
    let count = 0;
    let sum = 0n;
    let batches = 0;
    let lastDialect;
    for await (const batch of streamStatementCsv(chunksOf(data, 16 * 1024), { file: 'big.csv' })) {
      batches += 1;
      count += batch.rows.length;
      for (const r of batch.rows) sum += BigInt(r.amount.replace('.', ''));
      lastDialect = batch.dialect;
    }
    expect(count).toBe(20_000);
    expect(sum).toBe(expectedCents);
    expect(batches).toBeGreaterThan(10);
    expect(lastDialect).toMatchObject({ delimiter: ';', decimalSeparator: ',', dateFormat: 'DD.MM.YYYY' });
  });

  it('holds ambiguous rows until a later row settles the order, then releases them in file order', () => {
    const parser = new StatementCsvParser({ sampleLines: 1 });
    const head = 'Date,Description,Amount\n01/02/2026,a,-1\n03/04/2026,b,-2\n2026-05-05T00:00:00Z,iso,-3\n';
    expect(parser.push(bytes(head))).toEqual([]);
    const released = parser.push(bytes('04/13/2026,c,-4\n'));
    expect(released.map((r) => [r.line, r.date])).toEqual([
      [2, '2026-01-02'],
      [3, '2026-03-04'],
      [4, '2026-05-05'],
      [5, '2026-04-13'],
    ]);
    expect(parser.push(bytes('05/06/2026,d,-5\n')).map((r) => r.date)).toEqual(['2026-05-06']);
    expect(parser.end()).toEqual([]);
  });

  it('refuses a date that contradicts the order established earlier', () => {
    const csv = 'Date,Description,Amount\n25/03/2026,a,-1\n03/26/2026,b,-2\n';
    expect(() => parseStatementCsv(bytes(csv), { file: 'f.csv' })).toThrow(
      "f.csv: line 3, column 'Date': '03/26/2026' is not a valid date (this file's dates are DD/MM/YYYY, as line 2 '25/03/2026' shows)",
    );
  });

  it('bounds the rows held back for an undecided date order', () => {
    const rows = Array.from({ length: 50 }, (_, i) => `0${1 + (i % 9)}/0${1 + (i % 8)}/2026,x,-1`);
    const parser = new StatementCsvParser({ maxPendingRows: 10, sampleLines: 5 });
    expect(() => parser.push(bytes(`Date,Description,Amount\n${rows.join('\n')}\n`))).toThrow(/still undetermined after 10 rows/);
  });

  it('lets a mapping profile settle an ambiguous file and flip the sign convention', () => {
    const csv = bytes('Date,Description,Amount\n01/02/2026,Card,12.30\n03/04/2026,Payment received,-50.00\n');
    expect(() => parseStatementCsv(csv)).toThrow(StatementParseError);
    const profile = parseMappingProfile({ name: 'card-export', dateFormat: 'MM/DD/YYYY', signConvention: 'positive-is-out' });
    const { rows, dialect } = parseStatementCsv(csv, { profile });
    expect(rows.map((r) => [r.date, r.amount])).toEqual([
      ['2026-01-02', '-12.30'],
      ['2026-03-04', '50.00'],
    ]);
    expect(dialect).toMatchObject({ profile: 'card-export', dateFormat: 'MM/DD/YYYY', signConvention: 'positive-is-out' });
  });

  it('takes columns, header line and delimiter from a profile', () => {
    const csv = bytes('Export;2026\nWhen;What;Out;In;Note\n2026-03-01;Rent;900,00;;x\n2026-03-02;Pay;;2000,00;y\n');
    const profile = parseMappingProfile({ delimiter: ';', headerRow: 2, columns: { date: 'when', description: ['What', 5], debit: 'Out', credit: 'In' } });
    const { rows, dialect } = parseStatementCsv(csv, { profile });
    expect(rows).toEqual([
      { line: 3, date: '2026-03-01', description: 'Rent - x', amount: '-900.00' },
      { line: 4, date: '2026-03-02', description: 'Pay - y', amount: '2000.00' },
    ]);
    expect(dialect).toMatchObject({ headerLine: 2, amountStyle: 'debit-credit', columns: { date: 'When', description: ['What', 'Note'] } });
    const wrong = parseMappingProfile({ headerRow: 2, columns: { date: 'Datum', amount: 'Out' } });
    expect(() => parseStatementCsv(csv, { profile: wrong })).toThrow(/line 2: profile column\(s\) 'Datum' not found in the header/);
  });

  it('finds a header behind a long preamble and reports the preamble', () => {
    const preamble = Array.from({ length: 300 }, (_, i) => `Info ${i},value ${i}`).join('\n');
    const { rows, dialect } = parseStatementCsv(bytes(`${preamble}\nDate,Details,Amount\n2026-03-01,x,1.00\n`));
    expect(dialect.headerLine).toBe(301);
    expect(dialect.preamble).toHaveLength(300);
    expect(rows).toEqual([{ line: 302, date: '2026-03-01', description: 'x', amount: '1.00' }]);
  });

  it('reports precise errors for debit/credit conflicts and bad indicator cells', () => {
    const both = bytes('Date,Description,Debit,Credit\n2026-03-01,x,1.00,2.00\n');
    expect(() => parseStatementCsv(both)).toThrow("line 2, column 'Debit/Credit': both debit and credit hold an amount");
    const none = bytes('Date,Description,Debit,Credit\n2026-03-01,x,,\n');
    expect(() => parseStatementCsv(none)).toThrow(/no amount in either debit or credit/);
    const indicator = bytes('Datum;Text;Betrag;Soll/Haben\n01.03.2026;x;1,00;S\n02.03.2026;y;2,00;?\n');
    expect(() => parseStatementCsv(indicator)).toThrow("line 3, column 'Soll/Haben': '?' is not a debit/credit indicator");
  });

  it('accepts a header-only file (a month without transactions) and a trailing delimiter', () => {
    expect(parseStatementCsv(bytes('Date,Description,Amount\n')).rows).toEqual([]);
    expect(parseStatementCsv(bytes('Date,Description,Amount,\n2026-03-01,x,1.00,\n')).rows).toHaveLength(1);
    expect(() => parseStatementCsv(bytes('\n\n  \n'))).toThrow('empty file: no header and no data lines');
  });
});
