import { resolve } from 'node:path';
import type { ObjectStore } from '@ledgerline/cdc';
import type { LedgerlineEnv } from '@ledgerline/config';
import { LocalObjectStore } from '@ledgerline/files';
import { openS3ObjectStore, s3OptionsFromEnv, type S3Env } from '@ledgerline/s3';

/** What the landing zone's choice reads: the S3 adapter's variables and DATA_DIR. */
export type LandingZoneEnv = S3Env & Pick<LedgerlineEnv, 'DATA_DIR'>;

export interface OpenedLandingZone {
  store: ObjectStore;
  /** The adapter's own label for start-up banners (no credentials). */
  description: string;
  /** The S3 bucket, when the zone is on S3 (bucket notifications name it); undefined on the local disk. */
  bucket?: string;
  close(): Promise<void>;
}

/** The local landing directory under a data directory (absolute, so logs and banners name one place). */
export const localLandingRoot = (dataDir: string): string => resolve(dataDir, 'landing');

/**
 * The CDC landing zone every writer and loader uses: the S3-compatible server at S3_ENDPOINT
 * (bucket S3_BUCKET, checked at open), else the local directory DATA_DIR/landing. Written once so
 * `cdc land`, `cdc load`, the pipeline's landing flows and its CDC stage can never disagree about
 * where a file is (before, the main job's CDC stage landed on the local disk while its
 * landing-reconcile flow listed the bucket).
 */
export async function openLandingZoneFromEnv(env: LandingZoneEnv): Promise<OpenedLandingZone> {
  const s3 = s3OptionsFromEnv(env);
  if (s3) {
    const opened = await openS3ObjectStore(s3);
    return { ...opened, bucket: s3.bucket };
  }
  const root = localLandingRoot(env.DATA_DIR);
  return { store: new LocalObjectStore(root), description: `local directory ${root}`, close: async () => undefined };
}
