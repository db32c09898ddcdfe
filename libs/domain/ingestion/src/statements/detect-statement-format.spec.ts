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

  it('tells the structured formats by their markers, before a comma could make them CSV', () => {
    const mt940 = ':20:STARTUMSE\n:25:10020030/1234567890\n:28C:1/1\n:60F:C260228EUR1200,00\n:61:2603020302D45,90NDDTNONREF\n:86:Miete, Strom, Wasser\n:62F:C260331EUR1154,10\n';
    expect(detectStatementFormat(bytes(mt940), 'export.csv')).toBe('mt940');
    expect(detectStatementFormat(bytes('OFXHEADER:100\nDATA:OFXSGML\n\n<OFX>\n<SIGNONMSGSRSV1>'), 'a.csv')).toBe('ofx');
    expect(detectStatementFormat(bytes('<?xml version="1.0"?>\n<?OFX OFXHEADER="200" VERSION="220"?>\n<OFX>'), 'a.xml')).toBe('ofx');
    expect(detectStatementFormat(bytes('<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>'), 'a.ofx')).toBe('camt053');
    expect(detectStatementFormat(bytes('!Type:Bank\nD03/01/2026\nT-1,234.00\n^\n'), 'a.csv')).toBe('qif');
    // A CSV that merely mentions one of those words stays CSV.
    expect(detectStatementFormat(bytes('Date,Memo,Amount\n2026-03-01,"!Type:Bank, OFXHEADER",1.00\n'), 'a.csv')).toBe('csv');
  });

  it('reads UTF-16 text, with or without BOM, as text', () => {
    const utf16le = (s: string, bom: boolean) => new Uint8Array(Buffer.from((bom ? '\uFEFF' : '') + s, 'utf16le'));
    expect(detectStatementFormat(utf16le('!Type:CCard\r\nD2026-01-02\r\nT-3.00\r\n^\r\n', true), 'x')).toBe('qif');
    expect(detectStatementFormat(utf16le('Date;Amount\r\n2026-01-02;-3,00\r\n', false), 'x')).toBe('csv');
  });
});
