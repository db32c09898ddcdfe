import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// The repo's TypeScript libs (ES2023, no DOM) declare WebAssembly's types but not its global
// functions, nor ArrayBuffer.prototype.transfer (ES2024); node 24 has both.
const wasm = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WebAssembly.Module> } }).WebAssembly;
type TransferableBuffer = ArrayBufferLike & { transfer(length: number): ArrayBuffer };

let compiled: Promise<WebAssembly.Module> | undefined;

/**
 * PGlite's WASM module (dist/pglite.wasm, 9 MB), compiled once per process and handed to
 * `PGlite.create({ pgliteWasmModule })`.
 *
 * Why not let PGlite read it: it reads the file into a Buffer and compiles from it; V8 keeps its
 * own copy of the bytes (it compiles functions lazily), so the Buffer is garbage from then on, but
 * an external 9 MB that no collection had reclaimed yet in about half the `batch ingest` runs of
 * a 10-row file: their peak was ~9 MB higher (docs/statement-import.md "Memory"). Transferring
 * the buffer to length 0 frees its memory at once. Call only after the WASM tier was chosen
 * (pglite-wasm-tier.ts): V8 reads those flags when it compiles.
 */
export function pgliteWasmModule(): Promise<WebAssembly.Module> {
  compiled ??= (async () => {
    const pglite = createRequire(import.meta.url).resolve('@electric-sql/pglite');
    const bytes = await readFile(join(dirname(pglite), 'pglite.wasm'));
    try {
      return await wasm.compile(bytes);
    } finally {
      // Only a buffer this read owns alone (a small file could share node's Buffer pool).
      if (bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.byteLength) (bytes.buffer as TransferableBuffer).transfer(0);
    }
  })();
  return compiled;
}
