import { StatementParseError } from '../statement-parse-error.ts';
import type { TextCodec } from './text-codec.port.ts';

export interface DecodedStatementText {
  text: string;
  /** Label of the encoding used. */
  encoding: string;
  bom: boolean;
}

export interface DecodeOptions {
  /** `--encoding`: wins over everything but a BOM. */
  forced?: string;
  /** The encoding the file names in its own header (OFX CHARSET, the XML declaration). */
  declared?: string;
  /** Legacy encodings: decoding and detection. Without it, only Unicode files can be read. */
  codec?: TextCodec;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const UNICODE = new Set(['utf-8', 'utf8', 'utf-16le', 'utf-16be', 'utf-16', 'unicode-1-1-utf-8']);
/** A detector's guess is taken only this sure, and only if the runner-up decodes to the same text or is far behind. */
const MIN_CONFIDENCE = 50;
const CLEAR_LEAD = 20;
export const UNKNOWN_ENCODING_REASON = 'cannot determine the encoding; pass --encoding';

/**
 * Decodes a statement file whole, strictly. Order: a BOM (UTF-8, UTF-16 LE/BE) decides; then
 * UTF-16 without BOM, told by its NUL bytes at every other position; then `forced`
 * (`--encoding`) or `declared`; then valid UTF-8; then a legacy code page the detector is sure
 * of (and that decodes to plausible text). Anything else is refused rather than stored with
 * replacement characters or mojibake.
 */
export function decodeStatementText(bytes: Uint8Array, options: DecodeOptions = {}): DecodedStatementText {
  const bom = bomOf(bytes);
  if (bom) return { text: checked(unicode(bytes.subarray(bom.length), bom.encoding), bom.encoding), encoding: bom.encoding, bom: true };
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return { text: checked(unicode(bytes, utf16), utf16), encoding: utf16, bom: false };
  const label = (options.forced ?? options.declared)?.toLowerCase();
  if (label !== undefined) return { text: checked(decodeAs(bytes, label, options.codec), label), encoding: label, bom: false };
  const utf8 = unicode(bytes, 'utf-8');
  if (utf8 !== undefined) return { text: checked(utf8, 'utf-8'), encoding: 'utf-8', bom: false };
  const guessed = guessLegacyEncoding(bytes, options.codec);
  if (!guessed) throw new StatementParseError({ line: 0, reason: UNKNOWN_ENCODING_REASON });
  return { text: checked(guessed.text, guessed.encoding), encoding: guessed.encoding, bom: false };
}

/**
 * The legacy code page of bytes that are not Unicode, when the detector is sure: its best guess
 * has confidence >= 50, decodes to plausible text, and no runner-up within 20 points reads the
 * bytes differently. Undefined otherwise (the caller refuses the file).
 */
export function guessLegacyEncoding(bytes: Uint8Array, codec: TextCodec | undefined): { text: string; encoding: string } | undefined {
  if (!codec) return undefined;
  const candidates = codec.detect(bytes).filter((c) => codec.supports(c.encoding) && !UNICODE.has(c.encoding));
  const [best, second] = candidates;
  if (!best || best.confidence < MIN_CONFIDENCE) return undefined;
  const text = codec.decode(bytes, best.encoding);
  if (text === undefined || !plausible(text)) return undefined;
  if (second && best.confidence - second.confidence < CLEAR_LEAD) {
    const other = codec.decode(bytes, second.encoding);
    if (other !== undefined && other !== text && plausible(other)) return undefined;
  }
  return { text, encoding: best.encoding };
}

/** Decoded text without C1 controls (what Latin bytes read in the wrong code page give) or replacement characters. */
function plausible(text: string): boolean {
  return !/[\u0080-\u009f\ufffd]/.test(text);
}

function decodeAs(bytes: Uint8Array, label: string, codec: TextCodec | undefined): string {
  if (UNICODE.has(label)) {
    const text = unicode(bytes, label === 'utf-16' ? 'utf-16le' : label);
    if (text === undefined) throw new StatementParseError({ line: 0, reason: `the bytes are not valid ${label}; ${UNKNOWN_ENCODING_REASON}` });
    return text;
  }
  if (!codec || !codec.supports(label)) throw new StatementParseError({ line: 0, reason: `unknown encoding '${label}'` });
  const text = codec.decode(bytes, label);
  if (text === undefined || /\ufffd/.test(text)) throw new StatementParseError({ line: 0, reason: `the bytes are not valid ${label}; ${UNKNOWN_ENCODING_REASON}` });
  return text;
}

/** The BOM's encoding and length, if the bytes start with one. */
export function bomOf(bytes: Uint8Array): { encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; length: number } | undefined {
  if (UTF8_BOM.every((b, i) => bytes[i] === b)) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/**
 * Text in UTF-16 without a BOM: mostly-ASCII text puts a NUL in every other byte. Demands that
 * nearly all pairs of the sample look so, so a binary file with scattered NULs is not taken for text.
 */
export function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const pairs = Math.min(Math.floor(bytes.length / 2), 2048);
  if (pairs < 2) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < pairs; i++) {
    if (bytes[2 * i] === 0) evenNul += 1;
    if (bytes[2 * i + 1] === 0) oddNul += 1;
  }
  if (oddNul >= pairs * 0.7 && evenNul === 0) return 'utf-16le';
  if (evenNul >= pairs * 0.7 && oddNul === 0) return 'utf-16be';
  return undefined;
}

/** UTF-8 or UTF-16 through the platform decoder (correct for these on every Node version), strictly. */
function unicode(bytes: Uint8Array, label: string): string | undefined {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function checked(text: string | undefined, label: string): string {
  if (text === undefined) throw new StatementParseError({ line: 0, reason: `the bytes are not valid ${label}; ${UNKNOWN_ENCODING_REASON}` });
  const at = firstBinaryControl(text);
  if (at !== -1) {
    const line = text.slice(0, at).split('\n').length;
    throw new StatementParseError({ line, reason: `not a text statement: binary content (control character U+${text.charCodeAt(at).toString(16).toUpperCase().padStart(4, '0')})` });
  }
  return text;
}

/** Index of the first C0 control other than tab, LF, FF, CR and the DOS end-of-file mark 0x1A (all found in real exports); -1 if none. */
function firstBinaryControl(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d && c !== 0x1a) return i;
  }
  return -1;
}
