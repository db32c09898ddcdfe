import type { ObjectStore } from '@ledgerline/cdc';
import { s3ObjectStoreOptionsSchema, type S3ObjectStoreOptions } from './configuration.ts';
import { isNotFound } from './s3-errors.ts';

export interface OpenedS3ObjectStore {
  store: ObjectStore;
  description: string;
  close(): Promise<void>;
}

/**
 * Opens the ObjectStore on an S3-compatible server: checks the bucket answers (creating it when
 * allowed and missing), so a wrong endpoint or credentials fail at start, not at the first upload.
 * The SDK loads lazily: apps on the local-directory store never import it.
 */
export async function openS3ObjectStore(input: S3ObjectStoreOptions): Promise<OpenedS3ObjectStore> {
  const options = s3ObjectStoreOptionsSchema.parse(input);
  const { S3Client, HeadBucketCommand, CreateBucketCommand } = await import('@aws-sdk/client-s3');
  const { S3ObjectStore } = await import('./s3-object-store.ts');
  const client = new S3Client({
    endpoint: options.endpoint,
    region: options.region,
    forcePathStyle: options.forcePathStyle,
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    // Checksums only where an operation requires them: S3-compatible servers differ in which
    // of the SDK's default CRC32 headers they accept; the ETag (MD5) is the content check here.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
  });
  try {
    try {
      await client.send(new HeadBucketCommand({ Bucket: options.bucket }));
    } catch (error) {
      if (!isNotFound(error) || !options.createBucket) throw error;
      await client.send(new CreateBucketCommand({ Bucket: options.bucket }));
    }
  } catch (error) {
    client.destroy();
    throw new Error(`S3 bucket ${options.bucket} at ${options.endpoint} is not usable: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`, {
      cause: error,
    });
  }
  return {
    store: new S3ObjectStore(client, { bucket: options.bucket, partSizeBytes: options.partSizeBytes, partConcurrency: options.partConcurrency }),
    description: `S3 bucket ${options.bucket} at ${options.endpoint}${options.forcePathStyle ? ' (path-style)' : ''}`,
    close: async () => client.destroy(),
  };
}
