import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import type { ObjectStore, StoredObject } from '../../ports/object-store.port.ts';
import { validateObjectKey } from '../../ports/object-store.port.ts';
import type { ChangeLogBatch, ChangeLogReader, ChangeLogReadOptions, ChangeLogReading, ParquetFileWriter } from '../../ports/landing-ports.port.ts';
import type { LandingRow } from '../landing-file.ts';

/** Fake ObjectStore in memory (the real ones run the contract in their adapters). */
export class InMemoryObjectStore implements ObjectStore {
  readonly kind = 'memory';
  readonly objects = new Map<string, Buffer>();
  puts: string[] = [];
  async put(key: string, body: Uint8Array): Promise<StoredObject> {
    this.objects.set(validateObjectKey(key), Buffer.from(body));
    this.puts.push(key);
    return (await this.head(key)) as StoredObject;
  }
  async putFile(key: string, path: string): Promise<StoredObject> {
    return this.put(key, await readFile(path));
  }
  async get(key: string) {
    return this.objects.get(key);
  }
  async head(key: string) {
    const body = this.objects.get(key);
    return body ? { key, size: body.length, etag: createHash('md5').update(body).digest('hex'), lastModified: new Date(0).toISOString() } : undefined;
  }
  async list(prefix: string) {
    const keys = [...this.objects.keys()].filter((k) => k.startsWith(prefix)).sort();
    return Promise.all(keys.map(async (k) => (await this.head(k)) as StoredObject));
  }
  async move(from: string, to: string) {
    const body = this.objects.get(from) as Buffer;
    this.objects.delete(from);
    return this.put(to, body);
  }
  async delete(key: string) {
    this.objects.delete(key);
  }
}

/** Fake Parquet: the rows as JSON lines (bigints as text), enough to read back what a file holds. */
export class JsonLinesParquetFake implements ParquetFileWriter {
  async write(rows: readonly LandingRow[], path: string) {
    await writeFile(path, rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))).join('\n'));
  }
  async close() {}
}

/** Fake reader: the test pushes batches; commits are recorded per `topic#partition`. */
export class ScriptedChangeLogReader implements ChangeLogReader {
  options?: ChangeLogReadOptions;
  readonly commits: Array<{ topic: string; partition: number; next: bigint }> = [];
  private finish!: (error?: unknown) => void;
  async read(options: ChangeLogReadOptions): Promise<ChangeLogReading> {
    this.options = options;
    const done = new Promise<void>((resolve, reject) => (this.finish = (error) => (error ? reject(error) : resolve())));
    return {
      commit: async (topic, partition, next) => void this.commits.push({ topic, partition, next }),
      stop: async () => this.finish(),
      done,
    };
  }
  async deliver(batch: ChangeLogBatch): Promise<void> {
    try {
      await this.options?.onBatch(batch);
    } catch (error) {
      this.finish(error);
      throw error;
    }
  }
}
