import { StatementParseError } from '../statement-parse-error.ts';
import { decodeStatementText } from './decode-statement-text.ts';
import { declaredEncoding } from './detect-structured-format.ts';
import type { ParsedStatementFile, StructuredStatementFormat } from './parsed-statement-file.ts';
import type { StatementFormatReaders } from './statement-format-reader.port.ts';
import type { TextCodec } from './text-codec.port.ts';
import { verifyStatedBalances } from './verify-stated-balances.ts';

export interface ParseStructuredOptions {
  /** Base name for error messages. */
  file: string;
  /** `--encoding`: wins over what the file declares and over detection. */
  encoding?: string;
  /** The profile's dateFormat, for a day/month order the file leaves open. */
  dateFormat?: string;
  /** Legacy encodings (decoding and detection); without it only Unicode files can be read. */
  codec?: TextCodec;
}

/**
 * A structured statement file's bytes as a checked ParsedStatementFile: decoded strictly (BOM,
 * UTF-16, the encoding the file declares, `--encoding`, UTF-8; never with replacement
 * characters), read by the format's reader, and its stated balances added up.
 */
export function parseStructuredStatement(
  bytes: Uint8Array,
  format: StructuredStatementFormat,
  readers: StatementFormatReaders,
  options: ParseStructuredOptions,
): { statement: ParsedStatementFile; encoding: string } {
  const { file } = options;
  try {
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
    const declared = declaredEncoding(head);
    const decoded = decodeStatementText(bytes, {
      ...(options.encoding !== undefined ? { forced: options.encoding } : {}),
      ...(declared !== undefined ? { declared } : {}),
      ...(options.codec ? { codec: options.codec } : {}),
    });
    const statement = readers[format].read(decoded.text, options.dateFormat !== undefined ? { dateFormat: options.dateFormat } : {});
    verifyStatedBalances(statement, file);
    return { statement, encoding: decoded.encoding };
  } catch (error) {
    if (error instanceof StatementParseError) throw error.withFile(file);
    throw error;
  }
}
