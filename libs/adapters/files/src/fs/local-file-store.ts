import { mkdirSync, watch as watchFolder } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { FileStore, FolderWatch, QuarantineReport, StoredFile } from '@ledgerline/ingestion';
import { listFiles } from './list-files.ts';
import { moveFile } from './move-file.ts';
import { quarantineFile } from './quarantine-file.ts';
import { readFileChunks, sha256File } from './sha256-file.ts';
import { isTempFileName, writeFileAtomic } from './write-file-atomic.ts';

/** The FileStore port on the local file system (node:fs). */
export class LocalFileStore implements FileStore {
  async list(dir: string): Promise<StoredFile[]> {
    const out: StoredFile[] = [];
    for (const path of await listFiles(dir)) {
      const name = basename(path);
      if (isTempFileName(name)) continue;
      // Gone between listing and stat: another process took it; it is simply not listed.
      const info = await stat(path).catch((error: unknown) => (isNotFound(error) ? undefined : Promise.reject(error)));
      if (info?.isFile()) out.push({ path, name, size: info.size, modifiedMs: info.mtimeMs });
    }
    return out;
  }

  readChunks(path: string): AsyncIterable<Uint8Array> {
    return readFileChunks(path);
  }

  async readHead(path: string, maxBytes: number): Promise<Uint8Array> {
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(maxBytes);
      const { bytesRead } = await handle.read(buffer, 0, maxBytes, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  async readTail(path: string, maxBytes: number): Promise<Uint8Array> {
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      const length = Math.min(size, maxBytes);
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, size - length);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  async stat(path: string): Promise<StoredFile | undefined> {
    const info = await stat(path).catch((error: unknown) => (isNotFound(error) ? undefined : Promise.reject(error)));
    return info?.isFile() ? { path, name: basename(path), size: info.size, modifiedMs: info.mtimeMs } : undefined;
  }

  readAll(path: string): Promise<Uint8Array> {
    return readFile(path);
  }

  sha256(path: string): Promise<string> {
    return sha256File(path);
  }

  move(path: string, dir: string): Promise<string> {
    return moveFile(path, dir, { onConflict: 'suffix' });
  }

  quarantine(path: string, dir: string, report: QuarantineReport): Promise<{ path: string; reportPath: string }> {
    return quarantineFile(path, dir, report);
  }

  async writeAtomic(dir: string, name: string, data: string | Uint8Array): Promise<string> {
    const path = join(dir, name);
    await writeFileAtomic(path, data);
    return path;
  }

  /** fs.watch on the folder (created if missing); any event means "look again". */
  watch(dir: string, onChange: () => void): FolderWatch {
    mkdirSync(dir, { recursive: true });
    const watcher = watchFolder(dir, { persistent: true }, () => onChange());
    // Errors (folder deleted, too many watches) end the events; the caller's periodic rescan remains.
    watcher.on('error', () => watcher.close());
    return { close: () => watcher.close() };
  }
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === 'ENOENT';
}
