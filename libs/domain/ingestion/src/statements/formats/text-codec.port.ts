import { token } from '@ledgerline/di';

/** A legacy encoding a detector proposes for bytes that are not UTF-8, with its confidence (0-100). */
export interface EncodingGuess {
  /** WHATWG-style label, lowercase (`windows-1252`, `euc-jp`, `gb18030`). */
  encoding: string;
  confidence: number;
}

/**
 * Legacy text encodings (single- and multi-byte code pages): decoding and detection. Implemented
 * in @ledgerline/files with iconv-lite and chardet; Node's own TextDecoder is not used for these
 * because Node 20's decodes windows-1252 as ISO-8859-1 (0x80 becomes U+0080, not the euro sign).
 */
export interface TextCodec {
  /** True when `encoding` can be decoded. */
  supports(encoding: string): boolean;
  /** The bytes as text; undefined when they hold a sequence the encoding does not define. */
  decode(bytes: Uint8Array, encoding: string): string | undefined;
  /** Candidate encodings for bytes that are not UTF-8, best first. */
  detect(bytes: Uint8Array): EncodingGuess[];
  /** An incremental decoder (chunks may split multi-byte characters anywhere). */
  decoder(encoding: string): IncrementalDecoder;
}

export interface IncrementalDecoder {
  write(chunk: Uint8Array): string;
  end(): string;
}

export const TEXT_CODEC = token<TextCodec>('TextCodec');
