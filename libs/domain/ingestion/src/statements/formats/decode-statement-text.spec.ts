import { describe, expect, it } from 'vitest';
import { StatementParseError } from '../statement-parse-error.ts';
import { decodeStatementText, UNKNOWN_ENCODING_REASON } from './decode-statement-text.ts';
import type { EncodingGuess, TextCodec } from './text-codec.port.ts';

const utf16 = (text: string, endian: 'le' | 'be', bom: boolean): Uint8Array => {
  const le = Buffer.from((bom ? '\uFEFF' : '') + text, 'utf16le');
  if (endian === 'be') for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1] as number, le[i] as number];
  return new Uint8Array(le);
};

/** A stand-in codec with fixed guesses (the real one, iconv-lite + chardet, is tested in @ledgerline/files). */
function codecGuessing(guesses: EncodingGuess[], table: Record<string, (bytes: Uint8Array) => string | undefined>): TextCodec {
  return {
    supports: (e) => e in table,
    decode: (b, e) => table[e]?.(b),
    detect: () => guesses,
    decoder: () => {
      throw new Error('not used');
    },
  };
}
const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1');

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof StatementParseError) return error.reason;
    throw error;
  }
  throw new Error('not refused');
}

describe('decodeStatementText', () => {
  it('decodes UTF-16 LE and BE with and without BOM, and UTF-8 with BOM', () => {
    const text = 'Café Noël 12,50 €\n';
    for (const endian of ['le', 'be'] as const) {
      for (const bom of [true, false]) expect(decodeStatementText(utf16(text, endian, bom))).toEqual({ text, encoding: `utf-16${endian}`, bom });
    }
    expect(decodeStatementText(new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(text)]))).toEqual({ text, encoding: 'utf-8', bom: true });
  });

  it('refuses bytes that are not UTF-8 when nothing names or detects their encoding', () => {
    const bytes = new Uint8Array(Buffer.from('B\xe4ckerei K\xf6ger\n', 'latin1'));
    expect(refusal(() => decodeStatementText(bytes))).toBe(UNKNOWN_ENCODING_REASON);
    // A detector that is unsure, or whose two best guesses read differently, is not trusted either.
    const unsure = codecGuessing([{ encoding: 'iso-8859-1', confidence: 30 }], { 'iso-8859-1': latin1 });
    expect(refusal(() => decodeStatementText(bytes, { codec: unsure }))).toBe(UNKNOWN_ENCODING_REASON);
    const split = codecGuessing(
      [
        { encoding: 'iso-8859-1', confidence: 60 },
        { encoding: 'other', confidence: 55 },
      ],
      { 'iso-8859-1': latin1, other: () => 'Bdckerei Kvger\n' },
    );
    expect(refusal(() => decodeStatementText(bytes, { codec: split }))).toBe(UNKNOWN_ENCODING_REASON);
    const sure = codecGuessing([{ encoding: 'iso-8859-1', confidence: 80 }], { 'iso-8859-1': latin1 });
    expect(decodeStatementText(bytes, { codec: sure })).toMatchObject({ text: 'Bäckerei Köger\n', encoding: 'iso-8859-1' });
  });

  it('refuses a guess that decodes to control characters (Latin bytes in the wrong code page)', () => {
    const bytes = new Uint8Array([0x41, 0x80, 0x42, 0x0a]);
    const wrong = codecGuessing([{ encoding: 'iso-8859-1', confidence: 90 }], { 'iso-8859-1': latin1 });
    expect(refusal(() => decodeStatementText(bytes, { codec: wrong }))).toBe(UNKNOWN_ENCODING_REASON);
  });

  it('takes --encoding over detection, and says when the bytes do not fit it', () => {
    const bytes = new Uint8Array(Buffer.from('Gr\xfc\xdfe\n', 'latin1'));
    const codec = codecGuessing([], { 'iso-8859-1': latin1 });
    expect(decodeStatementText(bytes, { forced: 'iso-8859-1', codec }).text).toBe('Grüße\n');
    expect(refusal(() => decodeStatementText(bytes, { forced: 'utf-8' }))).toBe(`the bytes are not valid utf-8; ${UNKNOWN_ENCODING_REASON}`);
    expect(refusal(() => decodeStatementText(bytes, { forced: 'klingon' }))).toBe("unknown encoding 'klingon'");
  });

  it('refuses binary content with NUL bytes that is not UTF-16', () => {
    const bytes = new Uint8Array([0x41, 0x00, 0x00, 0x42, 0x43, 0x00, 0x44, 0x45]);
    expect(refusal(() => decodeStatementText(bytes))).toMatch(/^not a text statement: binary content/);
  });
});
