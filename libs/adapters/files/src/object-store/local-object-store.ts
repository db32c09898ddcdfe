import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { validateObjectKey, type ObjectStore, type StoredObject } from '@ledgerline/cdc';
import { isTempFileName, writeFileAtomic } from '../fs/write-file-atomic.ts';

/**
 * ObjectStore on a local directory (the embedded default, `data/landing/`): a key is a relative
 * path under the root. Writes go through a temp file, fsync and rename, so a crash leaves the old
 * object or the whole new one. The etag is the content's MD5, as S3 gives single-part objects.
 */
export class LocalObjectStore implements ObjectStore {
  readonly kind = 'local-directory';

  constructor(readonly root: string) {}

  async put(key: string, body: Uint8Array): Promise<StoredObject> {
    const path = this.pathOf(key);
    await writeFileAtomic(path, body);
    return this.describe(key, path);
  }

  async putFile(key: string, source: string): Promise<StoredObject> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    // Copy beside the target, then the same atomic rename as put (large files are not read into memory).
    const temp = join(dirname(path), `.${process.pid}.${randomUUID()}.copy.tmp`);
    try {
      await copyFile(source, temp);
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    return this.describe(key, path);
  }

  async get(key: string): Promise<Buffer | undefined> {
    return readFile(this.pathOf(key)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'EISDIR') return undefined;
      throw error;
    });
  }

  async head(key: string): Promise<StoredObject | undefined> {
    const path = this.pathOf(key);
    const info = await stat(path).catch(() => undefined);
    return info?.isFile() ? this.describe(key, path) : undefined;
  }

  async list(prefix: string): Promise<StoredObject[]> {
    const found: StoredObject[] = [];
    for (const path of await walk(this.root)) {
      const key = relative(this.root, path).split(sep).join('/');
      if (key.startsWith(prefix)) found.push(await this.describe(key, path));
    }
    return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async move(from: string, to: string): Promise<StoredObject> {
    const target = this.pathOf(to);
    await mkdir(dirname(target), { recursive: true });
    await rename(this.pathOf(from), target);
    return this.describe(to, target);
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    return join(this.root, ...validateObjectKey(key).split('/'));
  }

  private async describe(key: string, path: string): Promise<StoredObject> {
    const info = await stat(path);
    const hash = createHash('md5');
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    return { key, size: info.size, etag: hash.digest('hex'), lastModified: info.mtime.toISOString() };
  }
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const files: string[] = [];
  for (const entry of entries) {
    if (isTempFileName(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await walk(path)));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}
