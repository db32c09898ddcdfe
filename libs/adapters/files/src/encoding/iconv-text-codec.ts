import { analyse } from 'chardet';
import iconv from 'iconv-lite';
import type { EncodingGuess, IncrementalDecoder, TextCodec } from '@ledgerline/ingestion';

/** Detection looks at this much of a file: enough for chardet's statistics, bounded for large files. */
const SAMPLE_BYTES = 64 * 1024;

/**
 * Legacy code pages through iconv-lite (decoding) and chardet (detection, ICU's recognisers).
 * iconv-lite maps bytes a code page leaves undefined to U+FFFD; such text is refused
 * (`undefined`), never returned with replacement characters.
 */
export class IconvTextCodec implements TextCodec {
  supports(encoding: string): boolean {
    return iconv.encodingExists(encoding);
  }

  decode(bytes: Uint8Array, encoding: string): string | undefined {
    const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding, { stripBOM: false });
    return text.includes('\ufffd') ? undefined : text;
  }

  detect(bytes: Uint8Array): EncodingGuess[] {
    return analyse(bytes.subarray(0, SAMPLE_BYTES)).map((m) => ({ encoding: m.name.toLowerCase(), confidence: m.confidence }));
  }

  decoder(encoding: string): IncrementalDecoder {
    const inner = iconv.getDecoder(encoding, { stripBOM: false });
    return {
      write: (chunk) => inner.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)),
      end: () => inner.end() ?? '',
    };
  }
}
