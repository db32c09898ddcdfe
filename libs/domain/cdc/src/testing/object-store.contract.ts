import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObjectStore } from '../ports/object-store.port.ts';

export interface ObjectStoreUnderTest {
  store: ObjectStore;
  cleanup: () => Promise<void>;
}

const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex');

/** The ObjectStore contract; every adapter runs it against its real backend. */
export function describeObjectStoreContract(name: string, open: () => Promise<ObjectStoreUnderTest>): void {
  describe(`ObjectStore contract: ${name}`, () => {
    let subject: ObjectStoreUnderTest;
    let scratch: string;
    beforeAll(async () => {
      subject = await open();
      scratch = await mkdtemp(join(tmpdir(), 'object-store-contract-'));
    });
    afterAll(async () => {
      await subject?.cleanup();
      if (scratch) await rm(scratch, { recursive: true, force: true });
    });

    it('stores bytes under a key and reads them back, with size and MD5 etag', async () => {
      const body = Buffer.from('PAR1 not really parquet');
      const stored = await subject.store.put('accounts/dt=2026-12-06/0-0-9.parquet', body);
      expect(stored).toMatchObject({ key: 'accounts/dt=2026-12-06/0-0-9.parquet', size: body.length, etag: md5(body) });
      expect(await subject.store.get(stored.key)).toEqual(body);
      expect(await subject.store.head(stored.key)).toMatchObject({ size: body.length, etag: md5(body) });
    });

    it('replaces an object written again under the same key (a retried write adds nothing)', async () => {
      await subject.store.put('retry/a.bin', Buffer.from('first'));
      const second = await subject.store.put('retry/a.bin', Buffer.from('second, longer'));
      expect(await subject.store.get('retry/a.bin')).toEqual(Buffer.from('second, longer'));
      expect((await subject.store.list('retry/')).map((o) => [o.key, o.etag])).toEqual([['retry/a.bin', second.etag]]);
    });

    it('uploads a local file', async () => {
      const path = join(scratch, 'big.bin');
      const body = Buffer.alloc(3 * 1024 * 1024, 7);
      await writeFile(path, body);
      const stored = await subject.store.putFile('files/big.bin', path);
      expect(stored.size).toBe(body.length);
      expect((await subject.store.get('files/big.bin'))?.equals(body)).toBe(true);
    });

    it('lists by prefix in key order and says when there is nothing', async () => {
      for (const key of ['list/b/2', 'list/a/1', 'list/b/1', 'listing-not-this']) await subject.store.put(key, Buffer.from(key));
      expect((await subject.store.list('list/')).map((o) => o.key)).toEqual(['list/a/1', 'list/b/1', 'list/b/2']);
      expect(await subject.store.list('nothing-here/')).toEqual([]);
      expect(await subject.store.get('nothing-here/x')).toBeUndefined();
      expect(await subject.store.head('nothing-here/x')).toBeUndefined();
    });

    it('moves an object to another key and deletes', async () => {
      await subject.store.put('incoming/x.parquet', Buffer.from('x'));
      const moved = await subject.store.move('incoming/x.parquet', 'quarantine/incoming/x.parquet');
      expect(moved.key).toBe('quarantine/incoming/x.parquet');
      expect(await subject.store.head('incoming/x.parquet')).toBeUndefined();
      expect(await subject.store.get('quarantine/incoming/x.parquet')).toEqual(Buffer.from('x'));
      await subject.store.delete('quarantine/incoming/x.parquet');
      expect(await subject.store.head('quarantine/incoming/x.parquet')).toBeUndefined();
    });

    it('refuses keys that could escape or mean different things per store', async () => {
      for (const key of ['../etc/passwd', '/abs', 'a//b', 'a/./b', 'spaces in key', '']) {
        await expect(subject.store.put(key, Buffer.from('no'))).rejects.toThrow(/object key/);
      }
    });
  });
}
