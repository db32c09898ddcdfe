// Writes the fixtures whose exact bytes matter and cannot be typed into an editor safely:
// a real Latin-1 file, a Windows-1252 file (euro sign and curly quotes in 0x80..0x9F) and a
// binary file with a .csv name. Run once, commit the output:
//   npx tsx libs/domain/ingestion/src/statements/__fixtures__/write-encoded-fixtures.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(fileURLToPath(new URL('.', import.meta.url)), 'csv');

// Characters Windows-1252 puts in 0x80..0x9F (the rest of the text is Latin-1 = code point).
const CP1252: Record<string, number> = { '€': 0x80, '“': 0x93, '”': 0x94, '–': 0x96 };

function encodeSingleByte(text: string): Uint8Array {
  return Uint8Array.from(text, (ch) => {
    const mapped = CP1252[ch];
    if (mapped !== undefined) return mapped;
    const code = ch.charCodeAt(0);
    if (code > 0xff) throw new Error(`not encodable in one byte: ${ch}`);
    return code;
  });
}

const latin1 = [
  'Kontonummer;DE44 5001 0517 5407 3249 31',
  'Zeitraum;01.03.2026 - 31.03.2026',
  ';',
  'Buchungstag;Valuta;Auftraggeber/Empfänger;Verwendungszweck;Betrag;Währung',
  '02.03.2026;02.03.2026;Bäckerei Müller;Brötchen;-4,80;EUR',
  '05.03.2026;05.03.2026;Arbeitgeber GmbH;Gehalt März 2026;3.250,00;EUR',
  '17.03.2026;18.03.2026;Stadtwerke Köln;Abschlag Strom;-1.234,56;EUR',
].join('\n');
writeFileSync(join(dir, '03-latin1-semicolon-german.csv'), encodeSingleByte(`${latin1}\n`));

const cp1252 = ['Date;Description;Amount', '2026-03-01;Café “Le Coin”;-3,20 €', '2026-03-02;Règlement facture – mars;-120,00 €'].join('\n');
writeFileSync(join(dir, '17-cp1252-euro.csv'), encodeSingleByte(`${cp1252}\n`));

// A PNG signature and header chunk: NUL bytes on the first line.
writeFileSync(join(dir, 'bad-04-binary.csv'), Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1]));
