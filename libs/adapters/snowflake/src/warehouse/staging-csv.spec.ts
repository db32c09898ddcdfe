import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csvField, writeStagingCsv } from './staging-csv.ts';
import { stagedRows } from './staged-values.ts';
import { CONTRACT_TABLE, contractItem, contractTombstone } from '@ledgerline/warehouse-sync/testing';

describe('staging rows', () => {
  it('turn every logical type into exact text, and tombstones into key + NULLs + _DELETED', () => {
    const rows = stagedRows(CONTRACT_TABLE, [contractItem('a', 5n, { label: null })], [contractTombstone('gone', 6n)]);
    expect(rows).toEqual([
      ['a', null, '12.30', '123456789012.12345678', '2026-10-03T08:15:00.123456Z', 'TRUE', '9007199254740993', '-7', '5', 'FALSE'],
      ['gone', null, null, null, null, null, null, null, '6', 'TRUE'],
    ]);
  });

  it('name the column of a value with the wrong type', () => {
    expect(() => stagedRows(CONTRACT_TABLE, [contractItem('a', 1n, { amount: 12.3 })], [])).toThrow('column amount: expected decimal string, got number 12.3');
    expect(() => stagedRows(CONTRACT_TABLE, [contractItem('a', 1n, { big: 5 })], [])).toThrow('column big: expected bigint');
  });
});

describe('staging CSV', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'sf-csv-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps NULL and the empty string apart, and quotes what CSV would break on', () => {
    expect(csvField(null)).toBe('');
    expect(csvField('')).toBe('""');
    expect(csvField('say "hi", then\nleave \\N')).toBe('"say ""hi"", then\nleave \\N"');
  });

  it('writes one line per row into a private directory that remove() deletes', async () => {
    const file = await writeStagingCsv(dir, 'payments', [
      ['p1', '12.30', null],
      ['p2', '', 'TRUE'],
    ]);
    expect(readFileSync(file.path, 'utf8')).toBe('"p1","12.30",\n"p2","","TRUE"\n');
    expect(file.stagedName).toBe(`${file.path.split('/').at(-1)}.gz`);
    expect(file.rows).toBe(2);
    await file.remove();
    expect(existsSync(dirname(file.path))).toBe(false);
  });
});
