import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** sha256 (hex) of a byte stream, in constant memory. */
export async function sha256Stream(chunks: AsyncIterable<Uint8Array>): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of chunks) hash.update(chunk);
  return hash.digest('hex');
}

/** sha256 (hex) of a file, streamed: the manifest key that makes re-delivered files no-ops. */
export function sha256File(path: string): Promise<string> {
  return sha256Stream(readFileChunks(path));
}

/** A file as byte chunks (64 KiB), e.g. for StatementCsvParser / streamStatementCsv. */
export function readFileChunks(path: string, chunkSize = 64 * 1024): AsyncIterable<Buffer> {
  return createReadStream(path, { highWaterMark: chunkSize });
}
