import { describe, expect, it } from 'vitest';
import { detectStatementFormat } from './detect-statement-format.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('detectStatementFormat', () => {
  it('goes by content, not by the file name', () => {
    expect(detectStatementFormat(bytes('%PDF-1.3\n%âãÏÓ\n1 0 obj'), 'statement.csv')).toBe('pdf');
    expect(detectStatementFormat(bytes('Date,Description,Amount\n2026-03-01,x,1.00\n'), 'export.pdf')).toBe('csv');
    expect(detectStatementFormat(bytes('Datum;Betrag\n01.03.2026;1,00\n'), 'export')).toBe('csv');
    expect(detectStatementFormat(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]), 'photo.csv')).toBe('unknown');
    expect(detectStatementFormat(bytes('Dear customer,\nthank you\nfor your letter\nregards\n'), 'letter.txt')).toBe('unknown');
  });

  it('uses the name only for an empty file', () => {
    expect(detectStatementFormat(new Uint8Array(0), 'march.csv')).toBe('csv');
    expect(detectStatementFormat(new Uint8Array(0), 'march.pdf')).toBe('unknown');
  });
});
