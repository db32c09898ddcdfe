/**
 * Why a file detectStatementFormat called `unknown` is not a statement, in words an operator can
 * act on. `head` is the file's first bytes, `size` its full length.
 */
export function unrecognisedContentReason(head: Uint8Array, size: number): string {
  if (size === 0) return 'empty file (0 bytes)';
  if (isBinary(head)) return 'not a statement: binary content (neither a PDF nor a delimited text file)';
  if (new TextDecoder('latin1').decode(head).trim() === '') return 'empty file: only blank lines';
  return 'not a statement: text without a delimited table (no commas, semicolons, tabs or pipes)';
}

function isBinary(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1a) return true;
  return false;
}
