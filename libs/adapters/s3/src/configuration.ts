import { z } from 'zod';
import type { LedgerlineEnv } from '@ledgerline/config';

const MIB = 1024 * 1024;

/** Options of openS3ObjectStore; validated, because they come straight from configuration. */
export const s3ObjectStoreOptionsSchema = z.object({
  /** The server's base URL, e.g. http://127.0.0.1:7070 (tools/services/s3.sh). */
  endpoint: z.url({ protocol: /^https?$/ }),
  bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'expected an S3 bucket name'),
  region: z.string().min(1).default('us-east-1'),
  accessKeyId: z.string().min(1),
  secretAccessKey: z.string().min(1),
  /** http://host/bucket/key instead of http://bucket.host/key: what local servers need (default true). */
  forcePathStyle: z.boolean().default(true),
  /** Create the bucket when it does not exist (default true: the local server starts empty). */
  createBucket: z.boolean().default(true),
  /** Files larger than one part go up as multipart uploads in parts of this size (S3 minimum 5 MiB; default 8 MiB). */
  partSizeBytes: z.number().int().min(5 * MIB).max(5 * 1024 * MIB).default(8 * MIB),
  /** Parts in flight at once for one multipart upload (default 2). */
  partConcurrency: z.number().int().min(1).max(16).default(2),
});

export type S3ObjectStoreOptions = z.input<typeof s3ObjectStoreOptionsSchema>;

/** The environment variables the adapter reads (names and meaning in .env.example). */
export type S3Env = Pick<
  LedgerlineEnv,
  'S3_ENDPOINT' | 'S3_BUCKET' | 'S3_REGION' | 'S3_ACCESS_KEY_ID' | 'S3_SECRET_ACCESS_KEY' | 'S3_FORCE_PATH_STYLE' | 'S3_CREATE_BUCKET' | 'S3_MULTIPART_PART_MB'
>;

/**
 * S3 options from the environment, or undefined when S3_ENDPOINT is unset (the caller then uses
 * its embedded default). An endpoint without credentials is refused, naming the variable.
 */
export function s3OptionsFromEnv(env: S3Env): S3ObjectStoreOptions | undefined {
  if (!env.S3_ENDPOINT) return undefined;
  for (const name of ['S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
    if (!env[name]) throw new Error(`${name}: is not set; S3_ENDPOINT=${env.S3_ENDPOINT} needs credentials`);
  }
  return {
    endpoint: env.S3_ENDPOINT,
    bucket: env.S3_BUCKET,
    region: env.S3_REGION,
    accessKeyId: env.S3_ACCESS_KEY_ID as string,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY as string,
    forcePathStyle: env.S3_FORCE_PATH_STYLE,
    createBucket: env.S3_CREATE_BUCKET,
    partSizeBytes: env.S3_MULTIPART_PART_MB * MIB,
  };
}
