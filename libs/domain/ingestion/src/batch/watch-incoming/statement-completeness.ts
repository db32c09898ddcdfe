import { detectStatementFormat, type StatementFormat } from '../../statements/detect-statement-format.ts';
import { bomOf, utf16WithoutBom } from '../../statements/formats/decode-statement-text.ts';

/** Bytes of the file's end the completeness test looks at (a last MT940 statement fits easily). */
export const COMPLETENESS_TAIL_BYTES = 64 * 1024;

export type Completeness = { complete: true } | { complete: false; missing: string };

/**
 * Whether a file that stopped changing also looks finished, from its first and last bytes: the
 * watcher's second test after "size and mtime stable" (a writer that pauses longer than the
 * stability window must not get its first part taken as the whole file). What "finished" means
 * is the format's own end:
 *  - PDF: `%%EOF`; OFX/QFX: `</OFX>`; CAMT.053: `</Document>`;
 *  - QIF: the last record closed by `^`;
 *  - MT940: the last statement closed by `:62F:` (not a page's `:62M:`) and its line ended;
 *  - CSV and any other text: the last line ended by a line break.
 * An empty file is not finished (the writer has only created it). Binary content that is no
 * statement is "complete": nothing more can make it one, and ingest quarantines it at once.
 * Limitation (docs/statement-import.md): a CSV writer pausing exactly after a line end is
 * indistinguishable from a finished file; a CSV without trailing line break is never finished,
 * which ingest would refuse as truncated anyway.
 */
export function statementCompleteness(head: Uint8Array, tail: Uint8Array, size: number, fileName: string): Completeness {
  if (size === 0) return { complete: false, missing: 'any content (the file is empty)' };
  const format = detectStatementFormat(head, fileName);
  if (format === 'unknown' && !looksTextual(head)) return { complete: true };
  const start = tailText(head, head.subarray(0, 256), 256).replace(/^(?:\uFEFF|\u00EF\u00BB\u00BF)/, '');
  return endOf(format, tailText(head, tail, size), /^\s*</.test(start));
}

function endOf(format: StatementFormat, end: string, startsAsXml: boolean): Completeness {
  switch (format) {
    case 'pdf':
      return /%%EOF\s*$/.test(end) ? { complete: true } : { complete: false, missing: 'the PDF end marker %%EOF' };
    case 'ofx':
      return /<\/OFX>\s*$/i.test(end) ? { complete: true } : { complete: false, missing: '</OFX>' };
    case 'camt053':
      return /<\/(?:[\w.-]+:)?Document>\s*$/.test(end) ? { complete: true } : { complete: false, missing: '</Document>' };
    case 'qif':
      return /(?:^|[\r\n])\^[ \t]*[\r\n]*\s*$/.test(end) ? { complete: true } : { complete: false, missing: "the last record's closing '^'" };
    case 'mt940':
      return mt940Closed(end) ? { complete: true } : { complete: false, missing: 'a closing balance :62F: after the last entry' };
    default:
      // XML not (yet) recognisable as CAMT.053 (its head cut before the namespace): its root must be closed.
      if (startsAsXml) return /<\/[\w:.-]+>\s*$/.test(end) ? { complete: true } : { complete: false, missing: 'the closing tag of the XML root' };
      return /[\r\n]$/.test(end) ? { complete: true } : { complete: false, missing: 'a line end after the last line' };
  }
}

/** The last balance or entry tag is a final closing balance, and the text after it is finished. */
function mt940Closed(end: string): boolean {
  const tags = [...end.matchAll(/(?:^|[\r\n])(:61:|:62[FM]:)/g)];
  const last = tags.at(-1)?.[1];
  if (last !== ':62F:') return false;
  return /(?:[\r\n]|-\}?)\s*$/.test(end);
}

/** The tail as text; UTF-16 files are decoded in their byte order, anything else as Latin-1 (the markers are ASCII). */
function tailText(head: Uint8Array, tail: Uint8Array, size: number): string {
  const bom = bomOf(head);
  const utf16 = bom && bom.encoding !== 'utf-8' ? bom.encoding : utf16WithoutBom(head);
  if (!utf16) return new TextDecoder('latin1').decode(tail);
  // Keep the tail aligned on code units: it starts at byte size - tail.length of the file.
  const offset = (size - tail.length) % 2;
  const aligned = tail.subarray(offset, tail.length - ((tail.length - offset) % 2));
  return new TextDecoder(utf16).decode(aligned);
}

function looksTextual(head: Uint8Array): boolean {
  if (bomOf(head) || utf16WithoutBom(head)) return true;
  for (const b of head.subarray(0, 4096)) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1a) return false;
  return true;
}
