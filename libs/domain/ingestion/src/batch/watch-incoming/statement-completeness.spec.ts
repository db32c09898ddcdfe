import { describe, expect, it } from 'vitest';
import { statementCompleteness } from './statement-completeness.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const check = (text: string, name = 'f') => {
  const b = bytes(text);
  return statementCompleteness(b.subarray(0, 8192), b.subarray(Math.max(0, b.length - 65536)), b.length, name);
};
const utf16le = (text: string, bom: boolean) => new Uint8Array(Buffer.from((bom ? '\uFEFF' : '') + text, 'utf16le'));

const OFX = 'OFXHEADER:100\nDATA:OFXSGML\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR\n<BANKTRANLIST>\n<STMTTRN><TRNAMT>-1.00<FITID>1</STMTTRN>\n</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n';
const MT940 = ':20:REF\n:25:DE123\n:28C:1/1\n:60F:C260101EUR10,00\n:61:2601020102D1,00NMSCNONREF\n:86:Shop\n:62F:C260102EUR9,00\n-\n';

describe('statementCompleteness (the watcher takes only finished files)', () => {
  it('wants the format end: </OFX>, </Document>, a closing ^, :62F: after the last entry, %%EOF', () => {
    expect(check(OFX)).toEqual({ complete: true });
    expect(check(OFX.slice(0, OFX.indexOf('</BANKTRANLIST>')))).toEqual({ complete: false, missing: '</OFX>' });
    // A pause exactly after a complete line is still unfinished for a structured format.
    expect(check(OFX.slice(0, OFX.indexOf('</BANKTRANLIST>')) + '\n').complete).toBe(false);
    const camt = '<?xml version="1.0"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>\n<Stmt></Stmt>\n</BkToCstmrStmt></Document>\n';
    expect(check(camt)).toEqual({ complete: true });
    expect(check(camt.slice(0, camt.indexOf('</BkToCstmrStmt>')))).toEqual({ complete: false, missing: '</Document>' });
    expect(check('<?xml version="1.0"?>\n')).toEqual({ complete: false, missing: 'the closing tag of the XML root' });
    const qif = '!Type:Bank\nD01/02/2026\nT-1.00\nPShop\n^\n';
    expect(check(qif)).toEqual({ complete: true });
    expect(check(qif.slice(0, qif.lastIndexOf('^')))).toEqual({ complete: false, missing: "the last record's closing '^'" });
    expect(check(MT940)).toEqual({ complete: true });
    expect(check(MT940.slice(0, MT940.indexOf(':62F:')))).toEqual({ complete: false, missing: 'a closing balance :62F: after the last entry' });
    expect(check(MT940.replace(':62F:', ':62M:')).complete).toBe(false); // a page ends, the statement goes on
    expect(check('%PDF-1.7\n1 0 obj\n').complete).toBe(false);
    expect(check('%PDF-1.7\n1 0 obj\n%%EOF\n').complete).toBe(true);
  });

  it('wants a last line with its line end for CSV and other text, and content at all', () => {
    expect(check('Date,Amount\n2026-01-01,1.00\n')).toEqual({ complete: true });
    expect(check('Date,Amount\n2026-01-01,10')).toEqual({ complete: false, missing: 'a line end after the last line' });
    expect(check('')).toEqual({ complete: false, missing: 'any content (the file is empty)' });
  });

  it('reads the end of UTF-16 files in their byte order, with or without BOM, whatever the tail alignment', () => {
    const text = OFX.replace('OFXHEADER:100', 'OFXHEADER:100\nCHARSET:NONE');
    for (const bom of [true, false]) {
      const whole = utf16le(text, bom);
      expect(statementCompleteness(whole.subarray(0, 8192), whole.subarray(whole.length - 101), whole.length, 'x.ofx')).toEqual({ complete: true });
      const cut = whole.subarray(0, whole.length - 40);
      expect(statementCompleteness(cut.subarray(0, 8192), cut.subarray(cut.length - 101), cut.length, 'x.ofx').complete).toBe(false);
    }
  });

  it('calls binary content that is no statement complete (nothing will make it one; ingest quarantines it)', () => {
    const binary = new Uint8Array([0, 1, 2, 3, 0xff, 0x10]);
    expect(statementCompleteness(binary, binary, binary.length, 'x.bin')).toEqual({ complete: true });
  });
});
