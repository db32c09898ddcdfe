import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeObjectStoreContract } from '@ledgerline/cdc/testing';
import { startS3, uniqueName } from '@ledgerline/testing';
import { openS3ObjectStore } from './factory.ts';
import type { S3ObjectStoreOptions } from './configuration.ts';

const MIB = 1024 * 1024;

/** A fresh bucket per suite on the real server (tools/services/s3.sh: versitygw). */
async function optionsForNewBucket(overrides: Partial<S3ObjectStoreOptions> = {}): Promise<S3ObjectStoreOptions> {
  const s3 = await startS3();
  const bucket = uniqueName('contract').replace(/_/g, '-').slice(0, 63);
  return { endpoint: s3.endpoint, region: s3.region, accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey, bucket, ...overrides };
}

describeObjectStoreContract('S3 (versitygw)', async () => {
  const opened = await openS3ObjectStore(await optionsForNewBucket());
  return { store: opened.store, cleanup: () => opened.close() };
});

describe('S3ObjectStore on versitygw', () => {
  it('uploads a file larger than a part as a multipart upload with S3 multipart ETag', async () => {
    const opened = await openS3ObjectStore(await optionsForNewBucket({ partSizeBytes: 5 * MIB }));
    const dir = await mkdtemp(join(tmpdir(), 's3-multipart-'));
    try {
      const body = Buffer.alloc(11 * MIB);
      for (let i = 0; i < body.length; i += 4096) body.writeUInt32LE(i, i);
      const path = join(dir, 'big.parquet');
      await writeFile(path, body);
      const stored = await opened.store.putFile('cdc/public.t/dt=2026-12-06/0-0-99.parquet', path);
      // Three parts (5 + 5 + 1 MiB): ETag = md5(concat(md5(part)))-3, as S3 computes it.
      const partMd5s = [0, 5, 10].map((start) => createHash('md5').update(body.subarray(start * MIB, Math.min((start + 5) * MIB, body.length))).digest());
      expect(stored.etag).toBe(`${createHash('md5').update(Buffer.concat(partMd5s)).digest('hex')}-3`);
      expect(stored.size).toBe(body.length);
      expect((await opened.store.get(stored.key))?.equals(body)).toBe(true);
      // The same bytes again: the same key and ETag (a retried landing write changes nothing).
      expect((await opened.store.putFile(stored.key, path)).etag).toBe(stored.etag);
      expect(await opened.store.list('cdc/')).toHaveLength(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
      await opened.close();
    }
  });

  it('refuses to start on wrong credentials, naming the bucket and endpoint', async () => {
    const options = await optionsForNewBucket({ secretAccessKey: 'not-the-secret' });
    await expect(openS3ObjectStore(options)).rejects.toThrow(new RegExp(`S3 bucket ${options.bucket} at ${options.endpoint} is not usable`));
  });

  it('does not create a missing bucket when told not to', async () => {
    await expect(openS3ObjectStore(await optionsForNewBucket({ createBucket: false }))).rejects.toThrow(/is not usable/);
  });
});
