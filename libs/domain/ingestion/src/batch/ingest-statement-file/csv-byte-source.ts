import { bomOf, guessLegacyEncoding, UNKNOWN_ENCODING_REASON, utf16WithoutBom } from '../../statements/formats/decode-statement-text.ts';
import type { IncrementalDecoder, TextCodec } from '../../statements/formats/text-codec.port.ts';
import { StatementParseError } from '../../statements/statement-parse-error.ts';

/** Bytes looked at to settle a CSV's encoding before parsing starts. */
const SNIFF_BYTES = 64 * 1024;

export interface CsvEncodingOptions {
  file: string;
  /** `--encoding` or the profile's: wins over detection. */
  forced?: string;
  codec?: TextCodec;
  /** Told the encoding settled on (for the quarantine report). */
  onEncoding?: (encoding: string) => void;
}

/**
 * Hands the CSV parser bytes it can read: UTF-8 and Latin text pass through (the parser tells
 * UTF-8 from Windows-1252 itself, line by line); UTF-16 (with or without BOM), a named encoding and
 * non-Latin legacy code pages (EUC-JP, EUC-KR, GB18030, Shift_JIS, Windows-1251...) are transcoded
 * to UTF-8 as they stream, so a CJK file never reaches the parser as Windows-1252 mojibake.
 * Non-UTF-8 bytes that are not Latin-looking (accented letters between ASCII ones) need a detector
 * that is sure, else the file is refused with "cannot determine the encoding; pass --encoding".
 */
export async function* csvByteSource(chunks: AsyncIterable<Uint8Array>, options: CsvEncodingOptions): AsyncGenerator<Uint8Array, void, undefined> {
  const iterator = chunks[Symbol.asyncIterator]();
  const buffered: Uint8Array[] = [];
  let size = 0;
  let done = false;
  while (size < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    buffered.push(next.value);
    size += next.value.length;
  }
  const head = concat(buffered);
  const decoder = chooseDecoder(head, done, options);
  const rest: AsyncIterable<Uint8Array> = { [Symbol.asyncIterator]: () => ({ next: () => (done ? Promise.resolve({ done: true, value: undefined }) : iterator.next()) }) };
  // The sniffed chunks go on as they came, so parsing and writing still interleave chunk by chunk.
  if (!decoder) {
    yield* buffered;
    for await (const chunk of rest) yield chunk;
    return;
  }
  const encoder = new TextEncoder();
  const strict = (text: string): Uint8Array => {
    if (text.includes('\ufffd')) throw new StatementParseError({ file: options.file, line: 0, reason: `the bytes are not valid ${decoder.encoding}; ${UNKNOWN_ENCODING_REASON}` });
    return encoder.encode(text);
  };
  let skip = decoder.skip;
  for (const chunk of buffered) {
    const from = Math.min(skip, chunk.length);
    skip -= from;
    yield strict(decoder.write(chunk.subarray(from)));
  }
  for await (const chunk of rest) yield strict(decoder.write(chunk));
  yield strict(decoder.end());
}

interface ChosenDecoder extends IncrementalDecoder {
  encoding: string;
  /** BOM bytes to drop. */
  skip: number;
}

function chooseDecoder(head: Uint8Array, wholeFile: boolean, options: CsvEncodingOptions): ChosenDecoder | undefined {
  const report = (encoding: string) => options.onEncoding?.(encoding);
  const bom = bomOf(head);
  const forced = options.forced?.toLowerCase();
  if (bom && bom.encoding !== 'utf-8') return unicodeDecoder(bom.encoding, bom.length, report);
  if (forced !== undefined) return forcedDecoder(forced, bom ? bom.length : 0, options, report);
  const utf16 = utf16WithoutBom(head);
  if (utf16) return unicodeDecoder(utf16, 0, report);
  if (bom || isUtf8(head, wholeFile) || latinLooking(head)) {
    report(bom || isUtf8(head, wholeFile) ? 'utf-8' : 'windows-1252');
    return undefined;
  }
  const sample = wholeFile ? head : head.subarray(0, head.lastIndexOf(0x0a) + 1);
  const guessed = guessLegacyEncoding(sample, options.codec);
  if (!guessed || !options.codec) throw new StatementParseError({ file: options.file, line: 0, reason: UNKNOWN_ENCODING_REASON });
  report(guessed.encoding);
  return { ...options.codec.decoder(guessed.encoding), encoding: guessed.encoding, skip: 0 };
}

function unicodeDecoder(encoding: 'utf-16le' | 'utf-16be', skip: number, report: (e: string) => void): ChosenDecoder {
  report(encoding);
  const decoder = new TextDecoder(encoding, { ignoreBOM: true });
  return { encoding, skip, write: (chunk) => decoder.decode(chunk, { stream: true }), end: () => decoder.decode() };
}

function forcedDecoder(encoding: string, skip: number, options: CsvEncodingOptions, report: (e: string) => void): ChosenDecoder {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return unicodeDecoder(encoding, 0, report);
  if (encoding === 'utf-8' || encoding === 'utf8') {
    report('utf-8');
    const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const run = (f: () => string) => {
      try {
        return f();
      } catch {
        throw new StatementParseError({ file: options.file, line: 0, reason: `the bytes are not valid utf-8; ${UNKNOWN_ENCODING_REASON}` });
      }
    };
    return { encoding: 'utf-8', skip, write: (chunk) => run(() => utf8.decode(chunk, { stream: true })), end: () => run(() => utf8.decode()) };
  }
  if (!options.codec?.supports(encoding)) throw new StatementParseError({ file: options.file, line: 0, reason: `unknown encoding '${encoding}'` });
  report(encoding);
  return { ...options.codec.decoder(encoding), encoding, skip: 0 };
}

function isUtf8(bytes: Uint8Array, wholeFile: boolean): boolean {
  // A multi-byte character split by the end of the sample is not an error.
  const cut = wholeFile ? bytes : bytes.subarray(0, Math.max(0, bytes.length - 3));
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(cut);
    return true;
  } catch {
    return false;
  }
}

/**
 * Accented Latin text (German, French, Spanish, Nordic in Latin-1/Windows-1252) has its bytes
 * above 0x7F mostly alone between ASCII letters ("Br\xf6tchen"); CJK code pages and Cyrillic or
 * Greek ones put them in runs. Mostly-alone high bytes are left to the parser's Windows-1252.
 */
function latinLooking(bytes: Uint8Array): boolean {
  let high = 0;
  let inRuns = 0;
  for (let i = 0; i < bytes.length; i++) {
    if ((bytes[i] as number) < 0x80) continue;
    high += 1;
    if ((bytes[i - 1] ?? 0) >= 0x80 || (bytes[i + 1] ?? 0) >= 0x80) inRuns += 1;
  }
  return high > 0 && inRuns / high < 0.3;
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
