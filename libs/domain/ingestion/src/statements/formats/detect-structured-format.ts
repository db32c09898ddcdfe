import type { StructuredStatementFormat } from './parsed-statement-file.ts';

const MT940_TAGS = /^:(20|25|28C?|60[FM]|61|62[FM]):/gm;

/**
 * Which structured format the start of a file is, by its content (never its name):
 * OFX 1.x (`OFXHEADER:`) and 2.x/QFX (`<?OFX` processing instruction or an `<OFX>` root);
 * CAMT.053 (a `BkToCstmrStmt` element or the camt.053 namespace); QIF (a `!Type:`/`!Account`/
 * `!Option` header line first); MT940 (at least three of its field tags at line starts, e.g.
 * `:20:`, `:25:`, `:60F:`). Commas inside MT940 or OFX text do not make it CSV.
 */
export function detectStructuredFormat(head: string): StructuredStatementFormat | undefined {
  const start = head.replace(/^\uFEFF/, '').trimStart();
  if (/^OFXHEADER\s*:/i.test(start) || /<\?OFX\s/i.test(head) || /^(<\?xml[^>]*>\s*)?<OFX>/i.test(start)) return 'ofx';
  if (/<(\w+:)?BkToCstmrStmt[\s>]/.test(head) || /urn:iso:std:iso:20022:tech:xsd:camt\.053/.test(head)) return 'camt053';
  if (/^!(Type|Account|Option|Clear)\b/i.test(start)) return 'qif';
  const tags = new Set(Array.from(head.matchAll(MT940_TAGS), (m) => m[1]));
  if (tags.size >= 3 && (tags.has('20') || tags.has('25'))) return 'mt940';
  return undefined;
}

/**
 * The encoding a file names in its own header: the XML declaration's `encoding`, or OFX 1.x's
 * `CHARSET` (a Windows code page number, or ISO-8859-1) and `ENCODING:UTF-8`. As a WHATWG label.
 */
export function declaredEncoding(head: string): string | undefined {
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head);
  if (xml) return (xml[1] as string).toLowerCase();
  if (!/^\s*OFXHEADER\s*:/i.test(head)) return undefined;
  const encoding = /^ENCODING\s*:\s*(\S+)/im.exec(head)?.[1]?.toUpperCase();
  if (encoding === 'UTF-8' || encoding === 'UNICODE') return 'utf-8';
  const charset = /^CHARSET\s*:\s*(\S+)/im.exec(head)?.[1]?.toUpperCase();
  if (charset === undefined || charset === 'NONE') return undefined;
  if (/^\d{3,4}$/.test(charset)) return `windows-${charset}`;
  return charset.toLowerCase();
}
