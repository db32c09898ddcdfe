import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type LedgerlineEnv } from '@ledgerline/config';
import { openS3ObjectStore } from '@ledgerline/s3';
import { startS3, uniqueName } from '@ledgerline/testing';
import { openLandingZoneFromEnv } from './landing-zone.ts';

// The S3 branch of the landing zone's one choice, on the local S3-compatible server (versitygw,
// tools/services/s3.sh): with S3_ENDPOINT set the zone is the bucket, and nothing goes to DATA_DIR.
describe('openLandingZoneFromEnv with S3_ENDPOINT', () => {
  let dataDir: string;
  let env: LedgerlineEnv;
  let bucket: string;
  let s3: Awaited<ReturnType<typeof startS3>>;

  beforeAll(async () => {
    s3 = await startS3();
    dataDir = await mkdtemp(join(tmpdir(), 'landing-zone-s3-'));
    bucket = uniqueName('zone').replace(/_/g, '-');
    env = loadConfig({
      env: { DATA_DIR: dataDir, S3_ENDPOINT: s3.endpoint, S3_BUCKET: bucket, S3_REGION: s3.region, S3_ACCESS_KEY_ID: s3.accessKeyId, S3_SECRET_ACCESS_KEY: s3.secretAccessKey },
      dotenvPath: false,
    });
  });
  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('is the bucket (created at open): a put lands there, not in DATA_DIR/landing', async () => {
    const zone = await openLandingZoneFromEnv(env);
    try {
      expect(zone.bucket).toBe(bucket);
      expect(zone.description).toBe(`S3 bucket ${bucket} at ${s3.endpoint} (path-style)`);
      await zone.store.put('cdc/public.accounts/dt=2026-12-07/0-0-1.parquet', Buffer.from('PAR1'));
    } finally {
      await zone.close();
    }
    expect(existsSync(join(dataDir, 'landing'))).toBe(false);
    // Read back with the adapter directly: the object is in the named bucket.
    const direct = await openS3ObjectStore({ ...s3, bucket, createBucket: false });
    try {
      expect((await direct.store.get('cdc/public.accounts/dt=2026-12-07/0-0-1.parquet'))?.toString()).toBe('PAR1');
    } finally {
      await direct.close();
    }
  });

  it('a bucket that cannot be used fails at open, naming bucket and endpoint (no fallback to the disk)', async () => {
    const absent = uniqueName('absent').replace(/_/g, '-');
    await expect(openLandingZoneFromEnv({ ...env, S3_BUCKET: absent, S3_CREATE_BUCKET: false })).rejects.toThrow(new RegExp(`S3 bucket ${absent} at .* is not usable`));
    expect(existsSync(join(dataDir, 'landing'))).toBe(false);
  });
});
