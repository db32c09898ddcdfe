import { describe, expect, it } from 'vitest';
import { StatementParseError } from '../statement-parse-error.ts';
import { createByteDecoder } from './byte-decoder.ts';

function decodeInChunks(bytes: Uint8Array, size: number, forced?: 'utf-8' | 'windows-1252' | 'iso-8859-1') {
  const decoder = createByteDecoder(forced);
  let text = '';
  for (let i = 0; i < bytes.length; i += size) text += decoder.decode(bytes.subarray(i, i + size));
  text += decoder.end();
  return { text, encoding: decoder.encoding, bom: decoder.bom };
}

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('createByteDecoder', () => {
  it('decodes UTF-8 split anywhere, including inside multi-byte characters', () => {
    const bytes = utf8('Bäckerei;€ 4,80;日本;🙂\n');
    for (const size of [1, 2, 3, 5, 64]) expect(decodeInChunks(bytes, size)).toEqual({ text: 'Bäckerei;€ 4,80;日本;🙂\n', encoding: 'utf-8', bom: false });
  });

  it('strips a UTF-8 BOM and reports it', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('a;b\n')]);
    expect(decodeInChunks(bytes, 1)).toEqual({ text: 'a;b\n', encoding: 'utf-8', bom: true });
  });

  it('switches to Windows-1252 at the first non-UTF-8 byte after plain ASCII, even deep in the file', () => {
    const ascii = 'x;1\n'.repeat(5000);
    const bytes = new Uint8Array([...utf8(ascii), 0x43, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x0a]);
    expect(decodeInChunks(bytes, 4096)).toMatchObject({ text: `${ascii}Café €\n`, encoding: 'windows-1252' });
    // A lone Latin-1 byte as the very last byte of the file.
    expect(decodeInChunks(new Uint8Array([0x61, 0xe9]), 1)).toMatchObject({ text: 'aé', encoding: 'windows-1252' });
  });

  it('honours a forced encoding', () => {
    expect(decodeInChunks(new Uint8Array([0x80]), 1, 'iso-8859-1').text).toBe('\u0080');
    expect(decodeInChunks(new Uint8Array([0x80]), 1, 'windows-1252').text).toBe('€');
  });

  it('refuses an invalid byte in a file that already proved to be UTF-8, naming the line', () => {
    const bytes = new Uint8Array([...utf8('ä\nb\n'), 0xe9, 0x0a]);
    expect(() => decodeInChunks(bytes, 2)).toThrow(/line 3: not a text CSV: invalid UTF-8 byte 0xE9/);
  });

  it('refuses binary content and UTF-16', () => {
    expect(() => decodeInChunks(new Uint8Array([0x61, 0x0a, 0x62, 0x00]), 8)).toThrow(StatementParseError);
    expect(() => decodeInChunks(new Uint8Array([0x61, 0x0a, 0x62, 0x00]), 8)).toThrow('line 2: not a text CSV: binary content (a NUL byte)');
    expect(() => decodeInChunks(new Uint8Array([0x61, 0x07]), 8)).toThrow(/control byte 0x07/);
    expect(() => decodeInChunks(new Uint8Array([0xff, 0xfe, 0x61, 0x00]), 8)).toThrow(/UTF-16/);
  });
});
