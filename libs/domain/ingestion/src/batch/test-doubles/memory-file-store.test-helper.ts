import { createHash } from 'node:crypto';
import type { FileStore, FolderWatch, QuarantineReport, StoredFile } from '../file-store.port.ts';

/**
 * An in-memory FileStore for the use cases' unit specs (the real one, LocalFileStore, is tested in
 * @ledgerline/files). Paths are `dir/name`; `touch` changes a file and fires the folder's watchers.
 */
export class MemoryFileStore implements FileStore {
  readonly files = new Map<string, { data: Uint8Array; modifiedMs: number }>();
  private readonly watchers = new Map<string, Set<() => void>>();
  private clock = 1_000;
  /** Chunk size of readChunks, small so that specs exercise streaming. */
  chunkSize = 64;

  put(dir: string, name: string, data: string | Uint8Array): string {
    const path = `${dir}/${name}`;
    this.files.set(path, { data: typeof data === 'string' ? new TextEncoder().encode(data) : data, modifiedMs: (this.clock += 1) });
    for (const listener of this.watchers.get(dir) ?? []) listener();
    return path;
  }

  text(path: string): string {
    return new TextDecoder().decode(this.get(path));
  }

  names(dir: string): string[] {
    return [...this.files.keys()].filter((p) => p.startsWith(`${dir}/`)).map((p) => p.slice(dir.length + 1)).sort();
  }

  async list(dir: string): Promise<StoredFile[]> {
    return this.names(dir)
      .filter((name) => !name.startsWith('.'))
      .map((name) => {
        const path = `${dir}/${name}`;
        const file = this.files.get(path) as { data: Uint8Array; modifiedMs: number };
        return { path, name, size: file.data.length, modifiedMs: file.modifiedMs };
      });
  }

  async *readChunks(path: string): AsyncIterable<Uint8Array> {
    const data = this.get(path);
    for (let i = 0; i < data.length; i += this.chunkSize) yield data.subarray(i, i + this.chunkSize);
  }

  async readHead(path: string, maxBytes: number): Promise<Uint8Array> {
    return this.get(path).subarray(0, maxBytes);
  }

  async readTail(path: string, maxBytes: number): Promise<Uint8Array> {
    const data = this.get(path);
    return data.subarray(Math.max(0, data.length - maxBytes));
  }

  async stat(path: string): Promise<StoredFile | undefined> {
    const file = this.files.get(path);
    return file ? { path, name: path.slice(path.lastIndexOf('/') + 1), size: file.data.length, modifiedMs: file.modifiedMs } : undefined;
  }

  async readAll(path: string): Promise<Uint8Array> {
    return this.get(path);
  }

  async sha256(path: string): Promise<string> {
    return createHash('sha256').update(this.get(path)).digest('hex');
  }

  async move(path: string, dir: string): Promise<string> {
    const file = this.files.get(path);
    if (!file) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    const name = path.slice(path.lastIndexOf('/') + 1);
    let target = `${dir}/${name}`;
    for (let n = 1; this.files.has(target); n++) target = `${dir}/${name.replace(/(\.[^.]*)?$/, `-${n}$1`)}`;
    this.files.delete(path);
    this.files.set(target, file);
    return target;
  }

  async quarantine(path: string, dir: string, report: QuarantineReport): Promise<{ path: string; reportPath: string }> {
    const moved = await this.move(path, dir);
    const reportPath = `${moved}.error.json`;
    const name = path.slice(path.lastIndexOf('/') + 1);
    this.files.set(reportPath, { data: new TextEncoder().encode(JSON.stringify({ file: name, ...report })), modifiedMs: (this.clock += 1) });
    return { path: moved, reportPath };
  }

  async writeAtomic(dir: string, name: string, data: string | Uint8Array): Promise<string> {
    return this.put(dir, name, data);
  }

  watch(dir: string, onChange: () => void): FolderWatch {
    const set = this.watchers.get(dir) ?? new Set();
    set.add(onChange);
    this.watchers.set(dir, set);
    return { close: () => set.delete(onChange) };
  }

  private get(path: string): Uint8Array {
    const file = this.files.get(path);
    if (!file) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    return file.data;
  }
}
