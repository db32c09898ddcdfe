export type StatementFormat = 'pdf' | 'csv' | 'unknown';

const SNIFF_BYTES = 8192;

/**
 * Decides by content, not by name: `%PDF-` in the first KiB (as readers allow) means PDF; text
 * without NUL/control bytes whose lines contain a delimiter means CSV. The file name only breaks
 * the tie for an empty file (a 0-byte `.csv` goes to the CSV parser, which reports it precisely).
 */
export function detectStatementFormat(bytes: Uint8Array, fileName: string): StatementFormat {
  const head = bytes.subarray(0, Math.min(bytes.length, SNIFF_BYTES));
  if (indexOfAscii(head.subarray(0, 1024), '%PDF-') !== -1) return 'pdf';
  if (bytes.length === 0) return /\.(csv|txt|tsv)$/i.test(fileName) ? 'csv' : 'unknown';
  if (!looksLikeText(head)) return 'unknown';
  const text = new TextDecoder('latin1').decode(head);
  const lines = text.split(/\r?\n|\r/).filter((l) => l.trim() !== '');
  // Drop a possibly cut-off last line when the sniff window ended mid-file.
  const complete = bytes.length > SNIFF_BYTES && lines.length > 1 ? lines.slice(0, -1) : lines;
  const delimited = complete.filter((l) => /[,;\t|]/.test(l)).length;
  return complete.length > 0 && delimited / complete.length >= 0.5 ? 'csv' : 'unknown';
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
