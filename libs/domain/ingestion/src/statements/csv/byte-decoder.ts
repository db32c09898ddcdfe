import { StatementParseError } from '../statement-parse-error.ts';

export const TEXT_ENCODINGS = ['utf-8', 'windows-1252', 'iso-8859-1'] as const;
export type TextEncodingName = (typeof TEXT_ENCODINGS)[number];

/** Incremental bytes -> text. Chunks may split multi-byte characters anywhere. */
export interface ByteDecoder {
  decode(chunk: Uint8Array): string;
  end(): string;
  /** The encoding in use so far ('utf-8' while the bytes seen are plain ASCII). */
  readonly encoding: TextEncodingName;
  readonly bom: boolean;
  /** Bytes consumed so far (0 means an empty file at `end()`). */
  readonly byteCount: number;
}

// Windows-1252 differs from Latin-1 only in 0x80..0x9F; bytes it leaves undefined map to the
// same code point, as the WHATWG decoder does.
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

type Mode = 'undecided' | TextEncodingName;

/**
 * Decides the encoding by UTF-8 validity rather than trusting a label: a UTF-8 BOM or the first
 * valid multi-byte sequence means UTF-8; the first byte >= 0x80 that is not valid UTF-8 (while
 * everything before was ASCII) means Windows-1252. So a Latin-1 file whose first thousand lines
 * are ASCII still decodes correctly. NUL and other C0 control bytes mean "not a text CSV".
 */
export function createByteDecoder(forced?: TextEncodingName): ByteDecoder {
  return new AdaptiveByteDecoder(forced);
}

class AdaptiveByteDecoder implements ByteDecoder {
  private mode: Mode;
  private carry: Uint8Array = new Uint8Array(0);
  private started = false;
  private hasBom = false;
  private lineNo = 1;
  private consumed = 0;
  private readonly utf8 = new TextDecoder('utf-8');

  constructor(forced?: TextEncodingName) {
    this.mode = forced ?? 'undecided';
  }

  get encoding(): TextEncodingName {
    return this.mode === 'undecided' ? 'utf-8' : this.mode;
  }
  get bom(): boolean {
    return this.hasBom;
  }
  get byteCount(): number {
    return this.consumed;
  }

  decode(chunk: Uint8Array): string {
    this.consumed += chunk.length;
    return this.process(concat(this.carry, chunk), false);
  }

  end(): string {
    return this.process(this.carry, true);
  }

  private process(input: Uint8Array, final: boolean): string {
    let bytes = input;
    if (!this.started) {
      if (bytes.length < 3 && !final && isPrefixOf(bytes, [0xef, 0xbb, 0xbf])) {
        this.carry = bytes;
        return '';
      }
      this.started = true;
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
        this.hasBom = true;
        this.mode = 'utf-8';
        bytes = bytes.subarray(3);
      } else if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
        throw new StatementParseError({ line: 1, reason: 'not a text CSV: UTF-16 encoded files are not supported (export as UTF-8)' });
      }
    }
    let text: string;
    if (this.mode === 'undecided' || this.mode === 'utf-8') text = this.decodeUtf8(bytes, final);
    else text = this.decodeSingleByte(bytes, this.mode);
    this.countLines(text);
    return text;
  }

  private decodeUtf8(bytes: Uint8Array, final: boolean): string {
    const scan = scanUtf8(bytes, (line) => this.lineNo + line);
    // At the end of the file a split sequence can no longer be completed: it is invalid.
    const invalidAt = scan.invalidAt === -1 && final && scan.completeEnd < bytes.length ? scan.completeEnd : scan.invalidAt;
    if (invalidAt === -1) {
      if (scan.sawMultibyte) this.mode = 'utf-8';
      this.carry = bytes.slice(scan.completeEnd);
      return this.utf8.decode(bytes.subarray(0, scan.completeEnd));
    }
    if (this.mode === 'utf-8' || scan.sawMultibyte) this.failInvalidUtf8(bytes, invalidAt);
    // Everything before the invalid byte is ASCII, identical in both encodings: switch for good.
    this.mode = 'windows-1252';
    this.carry = new Uint8Array(0);
    return this.decodeSingleByte(bytes, 'windows-1252');
  }

  private failInvalidUtf8(bytes: Uint8Array, at: number): never {
    const line = this.lineNo + countNewlines(bytes, at);
    const byte = (bytes[at] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    throw new StatementParseError({ line, reason: `not a text CSV: invalid UTF-8 byte 0x${byte} in a file that is otherwise UTF-8` });
  }

  private decodeSingleByte(bytes: Uint8Array, mode: 'windows-1252' | 'iso-8859-1'): string {
    checkControlBytes(bytes, (line) => this.lineNo + line);
    this.carry = new Uint8Array(0);
    const parts: string[] = [];
    const codes = new Uint16Array(Math.min(bytes.length, 8192));
    for (let start = 0; start < bytes.length; start += codes.length) {
      const end = Math.min(bytes.length, start + codes.length);
      for (let i = start; i < end; i++) {
        const b = bytes[i] as number;
        codes[i - start] = mode === 'windows-1252' && b >= 0x80 && b <= 0x9f ? (CP1252_HIGH[b - 0x80] as number) : b;
      }
      parts.push(String.fromCharCode(...codes.subarray(0, end - start)));
    }
    return parts.join('');
  }

  private countLines(text: string): void {
    let i = text.indexOf('\n');
    while (i !== -1) {
      this.lineNo += 1;
      i = text.indexOf('\n', i + 1);
    }
  }
}

interface Utf8Scan {
  /** Index of the first invalid byte, -1 if none. */
  invalidAt: number;
  /** End of the last complete character (a split sequence at the end is carried over). */
  completeEnd: number;
  sawMultibyte: boolean;
}

/** Validates UTF-8 (no overlongs, no surrogates) and rejects NUL / C0 control bytes on the way. */
function scanUtf8(bytes: Uint8Array, lineAt: (newlinesBefore: number) => number): Utf8Scan {
  let sawMultibyte = false;
  let newlines = 0;
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      if (b === 0x0a) newlines += 1;
      else if (isBinaryControl(b)) failBinary(b, lineAt(newlines));
      i += 1;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return { invalidAt: i, completeEnd: i, sawMultibyte };
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return { invalidAt: -1, completeEnd: i, sawMultibyte };
      const c = bytes[i + k] as number;
      const min = k === 1 ? lo : 0x80;
      const max = k === 1 ? hi : 0xbf;
      if (c < min || c > max) return { invalidAt: i, completeEnd: i, sawMultibyte };
    }
    sawMultibyte = true;
    i += need + 1;
  }
  return { invalidAt: -1, completeEnd: n, sawMultibyte };
}

function checkControlBytes(bytes: Uint8Array, lineAt: (newlinesBefore: number) => number): void {
  let newlines = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b === 0x0a) newlines += 1;
    else if (b < 0x20 && isBinaryControl(b)) failBinary(b, lineAt(newlines));
  }
}

// Tab, LF, CR, form feed and the DOS end-of-file marker (0x1A) occur in real text exports.
function isBinaryControl(b: number): boolean {
  return b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1a;
}

function failBinary(b: number, line: number): never {
  const what = b === 0 ? 'a NUL byte' : `control byte 0x${b.toString(16).toUpperCase().padStart(2, '0')}`;
  throw new StatementParseError({ line, reason: `not a text CSV: binary content (${what})` });
}

function countNewlines(bytes: Uint8Array, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (bytes[i] === 0x0a) n += 1;
  return n;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function isPrefixOf(bytes: Uint8Array, of: number[]): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== of[i]) return false;
  return true;
}
