import { bomOf, utf16WithoutBom } from './formats/decode-statement-text.ts';
import { detectStructuredFormat } from './formats/detect-structured-format.ts';
import type { StructuredStatementFormat } from './formats/parsed-statement-file.ts';

export type StatementFormat = 'pdf' | 'csv' | StructuredStatementFormat | 'unknown';

const SNIFF_BYTES = 8192;

/**
 * Decides by content, not by name: `%PDF-` in the first KiB (as readers allow) means PDF; then the
 * structured formats by their own markers (OFX, CAMT.053, QIF, MT940: detectStructuredFormat);
 * text without NUL/control bytes whose lines contain a delimiter means CSV. UTF-16 text (with or
 * without BOM) is looked at as text. The file name only breaks the tie for an empty file (a
 * 0-byte `.csv` goes to the CSV parser, which reports it precisely).
 */
export function detectStatementFormat(bytes: Uint8Array, fileName: string): StatementFormat {
  const head = bytes.subarray(0, Math.min(bytes.length, SNIFF_BYTES));
  if (indexOfAscii(head.subarray(0, 1024), '%PDF-') !== -1) return 'pdf';
  if (bytes.length === 0) return /\.(csv|txt|tsv)$/i.test(fileName) ? 'csv' : 'unknown';
  const text = sniffText(head);
  if (text === undefined) return 'unknown';
  const structured = detectStructuredFormat(text);
  if (structured) return structured;
  const lines = text.split(/\r?\n|\r/).filter((l) => l.trim() !== '');
  // Drop a possibly cut-off last line when the sniff window ended mid-file.
  const complete = bytes.length > SNIFF_BYTES && lines.length > 1 ? lines.slice(0, -1) : lines;
  const delimited = complete.filter((l) => /[,;\t|]/.test(l)).length;
  return complete.length > 0 && delimited / complete.length >= 0.5 ? 'csv' : 'unknown';
}

/** The head as text for sniffing (markers are ASCII), or undefined for binary content. */
function sniffText(head: Uint8Array): string | undefined {
  const bom = bomOf(head);
  const utf16 = bom && bom.encoding !== 'utf-8' ? bom.encoding : utf16WithoutBom(head);
  if (utf16) return new TextDecoder(utf16).decode(head.subarray(0, head.length - (head.length % 2)));
  return looksLikeText(head) ? new TextDecoder('latin1').decode(head) : undefined;
}

function looksLikeText(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1a) return false;
  return true;
}

function indexOfAscii(bytes: Uint8Array, needle: string): number {
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let k = 0; k < needle.length; k++) if (bytes[i + k] !== needle.charCodeAt(k)) continue outer;
    return i;
  }
  return -1;
}
