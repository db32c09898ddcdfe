// Writes the fixtures whose exact bytes matter (UTF-16 with and without BOM, single-byte code
// pages, a UTF-8 BOM) from the texts below. Run once and commit the output:
//   npx tsx libs/adapters/files/src/statements/__fixtures__/write-encoded-fixtures.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const write = (name: string, bytes: Uint8Array) => writeFileSync(join(dir, name), bytes);

function utf16(text: string, endian: 'le' | 'be', bom: boolean): Uint8Array {
  const le = Buffer.from((bom ? '\uFEFF' : '') + text, 'utf16le');
  if (endian === 'be') for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1] as number, le[i] as number];
  return le;
}

// Windows-1252 bytes 0x80..0x9F used below; the rest is Latin-1 (byte = code point).
const CP1252: Record<string, number> = { '€': 0x80, '–': 0x96 };
function singleByte(text: string): Uint8Array {
  return Uint8Array.from(text, (ch) => {
    const code = CP1252[ch] ?? ch.charCodeAt(0);
    if (code > 0xff) throw new Error(`not encodable in one byte: ${ch}`);
    return code;
  });
}

const ofx2 = `<?xml version="1.0" encoding="UTF-16"?>
<?OFX OFXHEADER="200" VERSION="211" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>
<OFX><BANKMSGSRSV1><STMTTRNRS><TRNUID>9</TRNUID><STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS>
<STMTRS><CURDEF>EUR</CURDEF><BANKACCTFROM><BANKID>30004</BANKID><ACCTID>FR7630004000031234567890143</ACCTID><ACCTTYPE>CHECKING</ACCTTYPE></BANKACCTFROM>
<BANKTRANLIST><DTSTART>20260601</DTSTART><DTEND>20260630</DTEND>
<STMTTRN><TRNTYPE>POS</TRNTYPE><DTPOSTED>20260603</DTPOSTED><TRNAMT>-4.60</TRNAMT><FITID>FR-0603-1</FITID><NAME>Café Crème Noël</NAME><MEMO>Carte n° 4412</MEMO></STMTTRN>
<STMTTRN><TRNTYPE>XFER</TRNTYPE><DTPOSTED>20260615</DTPOSTED><TRNAMT>800.00</TRNAMT><FITID>FR-0615-2</FITID><NAME>Virement reçu – Zoé</NAME></STMTTRN>
</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>
`;
write('ofx-07-utf16le-bom.ofx', utf16(ofx2, 'le', true));

const camt = `<?xml version="1.0" encoding="UTF-16"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr><MsgId>1</MsgId><CreDtTm>2026-07-01T00:00:00</CreDtTm></GrpHdr>
<Stmt><Id>S1</Id><Acct><Id><IBAN>ES9121000418450200051332</IBAN></Id><Ccy>EUR</Ccy></Acct>
<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">10.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-06-30</Dt></Dt></Bal>
<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">7.55</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-07-01</Dt></Dt></Bal>
<Ntry><Amt Ccy="EUR">2.45</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-07-01</Dt></BookgDt><AcctSvcrRef>ES-1</AcctSvcrRef>
<NtryDtls><TxDtls><RltdPties><Cdtr><Nm>Panadería Peña</Nm></Cdtr></RltdPties><RmtInf><Ustrd>Ensaïmada ×2</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
</Stmt></BkToCstmrStmt></Document>
`;
write('camt-07-utf16be-no-bom.xml', utf16(camt, 'be', false));

const sgml = [
  'OFXHEADER:100', 'DATA:OFXSGML', 'VERSION:103', 'SECURITY:NONE', 'ENCODING:USASCII', 'CHARSET:1252', 'COMPRESSION:NONE', 'OLDFILEUID:NONE', 'NEWFILEUID:NONE', '',
  '<OFX><BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS><STMTRS><CURDEF>EUR',
  '<BANKACCTFROM><BANKID>20041<ACCTID>0000123456X<ACCTTYPE>CHECKING</BANKACCTFROM>',
  '<BANKTRANLIST><DTSTART>20260501<DTEND>20260531',
  '<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20260510<TRNAMT>-27,90<FITID>0510A<NAME>Crêperie Saint-Malo<MEMO>Dîner – 27,90 €</STMTTRN>',
  '</BANKTRANLIST><LEDGERBAL><BALAMT>972,10<DTASOF>20260531</LEDGERBAL></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>',
  '',
].join('\r\n');
write('ofx-08-cp1252-charset.ofx', singleByte(sgml));

const latin1Camt = `<?xml version="1.0" encoding="ISO-8859-1"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr><MsgId>L1</MsgId><CreDtTm>2026-08-01T00:00:00</CreDtTm></GrpHdr>
<Stmt><Id>S1</Id><Acct><Id><IBAN>AT611904300234573201</IBAN></Id><Ccy>EUR</Ccy></Acct>
<Ntry><Amt Ccy="EUR">19.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-07-31</Dt></BookgDt><ValDt><Dt>2026-08-01</Dt></ValDt>
<NtryDtls><TxDtls><RltdPties><Cdtr><Nm>Müller Gerätebau</Nm></Cdtr></RltdPties><RmtInf><Ustrd>Gebühr Juli</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
</Stmt></BkToCstmrStmt></Document>
`;
write('camt-08-latin1-declared.xml', singleByte(latin1Camt));

const mt940 = [':20:UBS-0901', ':25:CH5604835012345678009', ':28C:1/1', ':60F:C260831CHF500,00', ':61:2609010901D42,00NMSCNONREF//UBS0901-1', ':86:Einkauf Zürich Hauptbahnhof', ':62F:C260901CHF458,00', ''].join('\r\n');
write('mt940-04-utf8-bom.sta', new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(mt940, 'utf8')]));

const undeclared = ['!Type:Bank', 'D2026-09-02', 'T-3.10', 'PBäckerei Kröger', '^', ''].join('\n');
write('bad-qif-07-undeclared-latin1.qif', singleByte(undeclared));
